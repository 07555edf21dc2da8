//! Lambda function `redemption`: the public join flow and pages (/join/{token}, /rooms/{id}, status, me, entry, live, assets).

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run_http(shared::http::join::routes, shared::lambda::Needs::PUBLIC).await
}
