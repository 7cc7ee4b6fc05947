-- Seatdesk schema, PostgreSQL dialect. Keep in step with ../sqlite/0001_schema.sql:
-- same tables, same columns, same constraints; only types and search indexes differ.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE accounts (
    id               uuid PRIMARY KEY,
    name             text NOT NULL,
    currency         text NOT NULL DEFAULT 'USD' CHECK (currency ~ '^[A-Z]{3}$'),
    tax_rate         numeric(9, 6) NOT NULL DEFAULT 0 CHECK (tax_rate >= 0 AND tax_rate < 1),
    billing_day      integer NOT NULL DEFAULT 1 CHECK (billing_day BETWEEN 1 AND 28),
    billing_address  text NOT NULL DEFAULT '',
    next_license_number bigint NOT NULL DEFAULT 1,
    next_order_number   bigint NOT NULL DEFAULT 1,
    created_at       timestamptz NOT NULL
);

CREATE TABLE members (
    id            uuid PRIMARY KEY,
    account_id    uuid NOT NULL REFERENCES accounts (id),
    email         text NOT NULL,
    name          text NOT NULL DEFAULT '',
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('owner', 'billing_admin', 'license_admin', 'viewer')),
    created_at    timestamptz NOT NULL
);
-- Sign-in is by email alone, so an email names one member across all accounts.
CREATE UNIQUE INDEX members_email_key ON members (lower(email));
CREATE INDEX members_account_idx ON members (account_id);

CREATE TABLE api_clients (
    id          uuid PRIMARY KEY,
    account_id  uuid NOT NULL REFERENCES accounts (id),
    client_id   text NOT NULL UNIQUE,
    secret_hash text NOT NULL,
    name        text NOT NULL,
    scopes      text NOT NULL,
    created_by  uuid REFERENCES members (id),
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);
CREATE INDEX api_clients_account_idx ON api_clients (account_id, created_at);

CREATE TABLE directory_users (
    id         uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    name       text NOT NULL,
    email      text NOT NULL,
    ext        text NOT NULL,
    kind       text NOT NULL CHECK (kind IN ('user', 'manager', 'agent')),
    status     text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX directory_users_ext_key ON directory_users (account_id, ext);
CREATE UNIQUE INDEX directory_users_email_key ON directory_users (account_id, lower(email));
CREATE INDEX directory_users_name_idx ON directory_users (account_id, name, id);
CREATE INDEX directory_users_search_idx ON directory_users
    USING gin ((lower(name || ' ' || email || ' ' || ext)) gin_trgm_ops);

CREATE TABLE products (
    id          uuid PRIMARY KEY,
    sku         text NOT NULL UNIQUE,
    name        text NOT NULL,
    description text NOT NULL DEFAULT '',
    unit_price  numeric(18, 4) NOT NULL CHECK (unit_price >= 0),
    currency    text NOT NULL DEFAULT 'USD',
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL
);

CREATE TABLE cost_centers (
    id         uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    code       text NOT NULL,
    name       text NOT NULL,
    parent_id  uuid REFERENCES cost_centers (id),
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX cost_centers_code_key ON cost_centers (account_id, lower(code));

-- One cart per principal (portal member or API client).
CREATE TABLE cart_items (
    account_id   uuid NOT NULL REFERENCES accounts (id),
    principal_id uuid NOT NULL,
    product_id   uuid NOT NULL REFERENCES products (id),
    quantity     integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (principal_id, product_id)
);

CREATE TABLE checkouts (
    id           uuid PRIMARY KEY,
    account_id   uuid NOT NULL REFERENCES accounts (id),
    principal_id uuid NOT NULL,
    status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'expired')),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    completed_at timestamptz
);
CREATE INDEX checkouts_account_idx ON checkouts (account_id, created_at);

CREATE TABLE checkout_lines (
    id          uuid PRIMARY KEY,
    checkout_id uuid NOT NULL REFERENCES checkouts (id) ON DELETE CASCADE,
    product_id  uuid NOT NULL REFERENCES products (id),
    quantity    integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),
    unit_price  numeric(18, 4) NOT NULL,
    position    integer NOT NULL,
    UNIQUE (checkout_id, product_id)
);

CREATE TABLE checkout_allocations (
    line_id        uuid NOT NULL REFERENCES checkout_lines (id) ON DELETE CASCADE,
    cost_center_id uuid NOT NULL REFERENCES cost_centers (id),
    quantity       integer NOT NULL CHECK (quantity >= 1),
    PRIMARY KEY (line_id, cost_center_id)
);

