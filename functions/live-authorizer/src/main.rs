//! Lambda function `live-authorizer`: the AppSync Event API's Lambda authorizer; lets a
//! page with a live token connect and subscribe to its room's and its own channel only.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run_live_authorizer().await
}
