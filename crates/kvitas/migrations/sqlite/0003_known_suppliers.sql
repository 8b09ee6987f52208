-- Suppliers an accountant has confirmed: the supplier of each document as it
-- stood when the document was approved or exported, or corrected after its
-- approval (name, address, identifiers, as the JSON of one known supplier),
-- for reading later documents with. One row per document, so that a
-- correction replaces what its document confirmed before.

CREATE TABLE known_suppliers (
    document_id   TEXT PRIMARY KEY REFERENCES documents(id),
    account_id    INTEGER NOT NULL REFERENCES accounts(id),
    supplier      TEXT NOT NULL,
    confirmed_at  INTEGER NOT NULL
);
CREATE INDEX known_suppliers_by_account ON known_suppliers (account_id, supplier);
