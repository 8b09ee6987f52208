//! The HTTP service: every scenario runs on SQLite and on PostgreSQL.

use std::collections::HashSet;
use std::time::Duration;

use kvitas::store::{Arrival, NewDocument, Outcome, Queue};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::server::{Backend, TestServer, sample};

on_both_backends!(
    a_job_still_running_after_the_grace_period_is_handed_back_at_shutdown,
    companies_are_kept_per_account_and_validated,
    an_upload_is_read_and_can_be_fetched_with_its_file_and_history,
    the_same_file_uploaded_twice_is_one_document,
    user_errors_get_json_with_the_right_status,
    one_account_cannot_see_or_touch_another_accounts_documents,
    the_synchronous_scan_answers_with_the_result_or_408,
    queue_paging_during_concurrent_writes_sees_every_document_once,
    an_expired_lease_passes_the_job_on_and_the_old_holder_cannot_write,
    a_revoked_key_is_refused,
    corrections_are_audited_and_export_feeds_the_exported_queue,
    a_supplier_an_accountant_checked_is_trusted_on_its_next_document,
);

async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    let body = r.json().await.unwrap_or(Value::Null);
    (status, body)
}

async fn an_upload_is_read_and_can_be_fetched_with_its_file_and_history(b: Backend) {
    let s = TestServer::start(b).await;
    let key = s.key("acme").await;
    let bytes = sample("ubl-invoice.xml");
    let meta = json!({"external_id": "ERP-1", "userdata": {"batch": 7}, "company_code": "304567890"});
    let (status, body) = json_of(s.upload(&key, "ubl-invoice.xml", bytes.clone(), Some(meta)).await).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{body}");
    assert_eq!(body["status"], "received");
    let id = body["id"].as_str().unwrap().to_string();

    let doc = s.wait_read(&key, &id).await;
    assert_eq!(doc["status"], "digitized", "{doc}");
    assert_eq!(doc["external_id"], "ERP-1");
    assert_eq!(doc["userdata"], json!({"batch": 7}));
    assert_eq!(doc["media_type"], "application/xml");
    assert!(doc["data"]["invoice_number"].is_string(), "{doc}");
    assert!(doc["fields"].as_array().is_some_and(|f| !f.is_empty()));
    let kinds: Vec<&str> =
        doc["history"].as_array().unwrap().iter().map(|e| e["new_value"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["received", "processing", "digitized"]);

    let file = s.get(&key, &format!("/v1/documents/{id}/file")).await;
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.headers()["content-type"], "application/xml");
    assert_eq!(file.bytes().await.unwrap().to_vec(), bytes);

    let (status, page) = json_of(s.get(&key, "/v1/queues/digitized").await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["documents"].as_array().unwrap().len(), 1);
    assert_eq!(page["documents"][0]["id"], id.as_str());
    let (_, account) = json_of(s.get(&key, "/v1/account").await).await;
    assert_eq!(account["usage"], json!({"documents_this_month": 1, "documents_total": 1}));
    s.stop().await;
}

async fn the_same_file_uploaded_twice_is_one_document(b: Backend) {
    let s = TestServer::start_with(b, |c| c.worker.serve_workers = Some(0)).await;
    let key = s.key("acme").await;
    let bytes = sample("store-receipt.txt");
    let (first, a) = json_of(s.upload(&key, "a.txt", bytes.clone(), None).await).await;
    let (second, b2) = json_of(s.upload(&key, "b.txt", bytes, None).await).await;
    assert_eq!((first, second), (StatusCode::ACCEPTED, StatusCode::OK));
    assert_eq!(a["id"], b2["id"]);
    let (_, account) = json_of(s.get(&key, "/v1/account").await).await;
    assert_eq!(account["usage"]["documents_total"], 1);
    s.stop().await;
}

