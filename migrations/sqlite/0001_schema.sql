-- Seatdesk schema, SQLite dialect. Keep in step with ../postgres/0001_schema.sql.
-- Types: ids are 16-byte BLOB uuids, times RFC 3339 TEXT (UTC, microseconds),
-- dates TEXT YYYY-MM-DD, money canonical decimal TEXT (sqlx cannot bind Decimal here).

CREATE TABLE accounts (
    id               BLOB PRIMARY KEY,
    name             TEXT NOT NULL,
    currency         TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3),
    tax_rate         TEXT NOT NULL DEFAULT '0',
    billing_day      INTEGER NOT NULL DEFAULT 1 CHECK (billing_day BETWEEN 1 AND 28),
    billing_address  TEXT NOT NULL DEFAULT '',
    next_license_number INTEGER NOT NULL DEFAULT 1,
    next_order_number   INTEGER NOT NULL DEFAULT 1,
    created_at       TEXT NOT NULL
);

CREATE TABLE members (
    id            BLOB PRIMARY KEY,
    account_id    BLOB NOT NULL REFERENCES accounts (id),
    email         TEXT NOT NULL,
    name          TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('owner', 'billing_admin', 'license_admin', 'viewer')),
    created_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX members_email_key ON members (lower(email));
CREATE INDEX members_account_idx ON members (account_id);

CREATE TABLE api_clients (
    id          BLOB PRIMARY KEY,
    account_id  BLOB NOT NULL REFERENCES accounts (id),
    client_id   TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    name        TEXT NOT NULL,
    scopes      TEXT NOT NULL,
    created_by  BLOB REFERENCES members (id),
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
);
CREATE INDEX api_clients_account_idx ON api_clients (account_id, created_at);

CREATE TABLE directory_users (
    id         BLOB PRIMARY KEY,
    account_id BLOB NOT NULL REFERENCES accounts (id),
    name       TEXT NOT NULL,
    email      TEXT NOT NULL,
    ext        TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('user', 'manager', 'agent')),
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX directory_users_ext_key ON directory_users (account_id, ext);
CREATE UNIQUE INDEX directory_users_email_key ON directory_users (account_id, lower(email));
CREATE INDEX directory_users_name_idx ON directory_users (account_id, name, id);

CREATE TABLE products (
    id          BLOB PRIMARY KEY,
    sku         TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    unit_price  TEXT NOT NULL,
    currency    TEXT NOT NULL DEFAULT 'USD',
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL
);

CREATE TABLE cost_centers (
    id         BLOB PRIMARY KEY,
    account_id BLOB NOT NULL REFERENCES accounts (id),
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    parent_id  BLOB REFERENCES cost_centers (id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX cost_centers_code_key ON cost_centers (account_id, lower(code));

CREATE TABLE cart_items (
    account_id   BLOB NOT NULL REFERENCES accounts (id),
    principal_id BLOB NOT NULL,
    product_id   BLOB NOT NULL REFERENCES products (id),
    quantity     INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (principal_id, product_id)
);

CREATE TABLE checkouts (
    id           BLOB PRIMARY KEY,
    account_id   BLOB NOT NULL REFERENCES accounts (id),
    principal_id BLOB NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'expired')),
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    completed_at TEXT
);
CREATE INDEX checkouts_account_idx ON checkouts (account_id, created_at);

CREATE TABLE checkout_lines (
    id          BLOB PRIMARY KEY,
    checkout_id BLOB NOT NULL REFERENCES checkouts (id) ON DELETE CASCADE,
    product_id  BLOB NOT NULL REFERENCES products (id),
    quantity    INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    unit_price  TEXT NOT NULL,
    position    INTEGER NOT NULL,
    UNIQUE (checkout_id, product_id)
);

CREATE TABLE checkout_allocations (
    line_id        BLOB NOT NULL REFERENCES checkout_lines (id) ON DELETE CASCADE,
    cost_center_id BLOB NOT NULL REFERENCES cost_centers (id),
    quantity       INTEGER NOT NULL CHECK (quantity >= 1),
    PRIMARY KEY (line_id, cost_center_id)
);

CREATE TABLE orders (
    id                BLOB PRIMARY KEY,
    account_id        BLOB NOT NULL REFERENCES accounts (id),
    number            INTEGER NOT NULL,
    checkout_id       BLOB NOT NULL UNIQUE REFERENCES checkouts (id),
    placed_by         BLOB NOT NULL,
    placed_at         TEXT NOT NULL,
    purchase_date     TEXT NOT NULL,
    next_billing_date TEXT NOT NULL,
    currency          TEXT NOT NULL,
    subtotal          TEXT NOT NULL,
    tax               TEXT NOT NULL,
    total             TEXT NOT NULL,
    recurring_monthly TEXT NOT NULL,
    license_count     INTEGER NOT NULL,
    UNIQUE (account_id, number)
);
CREATE INDEX orders_account_idx ON orders (account_id, placed_at DESC, id DESC);

