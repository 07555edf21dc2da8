//! One client of the crash run: its operations, what it was answered, and what it
//! retries after a lost answer.

use super::*;

pub(super) struct Worker {
    pub(super) id: usize,
    pub(super) rng: Rng,
    pub(super) client: reqwest::Client,
    pub(super) base: String,
    pub(super) outbox_dir: PathBuf,
    pub(super) outbox: Arc<Mutex<Outbox>>,
    pub(super) token: String,
    pub(super) ledger: Ledger,
    pub(super) seq: u64,
    /// Acknowledged invites not yet redeemed: (room, email).
    pub(super) unredeemed: Vec<(String, String)>,
    /// A bulk request whose answer was lost, to send again with its key.
    pub(super) pending_bulk: Option<(String, String, Value)>,
    /// A redemption whose answer was lost: (room, email, link).
    pub(super) pending_redeem: Option<(String, String, String)>,
}

impl Worker {
    pub(super) fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    pub(super) fn email(&mut self) -> String {
        let n = self.next_seq();
        format!("w{}-{n}@example.com", self.id)
    }

    pub(super) fn api(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token)
    }

    /// One operation; `false` when its answer was lost.
    pub(super) async fn step(&mut self) -> bool {
        if let Some((room, key, body)) = self.pending_bulk.clone() {
            return self.bulk(&room, key, body, true).await;
        }
        if let Some((room, email, link)) = self.pending_redeem.clone() {
            return self.redeem(room, email, link, true).await;
        }
        let load_rooms: Vec<String> = self
            .ledger
            .rooms
            .iter()
            .filter(|(_, r)| !r.arm)
            .map(|(id, _)| id.clone())
            .collect();
        let roll = self.rng.range(0, 100);
        let Some(room) = self.rng.pick(&load_rooms).cloned() else {
            return self.create_room(false).await;
        };
        match roll {
            0..=7 => self.create_room(false).await,
            8..=11 => self.create_room(true).await,
            12..=39 => self.invite_one(&room).await,
            40..=51 => {
                let entries: Vec<Value> = (0..5).map(|_| json!({"email": self.email()})).collect();
                let n = self.next_seq();
                let key = format!("crash-w{}-{n}", self.id);
                self.bulk(&room, key, json!({ "invites": entries }), false)
                    .await
            }
            52..=73 => self.redeem_some(&room).await,
            74..=87 => self.change_role().await,
            _ => self.reschedule(&room).await,
        }
    }

    pub(super) async fn create_room(&mut self, arm: bool) -> bool {
        let now = now_s();
        let starts = if arm {
            now + time::Duration::seconds(self.rng.range(2, 6) as i64)
        } else {
            now + time::Duration::seconds(self.rng.range(86_400, 3 * 86_400) as i64)
        };
        let kind = if arm { "soon-room" } else { "room" };
        let n = self.next_seq();
        let title = format!("Crash w{} n{n}", self.id);
        let body = json!({"title": title, "starts_at": fmt(starts), "reminders": []});
        let request = self.api(reqwest::Method::POST, "/api/rooms").json(&body);
        match send(request).await {
            Answer::Got {
                status: 201, body, ..
            } => {
                let id = body["room_id"].as_str().expect("room_id").to_owned();
                self.ledger.rooms.insert(
                    id,
                    RoomRec {
                        acked: starts,
                        later: vec![],
                        arm,
                    },
                );
                self.ledger.ack(kind);
                true
            }
            Answer::Got { status, body, .. } => {
                self.ledger.refuse(kind, status, &body);
                true
            }
            Answer::Lost => {
                self.ledger.lose(kind);
                false
            }
        }
    }

    pub(super) fn record_invite(&mut self, room: &str, invite: &Value) {
        let id = invite["invite_id"].as_str().expect("invite_id").to_owned();
        let email = invite["email"].as_str().expect("email").to_owned();
        self.unredeemed.push((room.to_owned(), email.clone()));
        self.ledger.invites.insert(id, (room.to_owned(), email));
    }

    pub(super) async fn invite_one(&mut self, room: &str) -> bool {
        let email = self.email();
        let request = self
            .api(reqwest::Method::POST, &format!("/api/rooms/{room}/invites"))
            .json(&json!({ "email": email }));
        match send(request).await {
            Answer::Got {
                status: 201, body, ..
            } => {
                self.record_invite(room, &body);
                self.ledger.ack("invite");
                true
            }
            Answer::Got { status, body, .. } => {
                self.ledger.refuse("invite", status, &body);
                true
            }
            Answer::Lost => {
                self.ledger.lose("invite");
                false
            }
        }
    }

    pub(super) async fn bulk(&mut self, room: &str, key: String, body: Value, retry: bool) -> bool {
        let request = self
            .api(reqwest::Method::POST, &format!("/api/rooms/{room}/invites"))
            .header("Idempotency-Key", &key)
            .json(&body);
        let answer = send(request).await;
        if retry {
            if let Answer::Got { status, .. } = &answer {
                *self.ledger.bulk_retries.entry(*status).or_default() += 1;
            }
        }
        match answer {
            Answer::Got {
                status: 200,
                body: answer,
                replayed,
            } => {
                self.pending_bulk = None;
                let results = answer["results"].as_array().cloned().unwrap_or_default();
                for item in &results {
                    match item.get("invite") {
                        Some(invite) => {
                            self.record_invite(room, invite);
                            self.ledger.ack("bulk-invite");
                        }
                        None => self.ledger.refuse("bulk-entry", 200, item),
                    }
                }
                self.ledger
                    .ack(if replayed { "bulk-replayed" } else { "bulk" });
                true
            }
            Answer::Got { status, body, .. } => {
                self.pending_bulk = None;
                self.ledger.refuse("bulk", status, &body);
                true
            }
            Answer::Lost => {
                self.ledger.lose("bulk");
                // Sent again with the same key once the server is back (at most once more).
                self.pending_bulk = (!retry).then(|| (room.to_owned(), key, body));
                false
            }
        }
    }

    pub(super) async fn redeem_some(&mut self, room: &str) -> bool {
        let link = {
            let mut outbox = self.outbox.lock().expect("outbox");
            outbox.refresh(&self.outbox_dir, &self.base);
            let candidates: Vec<usize> = (0..self.unredeemed.len()).collect();
            let found = candidates.iter().find_map(|&i| {
                let (_, email) = &self.unredeemed[i];
                outbox.links.get(email).map(|l| (i, l.clone()))
            });
            found
        };
        let Some((index, link)) = link else {
            // No invitation email yet: issue one instead.
            return self.invite_one(room).await;
        };
        let (room, email) = self.unredeemed.swap_remove(index);
        self.redeem(room, email, link, false).await
    }

    pub(super) async fn redeem(
        &mut self,
        room: String,
        email: String,
        link: String,
        retry: bool,
    ) -> bool {
        // One browser per (link, address): its lobby nonce (admission.md section 5) is
        // the same on the retry after a lost answer, which must be let in again.
        let nonce = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (&link, &email).hash(&mut h);
            let a = h.finish();
            a.hash(&mut h);
            format!("{a:016x}{:016x}", h.finish())
        };
        let request = self
            .client
            .post(format!("{}{link}", self.base))
            .header("cookie", format!("rooms_lobby={nonce}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "email={}",
                email.replace('+', "%2B").replace('@', "%40")
            ));
        let answer = send(request).await;
        if retry {
            if let Answer::Got { status, .. } = &answer {
                *self.ledger.redeem_retries.entry(*status).or_default() += 1;
            }
        }
        match answer {
            Answer::Got { status: 303, .. } => {
                self.pending_redeem = None;
                self.ledger.participants.insert(
                    (room, email),
                    RoleRec {
                        acked: "viewer".into(),
                        later: vec![],
                    },
                );
                self.ledger.ack("redemption");
                true
            }
            Answer::Got { status, body, .. } => {
                self.pending_redeem = None;
                self.ledger.refuse("redemption", status, &body);
                true
            }
            Answer::Lost => {
                self.ledger.lose("redemption");
                self.pending_redeem = (!retry).then_some((room, email, link));
                false
            }
        }
    }

    pub(super) async fn change_role(&mut self) -> bool {
        let keys: Vec<(String, String)> = self.ledger.participants.keys().cloned().collect();
        let Some((room, email)) = self.rng.pick(&keys).cloned() else {
            return self.create_room(false).await;
        };
        let role = *self
            .rng
            .pick(&["viewer", "speaker", "moderator"])
            .expect("a role");
        let request = self
            .api(
                reqwest::Method::PUT,
                &format!("/api/rooms/{room}/participants/{email}/role"),
            )
            .json(&json!({ "role": role }));
        let answer = send(request).await;
        let rec = self
            .ledger
            .participants
            .get_mut(&(room, email))
            .expect("participant");
        match answer {
            Answer::Got { status: 200, .. } => {
                rec.acked = role.to_owned();
                rec.later.clear();
                self.ledger.ack("role");
                true
            }
            Answer::Got { status, body, .. } => {
                self.ledger.refuse("role", status, &body);
                true
            }
            Answer::Lost => {
                rec.later.push(role.to_owned());
                self.ledger.lose("role");
                false
            }
        }
    }

    pub(super) async fn reschedule(&mut self, room: &str) -> bool {
        let starts = now_s() + time::Duration::seconds(self.rng.range(86_400, 3 * 86_400) as i64);
        let request = self
            .api(reqwest::Method::PATCH, &format!("/api/rooms/{room}"))
            .json(&json!({ "starts_at": fmt(starts) }));
        let answer = send(request).await;
        let rec = self.ledger.rooms.get_mut(room).expect("room");
        match answer {
            Answer::Got { status: 200, .. } => {
                rec.acked = starts;
                rec.later.clear();
                self.ledger.ack("reschedule");
                true
            }
            Answer::Got { status, body, .. } => {
                self.ledger.refuse("reschedule", status, &body);
                true
            }
            Answer::Lost => {
                rec.later.push(starts);
                self.ledger.lose("reschedule");
                false
            }
        }
    }

    /// Works while the server is up; after a lost answer, waits for the next life.
    pub(super) async fn run(mut self, mut life: watch::Receiver<Life>) -> Ledger {
        loop {
            let Ok(now) = life.wait_for(|l| l.stop || l.up).await.map(|l| *l) else {
                break;
            };
            if now.stop {
                break;
            }
            if !self.step().await {
                let generation = now.generation;
                if life
                    .wait_for(|l| l.stop || (l.up && l.generation > generation))
                    .await
                    .is_err()
                {
                    break;
                }
            }
        }
        self.ledger
    }
}

// ---- the checks after the last restart ----
