-- kvitas schema, SQLite. Times are milliseconds since the Unix epoch (UTC).

CREATE TABLE accounts (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
);

CREATE TABLE companies (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    code         TEXT NOT NULL,
    vat_id       TEXT,
    name         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    UNIQUE (account_id, code)
);

CREATE TABLE api_keys (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    prefix      TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE,
    label       TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER
);

CREATE TABLE documents (
    id             TEXT PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts(id),
    content_hash   TEXT NOT NULL,
    blob_key       TEXT NOT NULL,
    filename       TEXT,
    media_type     TEXT NOT NULL,
    size_bytes     INTEGER NOT NULL,
    external_id    TEXT,
    userdata       TEXT,
    company_code   TEXT,
    hints          TEXT NOT NULL,
    status         TEXT NOT NULL,
    reject_reason  TEXT,
    extraction     TEXT,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    UNIQUE (account_id, content_hash)
);
CREATE INDEX documents_by_account ON documents (account_id, created_at);

CREATE TABLE jobs (
    id                INTEGER PRIMARY KEY,
    document_id       TEXT NOT NULL UNIQUE REFERENCES documents(id),
    account_id        INTEGER NOT NULL REFERENCES accounts(id),
    status            TEXT NOT NULL,
    attempts          INTEGER NOT NULL DEFAULT 0,
    run_after         INTEGER NOT NULL,
    lease_token       TEXT,
    lease_expires_at  INTEGER,
    last_error        TEXT,
    created_at        INTEGER NOT NULL,
    finished_at       INTEGER
);
CREATE INDEX jobs_ready ON jobs (status, run_after);

-- The last position handed out per account and queue; positions are
-- millisecond timestamps made strictly increasing, so they double as the
-- unique per-account times that timestamp-paged clients need.
CREATE TABLE queue_heads (
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    queue       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (account_id, queue)
);

CREATE TABLE queue_entries (
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    queue        TEXT NOT NULL,
    position     INTEGER NOT NULL,
    document_id  TEXT NOT NULL REFERENCES documents(id),
    PRIMARY KEY (account_id, queue, position),
    UNIQUE (queue, document_id)
);

CREATE TABLE sync_errors (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts(id),
    document_id   TEXT NOT NULL REFERENCES documents(id),
    company_code  TEXT,
    message       TEXT NOT NULL,
    created_at    INTEGER NOT NULL
);
CREATE INDEX sync_errors_by_account ON sync_errors (account_id, id);

-- Who changed what, when: every state change and correction of a document.
CREATE TABLE document_events (
    id           INTEGER PRIMARY KEY,
    document_id  TEXT NOT NULL REFERENCES documents(id),
    actor        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    field        TEXT,
    old_value    TEXT,
    new_value    TEXT,
    at           INTEGER NOT NULL
);
CREATE INDEX document_events_by_document ON document_events (document_id, id);
