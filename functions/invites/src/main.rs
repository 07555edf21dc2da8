//! Lambda function `invites`: invite issuance — the host API of invites
//! (/api/rooms/{id}/invites…, `invites_routes`) and the invitations participants send
//! from inside the room (POST /rooms/{id}/invites).

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run_http(
        shared::http::invite_issuance_routes,
        shared::lambda::Needs::INVITES,
    )
    .await
}
