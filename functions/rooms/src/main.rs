//! Lambda function `rooms`: the host API of rooms (/api/rooms…).

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run_http(
        shared::http::host_api::rooms_routes,
        shared::lambda::Needs::HOST_API,
    )
    .await
}