async fn user_errors_get_json_with_the_right_status(b: Backend) {
    let s = TestServer::start_with(b, |c| {
        c.server.max_upload_mb = 1;
        c.worker.serve_workers = Some(0);
    })
    .await;
    let key = s.key("acme").await;
    let expect = |what: &str, got: (StatusCode, Value), want: StatusCode, code: &str| {
        assert_eq!(got.0, want, "{what}: {}", got.1);
        assert_eq!(got.1["error"], code, "{what}: {}", got.1);
        assert!(got.1["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}: {}", got.1);
    };
    let no_key = s.client.get(s.url("/v1/account")).send().await.unwrap();
    expect("no key", json_of(no_key).await, StatusCode::UNAUTHORIZED, "unauthorized");
    expect(
        "bad key",
        json_of(s.get("kvitas_nope", "/v1/account").await).await,
        StatusCode::UNAUTHORIZED,
        "unauthorized",
    );
    expect("route", json_of(s.get(&key, "/v1/nothing").await).await, StatusCode::NOT_FOUND, "not_found");
    expect("bad id", json_of(s.get(&key, "/v1/documents/12").await).await, StatusCode::BAD_REQUEST, "bad_request");
    let unknown = format!("/v1/documents/{}", uuid::Uuid::now_v7());
    expect("unknown id", json_of(s.get(&key, &unknown).await).await, StatusCode::NOT_FOUND, "not_found");
    let pdf = sample("lt-pvm-saskaita.pdf");
    let r = s.upload(&key, "x.pdf", b"PK\x03\x04 a zip file".to_vec(), None).await;
    expect("unsupported", json_of(r).await, StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type");
    let r = s.upload(&key, "big.pdf", vec![b'%'; 3 << 20], None).await;
    expect("too large", json_of(r).await, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large");
    let r = s.upload(&key, "x.pdf", vec![], None).await;
    expect("empty", json_of(r).await, StatusCode::BAD_REQUEST, "bad_request");
    let r = s.upload(&key, "x.pdf", pdf.clone(), Some(json!({"document_type": "menu"}))).await;
    expect("bad hint", json_of(r).await, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    let r = s.upload(&key, "x.pdf", pdf, Some(json!({"colour": "red"}))).await;
    expect("unknown metadata", json_of(r).await, StatusCode::UNPROCESSABLE_ENTITY, "unprocessable");
    let r = s.client.post(s.url("/v1/documents")).header("x-api-key", &key).body("x").send().await.unwrap();
    assert!(r.status().is_client_error(), "not multipart: {}", r.status());
    let r = s.get(&key, "/v1/queues/digitized?after=zz").await;
    expect("cursor", json_of(r).await, StatusCode::BAD_REQUEST, "bad_request");
    let r = s.get(&key, "/v1/queues/digitized?limit=0").await;
    expect("limit", json_of(r).await, StatusCode::BAD_REQUEST, "bad_request");
    let r = s.get(&key, "/v1/queues/rejected").await;
    expect("queue", json_of(r).await, StatusCode::NOT_FOUND, "not_found");
    s.stop().await;
}

async fn one_account_cannot_see_or_touch_another_accounts_documents(b: Backend) {
    let s = TestServer::start(b).await;
    let alice = s.key("alice").await;
    let bob = s.key("bob").await;
    let bytes = sample("ubl-invoice.xml");
    let (_, doc) = json_of(s.upload(&alice, "a.xml", bytes.clone(), None).await).await;
    let id = doc["id"].as_str().unwrap().to_string();
    s.wait_read(&alice, &id).await;

    for path in [format!("/v1/documents/{id}"), format!("/v1/documents/{id}/file")] {
        let (status, body) = json_of(s.get(&bob, &path).await).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}: {body}");
        // The same answer as for an id that exists nowhere: nothing is learned.
        assert_eq!(body["message"], format!("no document {id}"));
    }
    let (_, page) = json_of(s.get(&bob, "/v1/queues/digitized").await).await;
    assert_eq!(page["documents"], json!([]));
    let (_, account) = json_of(s.get(&bob, "/v1/account").await).await;
    assert_eq!(account["usage"]["documents_total"], 0);
    // Nor change it.
    for action in ["approve", "export"] {
        let r = s.client.post(s.url(&format!("/v1/documents/{id}/{action}"))).bearer_auth(&bob).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{action}");
    }
    let patch = json!({"fields": {"invoice_number": "X"}});
    let r = s.client.patch(s.url(&format!("/v1/documents/{id}"))).bearer_auth(&bob).json(&patch).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let sync = json!({"document_id": id, "message": "refused"});
    let r = s.client.post(s.url("/v1/sync-errors")).bearer_auth(&bob).json(&sync).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let (_, doc_again) = json_of(s.get(&alice, &format!("/v1/documents/{id}")).await).await;
    assert_eq!(doc_again["status"], "digitized");
    // Bob uploading the same file gets a document of his own.
    let (status, his) = json_of(s.upload(&bob, "a.xml", bytes, None).await).await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_ne!(his["id"], doc["id"]);
    s.stop().await;
}

async fn the_synchronous_scan_answers_with_the_result_or_408(b: Backend) {
    let s = TestServer::start(b).await;
    let key = s.key("acme").await;
    let r = s.upload_to("/v1/scan", &key, "u.xml", sample("ubl-invoice.xml"), None).await;
    let (status, body) = json_of(r).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["status"], "digitized");
    assert!(body["data"]["gross_total"].is_string() || body["data"]["gross_total"].is_number(), "{body}");
    s.stop().await;

    let idle = TestServer::start_with(b, |c| {
        c.worker.serve_workers = Some(0);
        c.server.scan_timeout_secs = 1;
    })
    .await;
    let key = idle.key("acme").await;
    let r = idle.upload_to("/v1/scan", &key, "u.xml", sample("ubl-invoice.xml"), None).await;
    let (status, body) = json_of(r).await;
    assert_eq!(status, StatusCode::REQUEST_TIMEOUT, "{body}");
    assert_eq!(body["error"], "timeout");
    idle.stop().await;
}

fn new_doc(account: i64, n: usize) -> NewDocument {
    NewDocument {
        account,
        arrival: Arrival {
            content_hash: format!("{n:064x}"),
            blob_key: format!("{account}/{n}"),
            filename: None,
            media_type: "text/plain".into(),
            size_bytes: 1,
            external_id: Some(format!("doc-{n}")),
            userdata: None,
            company_code: None,
            hints: Default::default(),
        },
        actor: "test".into(),
    }
}

/// Writers insert documents and finish their jobs while a reader pages the
/// queue; the reader must end with every document exactly once.
async fn queue_paging_during_concurrent_writes_sees_every_document_once(b: Backend) {
    let s = TestServer::start_with(b, |c| c.worker.serve_workers = Some(0)).await;
    let key = s.key("acme").await;
    let account = s.state.store.account_by_name("acme").await.unwrap().unwrap().id;
    const WRITERS: usize = 4;
    const EACH: usize = 40;
    let mut writers = Vec::new();
    for w in 0..WRITERS {
        let store = s.state.store.clone();
        writers.push(tokio::spawn(async move {
            for i in 0..EACH {
                store.insert_document(new_doc(account, w * EACH + i)).await.unwrap();
                // A claim can come back empty while other writers' claims
                // hold the open jobs locked (PostgreSQL skips locked rows);
                // a worker would poll again, and so does this writer.
                let mut job = None;
                for _ in 0..2000 {
                    job = store.claim_job(Duration::from_secs(60)).await.unwrap();
                    if job.is_some() {
                        break;
                    }
                    tokio::time::sleep(Duration::from_millis(5)).await;
                }
                let job = job.expect("a job to claim");
                let outcome = Outcome::Read { extraction: json!({}), needs_review: false };
                assert!(store.complete_job(&job, outcome).await.unwrap());
            }
        }));
    }
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let done = writers.iter().all(|w| w.is_finished());
        let (status, page) = json_of(s.get(&key, &format!("/v1/queues/digitized?after={cursor}&limit=7")).await).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for d in page["documents"].as_array().unwrap() {
            seen.push(d["id"].as_str().unwrap().to_string());
        }
        cursor = page["next_cursor"].as_str().unwrap().to_string();
        if done && page["documents"].as_array().unwrap().is_empty() {
            break;
        }
    }
    for w in writers {
        w.await.unwrap();
    }
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "a document was paged twice");
    assert_eq!(seen.len(), WRITERS * EACH, "a document was skipped");
    s.stop().await;
}

