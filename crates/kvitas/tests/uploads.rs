//! Two-step uploads, signed links and page pictures, on the local blob store
//! (both database backends) and on an S3-compatible server on loopback.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::server::{Backend, S3Server, TestServer, sample};

on_both_backends!(
    uploads_never_completed_are_swept_a_day_after_their_link_expires,
    a_two_step_upload_becomes_a_document_and_its_links_work_without_a_key,
    signed_links_are_refused_when_altered_expired_or_for_another_account,
);

async fn json_of(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

async fn new_upload(server: &TestServer, key: &str, body: Value) -> Value {
    let r = server.client.post(server.url("/v1/uploads")).header("x-api-key", key).json(&body).send().await.unwrap();
    let (status, upload) = json_of(r).await;
    assert_eq!(status, StatusCode::CREATED, "{upload}");
    upload
}

async fn complete(server: &TestServer, key: &str, upload: &Value) -> (StatusCode, Value) {
    let url = upload["complete_url"].as_str().unwrap();
    json_of(server.client.post(url).header("x-api-key", key).send().await.unwrap()).await
}

async fn a_two_step_upload_becomes_a_document_and_its_links_work_without_a_key(b: Backend) {
    let server = TestServer::start(b).await;
    let key = server.key("acme").await;
    let bytes = sample("lt-pvm-saskaita.pdf");
    let upload = new_upload(
        &server,
        &key,
        json!({"filename": "march.pdf", "metadata": {"external_id": "ERP-7", "company_code": "300100200"}}),
    )
    .await;
    assert_eq!(upload["method"], "PUT");
    let put_url = upload["url"].as_str().unwrap();
    assert!(put_url.starts_with(&server.base), "the local store's upload link is kvitas's own: {put_url}");

    // Completing before the file is there says what to do.
    let (status, body) = complete(&server, &key, &upload).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body["message"].as_str().unwrap().contains("PUT the file"), "{body}");

    // The signed link needs no key.
    let put = server.client.put(put_url).body(bytes.clone()).send().await.unwrap();
    assert_eq!(put.status(), StatusCode::OK);

    let (status, doc) = complete(&server, &key, &upload).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{doc}");
    assert_eq!(doc["external_id"], "ERP-7");
    assert_eq!(doc["company_code"], "300100200");
    assert_eq!(doc["filename"], "march.pdf");
    let id = doc["id"].as_str().unwrap().to_string();

    // Repeating the completion returns the same document; the link is spent.
    let (status, again) = complete(&server, &key, &upload).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["id"], doc["id"]);
    let put = server.client.put(put_url).body(bytes.clone()).send().await.unwrap();
    assert_eq!(put.status(), StatusCode::CONFLICT);

    // Once read, the document carries links to its file and page pictures.
    server.wait_read(&key, &id).await;
    let (_, shown) = json_of(server.get(&key, &format!("/v1/documents/{id}")).await).await;
    assert_eq!(shown["page_count"], 1, "{shown}");
    let file_url = shown["links"]["file"]["url"].as_str().unwrap();
    let file = server.client.get(file_url).send().await.unwrap();
    assert_eq!(file.status(), StatusCode::OK);
    assert_eq!(file.bytes().await.unwrap().to_vec(), bytes);
    let pages = shown["links"]["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 1);
    for _ in 0..2 {
        // The second request is served from the stored picture.
        let page = server.client.get(pages[0]["url"].as_str().unwrap()).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK);
        assert_eq!(page.headers()["content-type"], "image/png");
        let picture = image::load_from_memory(&page.bytes().await.unwrap()).unwrap();
        assert!(picture.width().max(picture.height()) <= 1600 && picture.width() > 300, "{}", picture.width());
    }

    // Pages by key, and clear errors for pages that do not exist.
    let page = server.get(&key, &format!("/v1/documents/{id}/pages/1")).await;
    assert_eq!(page.status(), StatusCode::OK);
    for (n, status) in [("2", StatusCode::NOT_FOUND), ("0", StatusCode::BAD_REQUEST), ("x", StatusCode::BAD_REQUEST)] {
        let (got, body) = json_of(server.get(&key, &format!("/v1/documents/{id}/pages/{n}")).await).await;
        assert_eq!(got, status, "page {n}: {body}");
        assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));
    }

    // An e-invoice has no pages to draw.
    let (_, xml) = json_of(server.upload(&key, "e.xml", sample("ubl-invoice.xml"), None).await).await;
    let xml_id = xml["id"].as_str().unwrap();
    server.wait_read(&key, xml_id).await;
    let (status, body) = json_of(server.get(&key, &format!("/v1/documents/{xml_id}/pages/1")).await).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["message"].as_str().unwrap().contains("no pages"), "{body}");
    server.stop().await;
}

