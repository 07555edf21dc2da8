//! Lambda function `session-start`: the EventBridge Scheduler target that sets a room live at its start.

#[tokio::main]
async fn main() -> Result<(), shared::lambda::Error> {
    shared::lambda::run_session_start().await
}
