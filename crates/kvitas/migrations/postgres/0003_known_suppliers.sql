-- Suppliers an accountant has confirmed: the supplier of each document as it
-- stood when it was approved or exported (name, address, identifiers, as the
-- JSON of one known supplier), for reading later documents with.

CREATE TABLE known_suppliers (
    account_id    BIGINT NOT NULL REFERENCES accounts(id),
    supplier      TEXT NOT NULL,
    confirmed_at  BIGINT NOT NULL,
    PRIMARY KEY (account_id, supplier)
);
CREATE INDEX known_suppliers_recent ON known_suppliers (account_id, confirmed_at);
