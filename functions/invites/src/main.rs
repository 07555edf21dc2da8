//! Lambda function `invites`: the host API of invites (/api/rooms/{id}/invites…).

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run_http(
        shared::http::host_api::invites_routes,
        shared::lambda::Needs::INVITES,
    )
    .await
}