async fn signed_links_are_refused_when_altered_expired_or_for_another_account(b: Backend) {
    let server = TestServer::start(b).await;
    let key = server.key("acme").await;
    let other = server.key("globex").await;
    let (_, doc) = json_of(server.upload(&key, "a.pdf", sample("lt-pvm-saskaita.pdf"), None).await).await;
    let id = doc["id"].as_str().unwrap().to_string();
    let (_, shown) = json_of(server.get(&key, &format!("/v1/documents/{id}")).await).await;
    let url = shown["links"]["file"]["url"].as_str().unwrap().to_string();
    assert_eq!(server.client.get(&url).send().await.unwrap().status(), StatusCode::OK);

    // A changed expiry or signature, or a link without one: 403 with JSON.
    let later = url.replacen("expires=", "expires=9", 1);
    let (status, body) = json_of(server.client.get(&later).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"], "forbidden");
    // The last hex digit of the signature, changed (to 1 if it was 0, else to 0).
    let flipped = if url.ends_with('0') { '1' } else { '0' };
    let bad_sig = format!("{}{flipped}", &url[..url.len() - 1]);
    assert_eq!(server.client.get(&bad_sig).send().await.unwrap().status(), StatusCode::FORBIDDEN);

    // Expired: a link signed for the past.
    let account = server.state.store.account_by_name("acme").await.unwrap().unwrap().id;
    let path = format!("/v1/documents/{id}/file");
    let past = kvitas::signing::Link { method: "GET", path: &path, account, expires: 1_000 };
    let expired = format!("{}{path}?{}", server.base, server.state.signer.query(&past));
    let (status, body) = json_of(server.client.get(&expired).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["message"].as_str().unwrap().contains("expired"), "{body}");

    // Another account's signed link reaches only that account's documents.
    let globex = server.state.store.account_by_name("globex").await.unwrap().unwrap().id;
    let theirs = kvitas::signing::Link { method: "GET", path: &path, account: globex, expires: i64::MAX / 2000 };
    let foreign = format!("{}{path}?{}", server.base, server.state.signer.query(&theirs));
    assert_eq!(server.client.get(&foreign).send().await.unwrap().status(), StatusCode::NOT_FOUND);

    // A GET link does not allow a PUT, and another account cannot complete the upload.
    let upload = new_upload(&server, &key, json!({})).await;
    let put_url = upload["url"].as_str().unwrap();
    let (status, _) = json_of(server.client.get(put_url).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    let (status, _) = complete(&server, &other, &upload).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Bad requests to /v1/uploads.
    for (body, status) in [
        (json!({"metadata": {"language": "lithuanian"}}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"filename": ""}), StatusCode::UNPROCESSABLE_ENTITY),
        (json!({"colour": "red"}), StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let r = server.client.post(server.url("/v1/uploads")).header("x-api-key", &key).json(&body).send().await;
        let (got, answer) = json_of(r.unwrap()).await;
        assert_eq!(got, status, "{body} → {answer}");
    }
    let r = server.client.post(server.url("/v1/uploads/not-an-id/complete")).header("x-api-key", &key).send().await;
    assert_eq!(r.unwrap().status(), StatusCode::BAD_REQUEST);
    let r = server.client.post(server.url("/v1/uploads")).json(&json!({})).send().await;
    assert_eq!(r.unwrap().status(), StatusCode::UNAUTHORIZED);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_s3_files_round_trip_and_links_are_the_buckets_presigned_urls() {
    let s3 = S3Server::start().await;
    let server = TestServer::start_with(Backend::Sqlite, |c| s3.configure(c)).await;
    let key = server.key("acme").await;

    // A direct upload is stored in the bucket, read by a worker, and downloadable.
    let bytes = sample("lt-pvm-saskaita.pdf");
    let (status, doc) = json_of(server.upload(&key, "a.pdf", bytes.clone(), None).await).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{doc}");
    let id = doc["id"].as_str().unwrap().to_string();
    let read = server.wait_read(&key, &id).await;
    assert!(matches!(read["status"].as_str(), Some("digitized" | "needs_review")), "{read}");
    let file = server.get(&key, &format!("/v1/documents/{id}/file")).await;
    assert_eq!(file.bytes().await.unwrap().to_vec(), bytes);
    let listing = server.client.get(format!("{}/{}?list-type=2", s3.endpoint, s3.bucket)).send().await.unwrap();
    let listing = listing.text().await.unwrap();
    assert!(listing.contains("<Key>kv/"), "objects are under the configured prefix: {listing}");

    // The file link is the bucket's own pre-signed URL.
    let (_, shown) = json_of(server.get(&key, &format!("/v1/documents/{id}")).await).await;
    let file_url = shown["links"]["file"]["url"].as_str().unwrap();
    assert!(file_url.starts_with(&s3.endpoint) && file_url.contains("X-Amz-Signature="), "{file_url}");
    assert_eq!(server.client.get(file_url).send().await.unwrap().bytes().await.unwrap().to_vec(), bytes);
    let page = server.client.get(shown["links"]["pages"][0]["url"].as_str().unwrap()).send().await.unwrap();
    assert_eq!(page.headers()["content-type"], "image/png");

    // Two-step: the PUT goes straight to the bucket.
    let scan = sample("da-faktura.p1.jpg");
    let upload = new_upload(&server, &key, json!({"filename": "receipt.jpg"})).await;
    let put_url = upload["url"].as_str().unwrap();
    assert!(put_url.starts_with(&s3.endpoint) && put_url.contains("X-Amz-Signature="), "{put_url}");
    let put = server.client.put(put_url).body(scan.clone()).send().await.unwrap();
    assert!(put.status().is_success(), "{}", put.text().await.unwrap());
    let (status, doc) = complete(&server, &key, &upload).await;
    assert_eq!(status, StatusCode::ACCEPTED, "{doc}");
    let file = server.get(&key, &format!("/v1/documents/{}/file", doc["id"].as_str().unwrap())).await;
    assert_eq!(file.bytes().await.unwrap().to_vec(), scan);
    // The staging object is gone once the document holds the file.
    let staged = upload["upload_id"].as_str().unwrap();
    let listing = server.client.get(format!("{}/{}?list-type=2", s3.endpoint, s3.bucket)).send().await.unwrap();
    assert!(!listing.text().await.unwrap().contains(staged));
    server.stop().await;
}

#[tokio::test]
async fn the_s3_blob_store_reports_missing_objects_and_refuses_bad_keys() {
    use kvitas::blob::{BlobError, BlobStore, S3Blobs};
    let s3 = S3Server::start().await;
    let mut config = kvitas::config::Config::default();
    s3.configure(&mut config);
    let blobs = S3Blobs::new(&config.blobs.s3).unwrap();
    blobs.put("1/abc", b"hello".to_vec()).await.unwrap();
    assert_eq!(blobs.get("1/abc").await.unwrap(), b"hello");
    blobs.delete("1/abc").await.unwrap();
    blobs.delete("1/abc").await.unwrap();
    assert!(matches!(blobs.get("1/abc").await, Err(BlobError::NotFound(_))));
    assert!(matches!(blobs.put("../x", vec![1]).await, Err(BlobError::InvalidKey(_))));
    let mut unset = config.blobs.s3.clone();
    unset.bucket.clear();
    assert!(S3Blobs::new(&unset).unwrap_err().to_string().contains("bucket"));
}

async fn uploads_never_completed_are_swept_a_day_after_their_link_expires(b: Backend) {
    let server = TestServer::start_with(b, |c| c.worker.serve_workers = Some(0)).await;
    let key = server.key("acme").await;
    let abandoned = new_upload(&server, &key, json!({})).await;
    let put = server.client.put(abandoned["url"].as_str().unwrap()).body(b"%PDF-1.4 staged".to_vec()).send().await;
    assert_eq!(put.unwrap().status(), StatusCode::OK);
    let finished = new_upload(&server, &key, json!({})).await;
    let put = server.client.put(finished["url"].as_str().unwrap()).body(sample("ubl-invoice.xml")).send().await;
    assert_eq!(put.unwrap().status(), StatusCode::OK);
    assert_eq!(complete(&server, &key, &finished).await.0, StatusCode::ACCEPTED);

    let now = chrono::Utc::now().timestamp_millis();
    let sweep = |at: i64| kvitas::api::uploads::sweep_abandoned(&server.state, at);
    // Still within a day of the link's expiry: kept.
    assert_eq!(sweep(now + 3_600_000 * 12).await.unwrap(), 0);
    // Past it: the staged file and the row go; the completed upload stays.
    assert_eq!(sweep(now + 3_600_000 * 26).await.unwrap(), 1);
    let (status, _) = complete(&server, &key, &abandoned).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let id = abandoned["upload_id"].as_str().unwrap();
    let account = server.state.store.account_by_name("acme").await.unwrap().unwrap().id;
    let staged = server.state.blobs.get(&format!("staging/{account}/{id}")).await;
    assert!(matches!(staged, Err(kvitas::blob::BlobError::NotFound(_))));
    assert_eq!(complete(&server, &key, &finished).await.0, StatusCode::OK);
    assert_eq!(sweep(now + 3_600_000 * 26).await.unwrap(), 0);
    server.stop().await;
}
