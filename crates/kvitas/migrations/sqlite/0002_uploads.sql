-- Two-step uploads: POST /v1/uploads hands out a signed PUT link to a
-- staging key; completing the upload turns the staged file into a document.

CREATE TABLE uploads (
    id           TEXT PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    blob_key     TEXT NOT NULL,
    filename     TEXT,
    metadata     TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    document_id  TEXT REFERENCES documents(id)
);
CREATE INDEX uploads_by_account ON uploads (account_id, created_at);
