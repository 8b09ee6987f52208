//! Workers: claim a job, read the document, write the result.
//!
//! A claim is a lease. A running job renews it; if the worker dies, the lease
//! runs out and another worker takes the job over. Results are written with
//! the lease token, so a worker that lost its lease cannot overwrite the
//! result of the one that took over, and a document's result is written once.

use std::sync::Arc;
use std::time::Duration;

use kvitas_extract::{ExtractError, Extraction, Input, KnownSupplier, Options};
use tokio::sync::{Notify, watch};

use crate::blob::SharedBlobs;
use crate::config::Config;
use crate::store::{Job, Outcome, SharedStore};

/// What one step of a worker did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Ran a job.
    Done,
    /// Found nothing to do.
    Empty,
}

/// Confidence below which a field sends its document to review.
pub const REVIEW_BELOW: f32 = 0.9;

/// How many of the account's confirmed suppliers a document's supplier is
/// recognised among (the most recently checked ones).
pub const KNOWN_SUPPLIERS: u32 = 2000;

/// A worker's handles and settings.
#[derive(Clone)]
pub struct Worker {
    store: SharedStore,
    blobs: SharedBlobs,
    config: Arc<Config>,
    /// Turns true when a running job must be handed back unfinished.
    abandon: watch::Receiver<bool>,
}

/// The job was handed back because the worker is shutting down.
#[derive(Debug, thiserror::Error)]
#[error("the worker shut down before the job finished")]
struct Abandoned;

impl Worker {
    /// A worker on this store and blob store; when `abandon` turns true, a
    /// running job is given back to the queue at once.
    pub fn new(store: SharedStore, blobs: SharedBlobs, config: Arc<Config>, abandon: watch::Receiver<bool>) -> Worker {
        Worker { store, blobs, config, abandon }
    }

    fn lease(&self) -> Duration {
        Duration::from_secs(self.config.worker.lease_secs.max(1))
    }

    /// Claims and runs one job.
    pub async fn try_execute_job(&self) -> anyhow::Result<Step> {
        let Some(job) = self.store.claim_job(self.lease()).await? else {
            return Ok(Step::Empty);
        };
        if job.attempts > self.config.worker.max_attempts {
            let reason = format!("unreadable: reading failed {} times", job.attempts - 1);
            self.store.complete_job(&job, Outcome::Rejected { reason }).await?;
            return Ok(Step::Done);
        }
        match self.run(&job).await {
            Ok(outcome) => {
                let label = match &outcome {
                    Outcome::Read { needs_review: false, .. } => "digitized",
                    Outcome::Read { needs_review: true, .. } => "needs_review",
                    Outcome::Rejected { .. } => "rejected",
                };
                metrics::counter!("kvitas_jobs_total", "outcome" => label).increment(1);
                if !self.store.complete_job(&job, outcome).await? {
                    tracing::warn!(job = job.id, "lease lost before the result was written; another worker has it");
                }
            }
            Err(e) if e.is::<Abandoned>() => {
                metrics::counter!("kvitas_jobs_total", "outcome" => "released").increment(1);
                tracing::info!(job = job.id, "shutting down: job handed back to the queue");
                self.store.release_job(&job, &e.to_string(), Duration::ZERO, false).await?;
            }
            Err(e) => {
                metrics::counter!("kvitas_jobs_total", "outcome" => "retried").increment(1);
                tracing::warn!(job = job.id, error = %format!("{e:#}"), "job failed; it will be retried");
                let delay = Duration::from_secs(2u64.saturating_pow(job.attempts.clamp(0, 10) as u32));
                self.store.release_job(&job, &format!("{e:#}"), delay, true).await?;
            }
        }
        Ok(Step::Done)
    }

    /// Reads the job's document while keeping its lease alive.
    async fn run(&self, job: &Job) -> anyhow::Result<Outcome> {
        let doc = self.store.document(job.account, job.document).await?;
        let bytes = self.blobs.get(&doc.arrival.blob_key).await?;
        let lang = self.config.ocr.lang.clone();
        let known = self.store.confirmed_suppliers(job.account, KNOWN_SUPPLIERS).await?;
        let mut reading = tokio::task::spawn_blocking(move || read(bytes, &lang, known));
        let renew = self.lease() / 3;
        let mut abandon = self.abandon.clone();
        let mut can_abandon = true;
        loop {
            tokio::select! {
                done = &mut reading => return done?,
                told = async { abandon.wait_for(|a| *a).await.is_ok() }, if can_abandon => {
                    // The reading thread cannot be interrupted; its result is
                    // dropped, and the job goes back to the queue.
                    if told { return Err(Abandoned.into()) }
                    can_abandon = false;
                }
                () = tokio::time::sleep(renew) => {
                    if !self.store.extend_lease(job, self.lease()).await? {
                        anyhow::bail!("lease lost while reading");
                    }
                }
            }
        }
    }

    /// Runs jobs until `stop` turns true; waits on `wake` (or the poll
    /// interval) when idle. A job under way when `stop` comes is finished.
    pub async fn run_until_stopped(self, mut stop: watch::Receiver<bool>, wake: Arc<Notify>) {
        let poll = Duration::from_millis(self.config.worker.poll_ms.max(10));
        while !*stop.borrow() {
            let idle = match self.try_execute_job().await {
                Ok(Step::Done) => false,
                Ok(Step::Empty) => true,
                Err(e) => {
                    tracing::error!(error = %format!("{e:#}"), "worker step failed");
                    true
                }
            };
            if idle {
                tokio::select! {
                    _ = stop.changed() => {}
                    () = wake.notified() => {}
                    () = tokio::time::sleep(poll) => {}
                }
            }
        }
    }
}

/// Reads a file and turns the result into an outcome. Reading errors that
/// come from the file reject it; a failing OCR engine is the machine's fault
/// and the job is retried.
fn read(bytes: Vec<u8>, lang: &str, known_suppliers: Vec<KnownSupplier>) -> anyhow::Result<Outcome> {
    let mut ocr = crate::scan::ThreadEngine::new(lang);
    let opts = Options { known_suppliers, ..Options::default() };
    match kvitas_extract::read(Input::Bytes(bytes), &mut ocr, &opts) {
        Ok(extraction) => Ok(outcome(&extraction)),
        Err(ExtractError::Ocr(msg)) => Err(anyhow::anyhow!("ocr engine failed: {msg}")),
        Err(e @ ExtractError::Unsupported { .. }) => Ok(Outcome::Rejected { reason: e.to_string() }),
        Err(e) => Ok(Outcome::Rejected { reason: format!("unreadable: {e}") }),
    }
}

/// A read document is final only when every field is confident, nothing is
/// in doubt and its type is known.
fn outcome(extraction: &Extraction) -> Outcome {
    let unsure = extraction.fields.iter().any(|f| f.confidence < REVIEW_BELOW);
    let needs_review = unsure || !extraction.issues.is_empty() || extraction.data.document_type.is_none();
    let value = serde_json::to_value(extraction).unwrap_or(serde_json::Value::Null);
    Outcome::Read { extraction: value, needs_review }
}