async fn an_expired_lease_passes_the_job_on_and_the_old_holder_cannot_write(b: Backend) {
    let s = TestServer::start_with(b, |c| c.worker.serve_workers = Some(0)).await;
    let store = s.state.store.clone();
    let account = store.ensure_account("acme").await.unwrap().id;
    store.insert_document(new_doc(account, 1)).await.unwrap();
    let first = store.claim_job(Duration::from_millis(300)).await.unwrap().unwrap();
    assert!(store.claim_job(Duration::from_secs(60)).await.unwrap().is_none(), "a leased job was claimed twice");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let second = store.claim_job(Duration::from_secs(60)).await.unwrap().expect("the expired job is claimable");
    assert_eq!((second.id, second.attempts), (first.id, 2));
    let read = || Outcome::Read { extraction: json!({}), needs_review: true };
    assert!(!store.complete_job(&first, read()).await.unwrap(), "the old lease holder wrote a result");
    assert!(store.complete_job(&second, read()).await.unwrap());
    assert!(!store.complete_job(&second, read()).await.unwrap(), "a result was written twice");
    let page = store.page_queue(account, Queue::Digitized, 0, 10).await.unwrap();
    assert_eq!(page.len(), 1);
    assert_eq!(page[0].document.status.as_str(), "needs_review");
    s.stop().await;
}

