//! CSV exports on S3: the finished file is written under `exports/{room_id}/{ulid}/` and
//! handed out as a pre-signed `GetObject` URL that works for a few minutes. The bucket
//! encrypts at rest, blocks public access and deletes exports after a day (template).

use crate::ports::{ExportError, ExportFiles};
use async_trait::async_trait;
use aws_sdk_s3::error::DisplayErrorContext;
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use aws_sdk_s3::Client;
use std::time::Duration;

/// How long a download link works.
pub const LINK_VALIDITY: Duration = Duration::from_secs(300);

#[derive(Clone)]
pub struct S3Exports {
    client: Client,
    bucket: String,
}

impl S3Exports {
    pub fn new(client: Client, bucket: impl Into<String>) -> Self {
        S3Exports {
            client,
            bucket: bucket.into(),
        }
    }

    /// The object key of a new export of `filename`.
    fn key(room_id: &str, filename: &str) -> String {
        format!("exports/{room_id}/{}/{filename}", ulid::Ulid::new())
    }
}

fn err(what: &str, e: impl std::error::Error) -> ExportError {
    ExportError(format!("{what}: {}", DisplayErrorContext(e)))
}

#[async_trait]
impl ExportFiles for S3Exports {
    async fn publish(
        &self,
        room_id: &str,
        filename: &str,
        content_type: &str,
        body: Vec<u8>,
    ) -> Result<String, ExportError> {
        let key = Self::key(room_id, filename);
        self.client
            .put_object()
            .bucket(&self.bucket)
            .key(&key)
            .content_type(content_type)
            .content_disposition(format!("attachment; filename=\"{filename}\""))
            .body(ByteStream::from(body))
            .send()
            .await
            .map_err(|e| err("put export", e))?;
        let presigning = PresigningConfig::expires_in(LINK_VALIDITY)
            .map_err(|e| ExportError(format!("presigning config: {e}")))?;
        let request = self
            .client
            .get_object()
            .bucket(&self.bucket)
            .key(&key)
            .presigned(presigning)
            .await
            .map_err(|e| err("presign export", e))?;
        Ok(request.uri().to_owned())
    }
}
