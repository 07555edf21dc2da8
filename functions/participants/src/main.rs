//! Lambda function `participants`: the host API of participants and roles (/api/rooms/{id}/participants…).

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run_http(
        shared::http::host_api::participants_routes,
        shared::lambda::Needs::PARTICIPANTS,
    )
    .await
}