CREATE TABLE orders (
    id                uuid PRIMARY KEY,
    account_id        uuid NOT NULL REFERENCES accounts (id),
    number            bigint NOT NULL,
    checkout_id       uuid NOT NULL UNIQUE REFERENCES checkouts (id),
    placed_by         uuid NOT NULL,
    placed_at         timestamptz NOT NULL,
    purchase_date     date NOT NULL,
    next_billing_date date NOT NULL,
    currency          text NOT NULL,
    subtotal          numeric(18, 2) NOT NULL,
    tax               numeric(18, 2) NOT NULL,
    total             numeric(18, 2) NOT NULL,
    recurring_monthly numeric(18, 4) NOT NULL,
    license_count     integer NOT NULL,
    UNIQUE (account_id, number)
);
CREATE INDEX orders_account_idx ON orders (account_id, placed_at DESC, id DESC);

CREATE TABLE order_lines (
    id              uuid PRIMARY KEY,
    order_id        uuid NOT NULL REFERENCES orders (id),
    product_id      uuid NOT NULL REFERENCES products (id),
    cost_center_id  uuid NOT NULL REFERENCES cost_centers (id),
    quantity        integer NOT NULL,
    unit_price      numeric(18, 4) NOT NULL,
    monthly_amount  numeric(18, 4) NOT NULL,
    prorated_amount numeric(18, 2) NOT NULL,
    position        integer NOT NULL
);
CREATE INDEX order_lines_order_idx ON order_lines (order_id, position);

-- The printable record of an order, written once with the order.
CREATE TABLE statements (
    order_id   uuid PRIMARY KEY REFERENCES orders (id),
    account_id uuid NOT NULL REFERENCES accounts (id),
    document   jsonb NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE TABLE licenses (
    id             uuid PRIMARY KEY,
    account_id     uuid NOT NULL REFERENCES accounts (id),
    number         bigint NOT NULL,
    product_id     uuid NOT NULL REFERENCES products (id),
    cost_center_id uuid NOT NULL REFERENCES cost_centers (id),
    order_id       uuid REFERENCES orders (id),
    added_at       timestamptz NOT NULL,
    assignee_id    uuid REFERENCES directory_users (id),
    assigned_at    timestamptz,
    last_used_at   timestamptz,
    -- Lower-cased "number cost-center-code assignee-name assignee-email assignee-ext",
    -- kept current by the service so one trigram index answers the `q` search.
    search_text    text NOT NULL,
    UNIQUE (account_id, number),
    CHECK ((assignee_id IS NULL) = (assigned_at IS NULL))
);
-- A person holds at most one license of a product: the database, not the code, enforces it.
CREATE UNIQUE INDEX licenses_one_per_user_key ON licenses (product_id, assignee_id)
    WHERE assignee_id IS NOT NULL;
CREATE INDEX licenses_added_idx ON licenses (account_id, added_at DESC, id DESC);
CREATE INDEX licenses_cost_center_idx ON licenses (account_id, cost_center_id, added_at DESC, id DESC);
CREATE INDEX licenses_free_idx ON licenses (account_id, product_id, added_at, id)
    WHERE assignee_id IS NULL;
CREATE INDEX licenses_assignee_idx ON licenses (assignee_id) WHERE assignee_id IS NOT NULL;
CREATE INDEX licenses_search_idx ON licenses USING gin (search_text gin_trgm_ops);

CREATE TABLE audit_events (
    id          uuid PRIMARY KEY,
    account_id  uuid REFERENCES accounts (id),
    occurred_at timestamptz NOT NULL,
    actor_type  text NOT NULL CHECK (actor_type IN ('member', 'api_client', 'system', 'anonymous')),
    actor_id    uuid,
    actor_label text NOT NULL DEFAULT '',
    action      text NOT NULL,
    object_type text NOT NULL DEFAULT '',
    object_id   text NOT NULL DEFAULT '',
    before      jsonb,
    after       jsonb,
    outcome     text NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
    request_id  text NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_account_idx ON audit_events (account_id, occurred_at DESC, id DESC);

CREATE TABLE idempotency_keys (
    principal_id    uuid NOT NULL,
    key             text NOT NULL,
    account_id      uuid NOT NULL REFERENCES accounts (id),
    request_hash    text NOT NULL,
    status          text NOT NULL CHECK (status IN ('in_progress', 'completed')),
    response_status integer,
    response_body   text,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (principal_id, key)
);

-- Statements and the audit log are append-only.
CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER statements_immutable BEFORE UPDATE OR DELETE ON statements
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