CREATE TABLE order_lines (
    id              BLOB PRIMARY KEY,
    order_id        BLOB NOT NULL REFERENCES orders (id),
    product_id      BLOB NOT NULL REFERENCES products (id),
    cost_center_id  BLOB NOT NULL REFERENCES cost_centers (id),
    quantity        INTEGER NOT NULL,
    unit_price      TEXT NOT NULL,
    monthly_amount  TEXT NOT NULL,
    prorated_amount TEXT NOT NULL,
    position        INTEGER NOT NULL
);
CREATE INDEX order_lines_order_idx ON order_lines (order_id, position);

CREATE TABLE statements (
    order_id   BLOB PRIMARY KEY REFERENCES orders (id),
    account_id BLOB NOT NULL REFERENCES accounts (id),
    document   TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE licenses (
    id             BLOB PRIMARY KEY,
    account_id     BLOB NOT NULL REFERENCES accounts (id),
    number         INTEGER NOT NULL,
    product_id     BLOB NOT NULL REFERENCES products (id),
    cost_center_id BLOB NOT NULL REFERENCES cost_centers (id),
    order_id       BLOB REFERENCES orders (id),
    added_at       TEXT NOT NULL,
    assignee_id    BLOB REFERENCES directory_users (id),
    assigned_at    TEXT,
    last_used_at   TEXT,
    search_text    TEXT NOT NULL,
    UNIQUE (account_id, number),
    CHECK ((assignee_id IS NULL) = (assigned_at IS NULL))
);
CREATE UNIQUE INDEX licenses_one_per_user_key ON licenses (product_id, assignee_id)
    WHERE assignee_id IS NOT NULL;
CREATE INDEX licenses_added_idx ON licenses (account_id, added_at DESC, id DESC);
CREATE INDEX licenses_cost_center_idx ON licenses (account_id, cost_center_id, added_at DESC, id DESC);
CREATE INDEX licenses_free_idx ON licenses (account_id, product_id, added_at, id)
    WHERE assignee_id IS NULL;
CREATE INDEX licenses_assignee_idx ON licenses (assignee_id) WHERE assignee_id IS NOT NULL;

-- Substring search over search_text: an FTS5 trigram index kept in step by triggers.
CREATE VIRTUAL TABLE licenses_search USING fts5 (
    search_text, content = 'licenses', content_rowid = 'rowid', tokenize = 'trigram'
);
CREATE TRIGGER licenses_search_insert AFTER INSERT ON licenses BEGIN
    INSERT INTO licenses_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER licenses_search_update AFTER UPDATE OF search_text ON licenses BEGIN
    INSERT INTO licenses_search (licenses_search, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO licenses_search (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER licenses_search_delete AFTER DELETE ON licenses BEGIN
    INSERT INTO licenses_search (licenses_search, rowid, search_text)
        VALUES ('delete', old.rowid, old.search_text);
END;

CREATE TABLE audit_events (
    id          BLOB PRIMARY KEY,
    account_id  BLOB REFERENCES accounts (id),
    occurred_at TEXT NOT NULL,
    actor_type  TEXT NOT NULL CHECK (actor_type IN ('member', 'api_client', 'system', 'anonymous')),
    actor_id    BLOB,
    actor_label TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL DEFAULT '',
    object_id   TEXT NOT NULL DEFAULT '',
    before      TEXT,
    after       TEXT,
    outcome     TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
    request_id  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_account_idx ON audit_events (account_id, occurred_at DESC, id DESC);

CREATE TABLE idempotency_keys (
    principal_id    BLOB NOT NULL,
    key             TEXT NOT NULL,
    account_id      BLOB NOT NULL REFERENCES accounts (id),
    request_hash    TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('in_progress', 'completed')),
    response_status INTEGER,
    response_body   TEXT,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    PRIMARY KEY (principal_id, key)
);

CREATE TRIGGER statements_no_update BEFORE UPDATE ON statements
    BEGIN SELECT RAISE(ABORT, 'statements is append-only'); END;
CREATE TRIGGER statements_no_delete BEFORE DELETE ON statements
    BEGIN SELECT RAISE(ABORT, 'statements is append-only'); END;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
