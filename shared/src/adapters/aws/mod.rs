//! The AWS adapters of the ports (feature `aws`): DynamoDB store, SES v2 mailer,
//! EventBridge Scheduler session-start trigger, EventBridge event publisher, S3
//! exports and live updates on AppSync Events (publisher and authorizer).

pub mod appsync_events;
pub mod call_counter;
pub mod config;
pub mod dynamo;
pub mod eventbridge;
pub mod failures;
pub mod live_authorizer;
pub mod s3_exports;
pub mod scheduler;
pub mod ses_mailer;
pub mod sqs_mail_queue;

pub use appsync_events::{AppSyncEvents, LiveSettings};
pub use call_counter::CallCounter;
pub use config::{sdk_config_loader, AwsClients, AwsSettings};
pub use dynamo::DynamoStore;
pub use eventbridge::EventBridgePublisher;
pub use s3_exports::S3Exports;
pub use scheduler::EventBridgeScheduler;
pub use ses_mailer::SesMailer;
pub use sqs_mail_queue::SqsMailQueue;
