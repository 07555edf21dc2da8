//! Branding: one row per organization, found by the org or by its public hash.

use super::rows::{bad_value, err};
use super::SqliteStore;
use crate::domain::branding::{org_hash, Logo, Rgb};
use crate::domain::{Branding, EmailAddress};
use crate::ports::StoreError;
use rusqlite::{params, OptionalExtension, Row};

const COLUMNS: &str = "org, display_name, accent_color, logo, sender_name, reply_to, support_line";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Branding> {
    let accent: Option<String> = r.get(2)?;
    let logo: Option<Vec<u8>> = r.get(3)?;
    let reply_to: Option<String> = r.get(5)?;
    Ok(Branding {
        org: r.get(0)?,
        display_name: r.get(1)?,
        accent_color: accent
            .map(|c| Rgb::parse(&c).ok_or_else(|| bad_value("accent colour")))
            .transpose()?,
        logo: logo
            .map(|b| Logo::parse(b).map_err(|_| bad_value("logo")))
            .transpose()?,
        sender_name: r.get(4)?,
        reply_to: reply_to.map(EmailAddress::from_normalized),
        support_line: r.get(6)?,
    })
}

pub(super) async fn get_branding(db: &SqliteStore, org: &str) -> Result<Branding, StoreError> {
    let org = org.to_owned();
    db.with(move |c| {
        c.query_row(
            &format!("SELECT {COLUMNS} FROM branding WHERE org = ?1"),
            params![org],
            from_row,
        )
        .optional()
        .map(|b| b.unwrap_or_else(|| Branding::unset(&org)))
        .map_err(err)
    })
    .await
}

pub(super) async fn branding_by_org_hash(
    db: &SqliteStore,
    hash: &str,
) -> Result<Option<Branding>, StoreError> {
    let hash = hash.to_owned();
    db.with(move |c| {
        c.query_row(
            &format!("SELECT {COLUMNS} FROM branding WHERE org_hash = ?1"),
            params![hash],
            from_row,
        )
        .optional()
        .map_err(err)
    })
    .await
}

pub(super) async fn put_branding(db: &SqliteStore, branding: &Branding) -> Result<(), StoreError> {
    let b = branding.clone();
    db.with(move |c| {
        c.execute(
            "INSERT INTO branding (org, org_hash, display_name, accent_color, logo, sender_name,
                 reply_to, support_line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (org) DO UPDATE SET display_name = excluded.display_name,
                 accent_color = excluded.accent_color, logo = excluded.logo,
                 sender_name = excluded.sender_name, reply_to = excluded.reply_to,
                 support_line = excluded.support_line",
            params![
                b.org,
                org_hash(&b.org),
                b.display_name,
                b.accent_color.map(|c| c.css()),
                b.logo.as_ref().map(|l| l.bytes().to_vec()),
                b.sender_name,
                b.reply_to.as_ref().map(|a| a.as_str().to_owned()),
                b.support_line,
            ],
        )
        .map_err(err)?;
        Ok(())
    })
    .await
}
