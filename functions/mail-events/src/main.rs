//! Lambda function `mail-events`: the EventBridge rule target that records SES delivery
//! events (delivered, hard bounce, complaint) on the invite the message was sent for.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run_mail_events().await
}