async fn a_revoked_key_is_refused(b: Backend) {
    let s = TestServer::start_with(b, |c| c.worker.serve_workers = Some(0)).await;
    let key = s.key("acme").await;
    assert_eq!(s.get(&key, "/v1/account").await.status(), StatusCode::OK);
    let account = s.state.store.account_by_name("acme").await.unwrap().unwrap();
    let keys = s.state.store.list_api_keys(account.id).await.unwrap();
    s.state.store.revoke_api_key(account.id, keys[0].id).await.unwrap();
    assert_eq!(s.get(&key, "/v1/account").await.status(), StatusCode::UNAUTHORIZED);
    s.stop().await;
}

async fn corrections_are_audited_and_export_feeds_the_exported_queue(b: Backend) {
    let s = TestServer::start(b).await;
    let key = s.key("acme").await;
    let (_, doc) = json_of(s.upload(&key, "u.xml", sample("ubl-invoice.xml"), None).await).await;
    let id = doc["id"].as_str().unwrap().to_string();
    let before = s.wait_read(&key, &id).await;
    let old_number = before["data"]["invoice_number"].clone();
    let path = format!("/v1/documents/{id}");
    let patch = |body: Value| s.client.patch(s.url(&path)).bearer_auth(&key).json(&body).send();

    let changes = json!({
        "fields": {"invoice_number": "INV-9", "due_date": "2030-01-31"},
        "lines": [{"index": 0, "expense_account": "6100", "vat_class": "PVM1"}]
    });
    let (status, doc) = json_of(patch(changes).await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["data"]["invoice_number"], "INV-9");
    assert_eq!(doc["data"]["due_date"], "2030-01-31");
    let corrections: Vec<&Value> =
        doc["history"].as_array().unwrap().iter().filter(|e| e["kind"] == "correction").collect();
    assert_eq!(corrections.len(), 4, "{doc}");
    let number = corrections.iter().find(|e| e["field"] == "invoice_number").unwrap();
    assert_eq!(number["old_value"], old_number);
    assert_eq!(number["new_value"], "INV-9");
    assert!(number["actor"].as_str().unwrap().starts_with("api-key:kvitas_"));

    let (status, err) = json_of(patch(json!({"fields": {"gross_total": "a lot"}})).await.unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{err}");
    let (status, _) = json_of(patch(json!({"lines": [{"index": 99, "vat_class": "X"}]})).await.unwrap()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    let post = |action: &str| s.client.post(s.url(&format!("/v1/documents/{id}/{action}"))).bearer_auth(&key).send();
    let (status, doc) = json_of(post("approve").await.unwrap()).await;
    assert_eq!((status, doc["status"].as_str()), (StatusCode::OK, Some("reviewed")));
    let (status, doc) = json_of(post("export").await.unwrap()).await;
    assert_eq!((status, doc["status"].as_str()), (StatusCode::OK, Some("exported")));
    let (status, err) = json_of(post("export").await.unwrap()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{err}");
    let (status, _) = json_of(patch(json!({"fields": {"invoice_number": "late"}})).await.unwrap()).await;
    assert_eq!(status, StatusCode::CONFLICT);

    let (_, page) = json_of(s.get(&key, "/v1/queues/exported").await).await;
    assert_eq!(page["documents"].as_array().unwrap().len(), 1);
    assert_eq!(page["documents"][0]["data"]["invoice_number"], "INV-9");
    let cursor = page["next_cursor"].as_str().unwrap();
    let (_, next) = json_of(s.get(&key, &format!("/v1/queues/exported?after={cursor}")).await).await;
    assert_eq!(next["documents"], json!([]));
    assert_eq!(next["next_cursor"], cursor);

    let sync = json!({"document_id": id, "company_code": "304567890", "message": "supplier unknown"});
    let r = s.client.post(s.url("/v1/sync-errors")).bearer_auth(&key).json(&sync).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let (_, list) = json_of(s.get(&key, "/v1/sync-errors").await).await;
    assert_eq!(list["sync_errors"][0]["message"], "supplier unknown");
    assert_eq!(list["sync_errors"][0]["document_id"], id.as_str());

    let (_, other) = json_of(s.upload(&key, "r.txt", sample("store-receipt.txt"), None).await).await;
    let other_id = other["id"].as_str().unwrap().to_string();
    s.wait_read(&key, &other_id).await;
    let reject = s.client.post(s.url(&format!("/v1/documents/{other_id}/reject"))).bearer_auth(&key);
    let (status, doc) =
        json_of(reject.json(&json!({"reason": "duplicate of a paper copy"})).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["status"], "rejected");
    assert_eq!(doc["reject_reason"], "duplicate of a paper copy");
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_describes_every_route_and_the_docs_page_works_offline() {
    let s = TestServer::start_with(Backend::Sqlite, |c| c.worker.serve_workers = Some(0)).await;
    let (status, doc) = json_of(s.client.get(s.url("/v1/openapi.json")).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let expected = [
        ("/v1/documents", "post"),
        ("/v1/scan", "post"),
        ("/v1/documents/{id}", "get"),
        ("/v1/documents/{id}", "patch"),
        ("/v1/documents/{id}/file", "get"),
        ("/v1/documents/{id}/pages/{n}", "get"),
        ("/v1/uploads", "post"),
        ("/v1/uploads/{id}/content", "put"),
        ("/v1/uploads/{id}/complete", "post"),
        ("/v1/companies", "get"),
        ("/v1/companies/{code}", "put"),
        ("/v1/suppliers", "get"),
        ("/v1/suppliers", "delete"),
        ("/v1/documents/{id}/approve", "post"),
        ("/v1/documents/{id}/export", "post"),
        ("/v1/documents/{id}/reject", "post"),
        ("/v1/queues/{queue}", "get"),
        ("/v1/sync-errors", "post"),
        ("/v1/sync-errors", "get"),
        ("/v1/account", "get"),
        ("/healthz", "get"),
        ("/readyz", "get"),
    ];
    for (path, method) in expected {
        assert!(doc["paths"][path][method].is_object(), "{method} {path} is not described");
    }
    let described: usize = doc["paths"].as_object().unwrap().values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(described, expected.len(), "operations described but not checked here");
    let page = s.client.get(s.url("/docs/")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("swagger-ui"), "{html}");
    assert!(!html.contains("https://") && !html.contains("http://"), "the docs page loads files from elsewhere");
    let init = s.client.get(s.url("/docs/swagger-initializer.js")).send().await.unwrap();
    assert_eq!(init.status(), StatusCode::OK);
    assert!(init.text().await.unwrap().contains("/v1/openapi.json"));
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_key_over_its_rate_gets_429_and_metrics_count_requests() {
    let s = TestServer::start_with(Backend::Sqlite, |c| {
        c.worker.serve_workers = Some(0);
        c.server.rate_limit_per_sec = 1;
        c.server.rate_limit_burst = 3;
    })
    .await;
    let key = s.key("acme").await;
    let other = s.key("other").await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        statuses.push(s.get(&key, "/v1/account").await.status());
    }
    assert_eq!(&statuses[..3], [StatusCode::OK; 3]);
    let limited = s.get(&key, "/v1/account").await;
    assert_eq!(limited.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.headers().contains_key("retry-after"));
    assert_eq!(json_of(limited).await.1["error"], "rate_limited");
    // The limit is per key.
    assert_eq!(s.get(&other, "/v1/account").await.status(), StatusCode::OK);

    let text = s.client.get(s.url("/metrics")).send().await.unwrap().text().await.unwrap();
    assert!(
        text.lines().any(|l| l.starts_with("kvitas_http_requests_total") && l.contains("route=\"/v1/account\"")),
        "{text}"
    );
    s.stop().await;
}

async fn companies_are_kept_per_account_and_validated(b: Backend) {
    let s = TestServer::start_with(b, |c| c.worker.serve_workers = Some(0)).await;
    let key = s.key("acme").await;
    let other = s.key("globex").await;
    let put = |key: String, code: &'static str, body: Value| {
        let req = s.client.put(s.url(&format!("/v1/companies/{code}"))).header("x-api-key", key).json(&body);
        async move { json_of(req.send().await.unwrap()).await }
    };
    let (status, company) =
        put(key.clone(), "300100200", json!({"name": "UAB Pavyzdys", "vat_id": "lt 216907510"})).await;
    assert_eq!(status, StatusCode::OK, "{company}");
    assert_eq!(company, json!({"code": "300100200", "name": "UAB Pavyzdys", "vat_id": "LT216907510"}));
    // A second PUT updates the name.
    let (status, _) = put(key.clone(), "300100200", json!({"name": "UAB Pavyzdys ir Ko"})).await;
    assert_eq!(status, StatusCode::OK);
    let (_, list) = json_of(s.get(&key, "/v1/companies").await).await;
    assert_eq!(list["companies"].as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list["companies"][0]["name"], "UAB Pavyzdys ir Ko");
    let (_, account) = json_of(s.get(&key, "/v1/account").await).await;
    assert_eq!(account["companies"][0]["code"], "300100200");
    // Another account sees none of them.
    let (_, theirs) = json_of(s.get(&other, "/v1/companies").await).await;
    assert_eq!(theirs["companies"], json!([]));

    for (code, body, status) in [
        ("bad code!", json!({"name": "X"}), StatusCode::BAD_REQUEST),
        ("123", json!({"name": ""}), StatusCode::UNPROCESSABLE_ENTITY),
        ("123", json!({"name": "X", "vat_id": "LT216907511"}), StatusCode::UNPROCESSABLE_ENTITY),
        ("123", json!({"name": "X", "vat_id": "12345"}), StatusCode::UNPROCESSABLE_ENTITY),
        ("123", json!({"name": "X", "size": 3}), StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let r = s.client.put(s.url(&format!("/v1/companies/{}", code.replace(' ', "%20")))).header("x-api-key", &key);
        let (got, answer) = json_of(r.json(&body).send().await.unwrap()).await;
        assert_eq!(got, status, "{code} {body}: {answer}");
        assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()), "{answer}");
    }
    s.stop().await;
}

async fn a_job_still_running_after_the_grace_period_is_handed_back_at_shutdown(b: Backend) {
    let mut s = TestServer::start_with(b, |c| {
        c.server.shutdown_grace_secs = 0;
        c.worker.serve_workers = Some(1);
        c.worker.lease_secs = 300;
        // Three languages make the scan slow enough to be caught mid-reading.
        c.ocr.lang = "lit+eng+dan".into();
    })
    .await;
    let key = s.key("acme").await;
    let (_, doc) = json_of(s.upload(&key, "scan.pdf", sample("en-invoice-scan.pdf"), None).await).await;
    let id = doc["id"].as_str().unwrap().to_string();
    let started = std::time::Instant::now();
    loop {
        let (_, now) = json_of(s.get(&key, &format!("/v1/documents/{id}")).await).await;
        if now["status"] == "processing" {
            break;
        }
        assert_eq!(now["status"], "received");
        assert!(started.elapsed() < Duration::from_secs(30), "the job never started");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    s.halt().await;
    // Without the hand-back the 300 s lease would still hold the job.
    let job = s.state.store.claim_job(Duration::from_secs(60)).await.unwrap().expect("the job is back in the queue");
    assert_eq!(job.document.to_string(), id);
    assert_eq!(job.attempts, 1, "the interrupted run does not count as a failed attempt");
}

/// The confidence the document's fields give `path`.
fn confidence_of(doc: &Value, path: &str) -> f64 {
    let fields = doc["fields"].as_array().unwrap();
    fields.iter().find(|f| f["path"] == path).and_then(|f| f["confidence"].as_f64()).unwrap()
}

async fn a_supplier_an_accountant_checked_is_trusted_on_its_next_document(b: Backend) {
    let s = TestServer::start(b).await;
    let key = s.key("acme").await;
    let receipt = sample("store-receipt.txt");
    let (_, doc) = json_of(s.upload(&key, "r1.txt", receipt.clone(), None).await).await;
    let first = s.wait_read(&key, doc["id"].as_str().unwrap()).await;
    let name = first["data"]["supplier"]["name"].clone();
    let read = confidence_of(&first, "supplier.name");
    // (Confidences are kept as f32.)
    let sure = f64::from(0.9_f32);
    assert!(read < sure, "{first}");

    // Another receipt of the shop, read before the first is checked: the
    // name is as unsure as before.
    let second = [receipt.as_slice(), b"\nThank you for shopping with us\n"].concat();
    let (_, doc) = json_of(s.upload(&key, "r2.txt", second, None).await).await;
    let unchecked = s.wait_read(&key, doc["id"].as_str().unwrap()).await;
    assert_eq!(confidence_of(&unchecked, "supplier.name"), read);

    // Once an accountant has approved the first, the supplier is known.
    let id = first["id"].as_str().unwrap();
    let r = s.client.post(s.url(&format!("/v1/documents/{id}/approve"))).bearer_auth(&key).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let third = [receipt.as_slice(), b"\nSee you soon\n"].concat();
    let (_, doc) = json_of(s.upload(&key, "r3.txt", third, None).await).await;
    let known = s.wait_read(&key, doc["id"].as_str().unwrap()).await;
    assert_eq!(known["data"]["supplier"]["name"], name);
    let (status, list) = json_of(s.get(&key, "/v1/suppliers").await).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["suppliers"][0]["name"], name, "{list}");
    assert_eq!(list["suppliers"][0]["vat_id"], "GB319554052", "{list}");
    assert_eq!(list["suppliers"].as_array().map(Vec::len), Some(1), "{list}");
    let (status, err) = json_of(s.get(&key, "/v1/suppliers?limit=0").await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    assert!(confidence_of(&known, "supplier.name") >= sure, "{known}");

    // A correction after approval replaces what the document confirmed: the
    // name printed is no longer the one known.
    let path = format!("/v1/documents/{id}");
    let fix = json!({"fields": {"supplier.name": "Thornbury Corner Stores Limited"}});
    let r = s.client.patch(s.url(&path)).bearer_auth(&key).json(&fix).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let fourth = [receipt.as_slice(), b"\nOpen every day\n"].concat();
    let (_, doc) = json_of(s.upload(&key, "r4.txt", fourth, None).await).await;
    let corrected = s.wait_read(&key, doc["id"].as_str().unwrap()).await;
    assert_eq!(confidence_of(&corrected, "supplier.name"), read, "{corrected}");

    // Other accounts learn nothing from it.
    let other = s.key("globex").await;
    let (_, doc) = json_of(s.upload(&other, "r3.txt", [receipt.as_slice(), b"\nBye\n"].concat(), None).await).await;
    let theirs = s.wait_read(&other, doc["id"].as_str().unwrap()).await;
    assert_eq!(confidence_of(&theirs, "supplier.name"), read);
    let (_, list) = json_of(s.get(&other, "/v1/suppliers").await).await;
    assert_eq!(list["suppliers"], json!([]));

    // A supplier confirmed by mistake can be forgotten by its name. Approving
    // the second receipt confirms the printed name again, but the corrected
    // first one still confirms another name with the same VAT id: the
    // account's knowledge contradicts itself and nothing is trusted.
    let second = unchecked["id"].as_str().unwrap();
    let r = s.client.post(s.url(&format!("/v1/documents/{second}/approve"))).bearer_auth(&key).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let forget = |name: &str| {
        let url = reqwest::Url::parse_with_params(&s.url("/v1/suppliers"), [("name", name)]).unwrap();
        s.client.delete(url).bearer_auth(&key).send()
    };
    let read_again = |file: &'static str, tail: &'static [u8]| {
        let (s, key, receipt) = (&s, &key, &receipt);
        async move {
            let (_, doc) = json_of(s.upload(key, file, [receipt.as_slice(), tail].concat(), None).await).await;
            confidence_of(&s.wait_read(key, doc["id"].as_str().unwrap()).await, "supplier.name")
        }
    };
    assert_eq!(read_again("r5.txt", b"\nWelcome back\n").await, read);
    let (status, gone) = json_of(forget("Thornbury Corner Stores Limited").await.unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{gone}");
    assert_eq!(gone["forgotten"], 1, "{gone}");
    assert!(read_again("r6.txt", b"\nCome again\n").await >= sure);
    let (status, gone) = json_of(forget(name.as_str().unwrap()).await.unwrap()).await;
    assert_eq!((status, &gone["forgotten"]), (StatusCode::OK, &json!(1)), "{gone}");
    assert_eq!(read_again("r7.txt", b"\nHave a nice day\n").await, read);
    let (_, list) = json_of(s.get(&key, "/v1/suppliers").await).await;
    assert_eq!(list["suppliers"], json!([]));
    let (status, err) = json_of(forget(name.as_str().unwrap()).await.unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{err}");
    let (status, err) = json_of(forget(" ").await.unwrap()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    let r = s.client.delete(s.url("/v1/suppliers")).bearer_auth(&key).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    s.stop().await;
}
