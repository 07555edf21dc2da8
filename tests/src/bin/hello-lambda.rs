//! The baseline of the Lambda benchmark: a hello-world `lambda_runtime` function built
//! with the same profile as ours.

use lambda_runtime::{service_fn, Error, LambdaEvent};
use serde_json::{json, Value};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_runtime::run(service_fn(|event: LambdaEvent<Value>| async move {
        Ok::<_, Error>(json!({ "hello": "world", "request_id": event.context.request_id }))
    }))
    .await
}
