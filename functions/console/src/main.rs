//! Lambda function `console`: the host console (/console…), server-rendered pages on the
//! host use cases, signed in at the hosts' provider.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run_http(
        shared::http::console::routes,
        shared::lambda::Needs::CONSOLE,
    )
    .await
}
