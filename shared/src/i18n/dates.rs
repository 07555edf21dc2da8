//! Dates and times per locale with ICU4X (Gregorian calendar, the locale's digits,
//! words and order), in an IANA time zone from the tz database (`chrono-tz`): emails
//! show the start in the room's `timezone` with its UTC offset, pages in UTC until the
//! page's script shows it in the browser's own zone.

use super::Lang;
use crate::tr;
use chrono::{Datelike, Offset, TimeZone as _, Timelike};
use chrono_tz::Tz;
use icu_calendar::{Date, Gregorian};
use icu_datetime::fieldsets::{self, zone::LocalizedOffsetLong, YMDET, YMDT};
use icu_datetime::input::{DateTime, Time, UtcOffset};
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use std::sync::OnceLock;
use time::OffsetDateTime;

/// An IANA time zone name of the tz database (`Europe/Berlin`), as the database spells
/// it; anything else is refused with a sentence.
pub fn validate_timezone(name: &str) -> Result<String, String> {
    let name = name.trim();
    name.parse::<Tz>()
        .map(|tz| tz.name().to_owned())
        .map_err(|_| {
            format!("timezone must be an IANA time zone name such as Europe/Berlin or America/New_York, not {name:?}.")
        })
}

/// The wall-clock time and UTC offset (seconds) of `t` in the zone `zone` (UTC when
/// `None` or unknown).
pub fn in_zone(t: OffsetDateTime, zone: Option<&str>) -> (chrono::NaiveDateTime, i32) {
    let utc = chrono::DateTime::from_timestamp(t.unix_timestamp(), 0).unwrap_or_default();
    match zone.and_then(|z| z.parse::<Tz>().ok()) {
        Some(tz) => {
            let local = tz.from_utc_datetime(&utc.naive_utc());
            (local.naive_local(), local.offset().fix().local_minus_utc())
        }
        None => (utc.naive_utc(), 0),
    }
}

type LongDateTime = FixedCalendarDateTimeFormatter<Gregorian, YMDET>;

fn date_time_formatter(lang: Lang) -> Option<&'static LongDateTime> {
    static ALL: OnceLock<Vec<Option<LongDateTime>>> = OnceLock::new();
    ALL.get_or_init(|| {
        Lang::all()
            .map(|l| {
                let locale: icu_locale_core::Locale = l.tag().parse().ok()?;
                LongDateTime::try_new(locale.into(), fieldsets::YMDE::long().with_time_hm())
                    .map_err(|e| tracing::error!(locale = l.tag(), ?e, "no date formatter"))
                    .ok()
            })
            .collect()
    })
    .get(lang.0)
    .and_then(Option::as_ref)
}

type ShortDateTime = FixedCalendarDateTimeFormatter<Gregorian, YMDT>;

fn short_date_time_formatter(lang: Lang) -> Option<&'static ShortDateTime> {
    static ALL: OnceLock<Vec<Option<ShortDateTime>>> = OnceLock::new();
    ALL.get_or_init(|| {
        Lang::all()
            .map(|l| {
                let locale: icu_locale_core::Locale = l.tag().parse().ok()?;
                ShortDateTime::try_new(locale.into(), fieldsets::YMD::medium().with_time_hm())
                    .map_err(|e| tracing::error!(locale = l.tag(), ?e, "no date formatter"))
                    .ok()
            })
            .collect()
    })
    .get(lang.0)
    .and_then(Option::as_ref)
}

fn offset_formatter(lang: Lang) -> Option<&'static NoCalendarFormatter<LocalizedOffsetLong>> {
    static ALL: OnceLock<Vec<Option<NoCalendarFormatter<LocalizedOffsetLong>>>> = OnceLock::new();
    ALL.get_or_init(|| {
        Lang::all()
            .map(|l| {
                let locale: icu_locale_core::Locale = l.tag().parse().ok()?;
                NoCalendarFormatter::try_new(locale.into(), LocalizedOffsetLong).ok()
            })
            .collect()
    })
    .get(lang.0)
    .and_then(Option::as_ref)
}

