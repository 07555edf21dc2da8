//! Use cases of a big room's lists: pages of invites and participants with an opaque
//! cursor, the room summary, and the CSV exports (streamed, or published as a file
//! when `App::exports` is set, as on AWS).

use super::{App, Host};
use crate::domain::listing::{
    csv_row, invite_csv_row, participant_csv_row, CursorKey, InviteFilter, PageRequest,
    ParticipantFilter, Position, RoomSummary, INVITES_CSV_HEADER, MAX_LIMIT,
    PARTICIPANTS_CSV_HEADER,
};
use crate::domain::{InviteView, Participant, Result};
use futures_util::stream::{self, BoxStream, StreamExt};

/// One page of a list as the HTTP layer shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListPage<T> {
    pub items: Vec<T>,
    /// The cursor of the next page; `None` at the end.
    pub next_cursor: Option<String>,
}

/// A list request: filter, page size, and the previous page's cursor.
#[derive(Debug, Clone, Default)]
pub struct ListQuery<F> {
    pub filter: F,
    pub limit: usize,
    pub cursor: Option<String>,
}

/// A CSV export: the rows as a stream of chunks (local mode), or the URL of the finished
/// file (when exports are published, on AWS).
pub enum Export {
    Stream(BoxStream<'static, Result<String>>),
    Url(String),
}

impl std::fmt::Debug for Export {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Export::Stream(_) => f.write_str("Export::Stream"),
            Export::Url(_) => f.write_str("Export::Url(..)"),
        }
    }
}

impl App {
    pub(super) fn cursor_key(&self) -> CursorKey {
        CursorKey::derive(&self.config.list_key)
    }

    pub async fn list_invites(
        &self,
        host: &Host,
        room_id: &str,
        q: ListQuery<InviteFilter>,
    ) -> Result<ListPage<InviteView>> {
        self.room_of_host(host, room_id).await?;
        let key = self.cursor_key();
        let after = q
            .cursor
            .as_deref()
            .map(|c| key.open_invites(room_id, &q.filter, c))
            .transpose()?;
        let now = self.clock.now();
        let page = self
            .store
            .list_invites(
                room_id,
                &q.filter,
                now,
                &PageRequest {
                    limit: q.limit,
                    after,
                },
            )
            .await?;
        Ok(ListPage {
            items: page.items.iter().map(|i| i.view(now)).collect(),
            next_cursor: page.next.map(|p| key.seal_invites(room_id, &q.filter, &p)),
        })
    }

    pub async fn list_participants(
        &self,
        host: &Host,
        room_id: &str,
        q: ListQuery<ParticipantFilter>,
    ) -> Result<ListPage<Participant>> {
        self.room_of_host(host, room_id).await?;
        let key = self.cursor_key();
        let after = q
            .cursor
            .as_deref()
            .map(|c| key.open_participants(room_id, &q.filter, c))
            .transpose()?;
        let page = self
            .store
            .list_participants(
                room_id,
                &q.filter,
                &PageRequest {
                    limit: q.limit,
                    after,
                },
            )
            .await?;
        Ok(ListPage {
            items: page.items,
            next_cursor: page
                .next
                .map(|p| key.seal_participants(room_id, &q.filter, &p)),
        })
    }

    pub async fn room_summary(&self, host: &Host, room_id: &str) -> Result<RoomSummary> {
        self.room_of_host(host, room_id).await?;
        Ok(self.store.room_summary(room_id, self.clock.now()).await?)
    }

    /// `invites.csv`: every invite of the room that matches `filter`, in creation order.
    pub async fn export_invites(
        &self,
        host: &Host,
        room_id: &str,
        filter: InviteFilter,
    ) -> Result<Export> {
        self.room_of_host(host, room_id).await?;
        let app = self.clone();
        let room = room_id.to_owned();
        let rows = csv_stream(&INVITES_CSV_HEADER, move |after| {
            let (app, room, filter) = (app.clone(), room.clone(), filter.clone());
            async move {
                let now = app.clock.now();
                let page = app
                    .store
                    .list_invites(
                        &room,
                        &filter,
                        now,
                        &PageRequest {
                            limit: MAX_LIMIT,
                            after,
                        },
                    )
                    .await?;
                let mut chunk = String::with_capacity(page.items.len() * 160);
                for i in &page.items {
                    invite_csv_row(&mut chunk, i, now);
                }
                Ok((chunk, page.next))
            }
        });
        self.finish_export(room_id, "invites.csv", rows).await
    }

    /// `participants.csv`: every participant of the room that matches `filter`, in join
    /// order.
    pub async fn export_participants(
        &self,
        host: &Host,
        room_id: &str,
        filter: ParticipantFilter,
    ) -> Result<Export> {
        self.room_of_host(host, room_id).await?;
        let app = self.clone();
        let room = room_id.to_owned();
        let rows = csv_stream(&PARTICIPANTS_CSV_HEADER, move |after| {
            let (app, room, filter) = (app.clone(), room.clone(), filter.clone());
            async move {
                let page = app
                    .store
                    .list_participants(
                        &room,
                        &filter,
                        &PageRequest {
                            limit: MAX_LIMIT,
                            after,
                        },
                    )
                    .await?;
                let mut chunk = String::with_capacity(page.items.len() * 80);
                for p in &page.items {
                    participant_csv_row(&mut chunk, p);
                }
                Ok((chunk, page.next))
            }
        });
        self.finish_export(room_id, "participants.csv", rows).await
    }

    /// Streams the rows, or, with a publisher, writes the whole file and returns its URL.
    async fn finish_export(
        &self,
        room_id: &str,
        filename: &str,
        mut rows: BoxStream<'static, Result<String>>,
    ) -> Result<Export> {
        let Some(exports) = &self.exports else {
            return Ok(Export::Stream(rows));
        };
        let mut file = Vec::new();
        while let Some(chunk) = rows.next().await {
            file.extend_from_slice(chunk?.as_bytes());
        }
        let bytes = file.len();
        let url = exports
            .publish(room_id, filename, "text/csv; charset=utf-8", file)
            .await
            .map_err(|e| super::unavailable("export bucket", super::STORE_RETRY_AFTER, e))?;
        tracing::info!(room_id, filename, bytes, "export published");
        Ok(Export::Url(url))
    }
}

/// The header row, then one chunk per page that `page` reads after the previous
/// page's end, until a page says there is none after it.
fn csv_stream<F, Fut>(header: &[&str], page: F) -> BoxStream<'static, Result<String>>
where
    F: Fn(Option<Position>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<(String, Option<Position>)>> + Send + 'static,
{
    let mut head = String::new();
    csv_row(&mut head, header);
    enum State {
        Start,
        After(Position),
        Done,
    }
    let body = stream::unfold((State::Start, page), |(state, page)| async move {
        let after = match state {
            State::Done => return None,
            State::Start => None,
            State::After(p) => Some(p),
        };
        match page(after).await {
            Ok((chunk, Some(next))) => Some((Ok(chunk), (State::After(next), page))),
            Ok((chunk, None)) => Some((Ok(chunk), (State::Done, page))),
            Err(e) => Some((Err(e), (State::Done, page))),
        }
    });
    stream::once(async move { Ok(head) }).chain(body).boxed()
}
