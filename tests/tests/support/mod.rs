//! Helpers of the AWS adapter tests.
#![allow(dead_code)]

pub use acceptance::moto;

use shared::adapters::aws::dynamo::table::create_table;
use shared::adapters::aws::{AwsClients, CallCounter, DynamoStore};

pub const TABLE: &str = "room-invites-test";

/// A DynamoDB store on a fresh table in `moto` (which the caller has leased and reset).
pub async fn dynamo_store(moto: &moto::Moto, counter: Option<&CallCounter>) -> DynamoStore {
    let clients = AwsClients::new(&moto.sdk_config().await, counter);
    create_table(&clients.dynamodb, TABLE)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    DynamoStore::new(clients.dynamodb, TABLE)
}