/// A wall-clock date and time in the locale's long form with the weekday
/// (`Tuesday, December 1, 2026 at 3:00 PM`, `Dienstag, 1. Dezember 2026 um 15:00`).
pub fn wall_clock(lang: Lang, t: chrono::NaiveDateTime) -> String {
    let input = Date::try_new_gregorian(t.year(), t.month() as u8, t.day() as u8)
        .ok()
        .zip(Time::try_new(t.hour() as u8, t.minute() as u8, 0, 0).ok());
    match (date_time_formatter(lang), input) {
        (Some(f), Some((date, time))) => f.format(&DateTime { date, time }).to_string(),
        _ => t.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// A wall-clock date and time in the locale's medium form, for tables (`Dec 1, 2026,
/// 3:00 PM`, `01.12.2026, 15:00`).
pub fn wall_clock_short(lang: Lang, t: chrono::NaiveDateTime) -> String {
    let input = Date::try_new_gregorian(t.year(), t.month() as u8, t.day() as u8)
        .ok()
        .zip(Time::try_new(t.hour() as u8, t.minute() as u8, 0, 0).ok());
    match (short_date_time_formatter(lang), input) {
        (Some(f), Some((date, time))) => f.format(&DateTime { date, time }).to_string(),
        _ => t.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// A UTC offset in the locale's words (`GMT+01:00`, `UTC+1`, `غرينتش+١`).
pub fn offset(lang: Lang, seconds: i32) -> String {
    match (offset_formatter(lang), UtcOffset::try_from_seconds(seconds)) {
        (Some(f), Ok(o)) => f.format(&o).to_string(),
        _ => format!(
            "UTC{:+03}:{:02}",
            seconds / 3600,
            (seconds.abs() % 3600) / 60
        ),
    }
}

/// A time in an email: in the room's time zone with the zone's name and UTC offset, or
/// in UTC when the room has none.
pub fn in_room_zone(lang: Lang, t: OffsetDateTime, zone: Option<&str>) -> String {
    let zone = zone.filter(|z| z.parse::<Tz>().is_ok());
    let (local, secs) = in_zone(t, zone);
    let datetime = wall_clock(lang, local);
    match zone {
        Some(zone) => tr!(
            lang,
            "time-in-zone",
            datetime = datetime,
            zone = zone,
            offset = offset(lang, secs)
        ),
        None => tr!(lang, "time-utc", datetime = datetime),
    }
}

/// A time on a page before the script shows it in the browser's zone: UTC.
pub fn utc(lang: Lang, t: OffsetDateTime) -> String {
    in_room_zone(lang, t, None)
}

/// A time in a table: UTC, in the locale's medium form (no weekday).
pub fn utc_short(lang: Lang, t: OffsetDateTime) -> String {
    let (local, _) = in_zone(t, None);
    tr!(lang, "time-utc", datetime = wall_clock_short(lang, local))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn lang(tag: &str) -> Lang {
        Lang::from_tag(tag).expect("shipped")
    }

    #[test]
    fn dates_follow_the_locale() {
        let t = datetime!(2026-12-01 15:00 UTC);
        let en = in_room_zone(Lang::EN, t, Some("Europe/Berlin"));
        assert!(en.contains("Tuesday, December 1, 2026"), "{en}");
        assert!(en.contains("4:00"), "{en}");
        assert!(en.contains("Europe/Berlin"), "{en}");
        assert!(en.contains("GMT+01:00"), "{en}");
        let de = in_room_zone(lang("de"), t, Some("Europe/Berlin"));
        assert!(de.contains("Dienstag, 1. Dezember 2026"), "{de}");
        assert!(de.contains("16:00"), "{de}");
        let ja = in_room_zone(lang("ja"), t, Some("Asia/Tokyo"));
        assert!(ja.contains("2026年12月2日"), "{ja}");
        assert!(ja.contains("0:00"), "{ja}");
        let fr = in_room_zone(lang("fr"), t, None);
        assert!(fr.contains("mardi 1 décembre 2026"), "{fr}");
        assert!(fr.contains("15:00"), "{fr}");
        let short = utc_short(Lang::EN, t);
        assert!(
            short.contains("Dec 1, 2026") && short.ends_with("UTC"),
            "{short}"
        );
        let de = utc_short(lang("de"), t);
        assert!(de.contains("01.12.2026") && de.contains("15:00"), "{de}");
        let ar = in_room_zone(lang("ar"), t, None);
        assert!(ar.contains("ديسمبر"), "{ar}");
        assert!(ar.contains("الثلاثاء"), "{ar}");
    }

    #[test]
    fn a_dst_boundary_moves_the_offset_not_the_wall_clock_rule() {
        // Europe/Berlin leaves summer time at 01:00 UTC on 25 October 2026.
        let before = in_room_zone(
            Lang::EN,
            datetime!(2026-10-25 00:30 UTC),
            Some("Europe/Berlin"),
        );
        let after = in_room_zone(
            Lang::EN,
            datetime!(2026-10-25 01:30 UTC),
            Some("Europe/Berlin"),
        );
        assert!(
            before.contains("2:30") && before.contains("GMT+02:00"),
            "{before}"
        );
        assert!(
            after.contains("2:30") && after.contains("GMT+01:00"),
            "{after}"
        );
        // New York enters summer time at 07:00 UTC on 8 March 2026.
        let ny = in_room_zone(
            Lang::EN,
            datetime!(2026-03-08 07:30 UTC),
            Some("America/New_York"),
        );
        assert!(ny.contains("3:30") && ny.contains("GMT-04:00"), "{ny}");
    }

    #[test]
    fn time_zones_are_validated() {
        assert_eq!(
            validate_timezone("Europe/Berlin").as_deref(),
            Ok("Europe/Berlin")
        );
        assert!(validate_timezone("Mars/Olympus").is_err());
        assert!(validate_timezone("").is_err());
        assert!(validate_timezone("+01:00").is_err());
    }
}
