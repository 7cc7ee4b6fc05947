//! `seatdesk seed-large`: a big account for benchmarks (1,000,000 licenses, 200,000 users),
//! written beside the demo data into a new account "Bench Corp".
//!
//! Users go in as multi-row INSERTs (realistic names, unique emails and extensions); licenses
//! are generated inside the database by one `INSERT … SELECT` over a number series
//! (`generate_series` on PostgreSQL, a recursive CTE on SQLite), all in one transaction.
//! Half the licenses are assigned. A person holds at most one license per product, so the
//! licenses are spread over LIVE_REPORTS and four inactive benchmark add-on products.

use chrono::{Duration, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::domain::time::now_utc;
use crate::storage::{Db, Dialect, SqlDecimal, Tx};
use crate::{tx_execute, with_tx};

pub struct LargeSeed {
    pub licenses: i64,
    pub users: i64,
    pub cost_centers: i64,
}

const FIRST: [&str; 40] = [
    "Ava",
    "Liam",
    "Mia",
    "Noah",
    "Emma",
    "Oliver",
    "Sophia",
    "Elijah",
    "Isabella",
    "Lucas",
    "Amelia",
    "Mason",
    "Harper",
    "Ethan",
    "Evelyn",
    "James",
    "Abigail",
    "Benjamin",
    "Emily",
    "Henry",
    "Ella",
    "Alexander",
    "Scarlett",
    "Daniel",
    "Grace",
    "Matthew",
    "Chloe",
    "Jackson",
    "Victoria",
    "Sebastian",
    "Riley",
    "Jack",
    "Aria",
    "Owen",
    "Lily",
    "Samuel",
    "Zoey",
    "Leo",
    "Nora",
    "Wyatt",
];
const LAST: [&str; 40] = [
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Gonzalez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Perez",
    "Thompson",
    "White",
    "Harris",
    "Sanchez",
    "Clark",
    "Ramirez",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Torres",
    "Nguyen",
    "Hill",
    "Flores",
];
/// LIVE_REPORTS first; the others exist only so half the seats can be assigned.
const PRODUCTS: [(&str, &str); 5] = [
    ("LIVE_REPORTS", "Live Reports"),
    ("BENCH_WALLBOARDS", "Wallboards (benchmark)"),
    ("BENCH_RECORDING", "Call Recording (benchmark)"),
    ("BENCH_SPEECH", "Speech Analytics (benchmark)"),
    ("BENCH_QUALITY", "Quality Management (benchmark)"),
];
/// The first extension; user `k` has extension `EXT_BASE + k`.
const EXT_BASE: i64 = 100_000;
const USER_BATCH: i64 = 500;

/// What was written: the account and the owner who can sign in to it.
pub struct Seeded {
    pub account: Uuid,
    pub owner_email: String,
}

pub async fn seed(db: &Db, opts: &LargeSeed) -> anyhow::Result<Seeded> {
    anyhow::ensure!(opts.cost_centers >= 1 && opts.users >= 1 && opts.licenses >= 0, "counts must be positive");
    let mut tx = db.begin().await?;
    for (i, (sku, name)) in PRODUCTS.iter().enumerate() {
        ensure_product(&mut tx, sku, name, i == 0).await?;
    }
    let account = Uuid::now_v7();
    let name = format!("Bench Corp {}", now_utc().format("%Y-%m-%d %H:%M:%S"));
    tx_execute!(
        &mut tx,
        sqlx::query(
            "INSERT INTO accounts (id, name, currency, tax_rate, billing_day, billing_address, next_license_number, created_at) \
             VALUES ($1, $2, 'USD', $3, 1, 'Bench Corp', $4, $5)"
        )
        .bind(account)
        .bind(&name)
        .bind(SqlDecimal(Decimal::ZERO))
        .bind(opts.licenses + 1)
        .bind(now_utc() - Duration::days(400))
    )?;
    let owner = insert_owner(&mut tx, account).await?;
    for c in 0..opts.cost_centers {
        tx_execute!(&mut tx, sqlx::query(
            "INSERT INTO cost_centers (id, account_id, code, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)"
        )
        .bind(Uuid::now_v7())
        .bind(account)
        .bind(format!("CC-{}", 1000 + c))
        .bind(format!("Department {}", c + 1))
        .bind(now_utc()))?;
    }
    insert_users(&mut tx, account, opts.users).await?;
    insert_licenses(&mut tx, account, opts).await?;
    tx.commit().await?;
    match db {
        Db::Postgres(p) => {
            // VACUUM also moves the trigram index's pending list into the index proper.
            sqlx::query("VACUUM ANALYZE licenses").execute(p).await?;
            sqlx::query("VACUUM ANALYZE directory_users").execute(p).await?;
        }
        Db::Sqlite(s) => {
            sqlx::query("ANALYZE").execute(&s.writer).await?;
        }
    }
    Ok(Seeded { account, owner_email: owner })
}

/// `owner@bench.example` (password as in the demo), or `owner+N@…` when that is taken.
async fn insert_owner(tx: &mut Tx, account: Uuid) -> anyhow::Result<String> {
    let taken: i64 =
        with_tx!(tx, |c| sqlx::query_scalar("SELECT COUNT(*) FROM members WHERE email LIKE 'owner%@bench.example'")
            .fetch_one(c)
            .await)?;
    let email =
        if taken == 0 { "owner@bench.example".to_string() } else { format!("owner+{}@bench.example", taken + 1) };
    let hash = crate::auth::password::hash_password(super::demo::DEMO_PASSWORD)?;
    tx_execute!(
        tx,
        sqlx::query(
            "INSERT INTO members (id, account_id, email, name, password_hash, role, created_at) \
             VALUES ($1, $2, $3, 'Bench Owner', $4, 'owner', $5)"
        )
        .bind(Uuid::now_v7())
        .bind(account)
        .bind(&email)
        .bind(hash)
        .bind(now_utc())
    )?;
    Ok(email)
}

async fn ensure_product(tx: &mut Tx, sku: &str, name: &str, active: bool) -> Result<(), sqlx::Error> {
    let exists: Option<Uuid> = with_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM products WHERE sku = $1")
        .bind(sku)
        .fetch_optional(c)
        .await)?;
    if exists.is_none() {
        tx_execute!(
            tx,
            sqlx::query(
                "INSERT INTO products (id, sku, name, description, unit_price, currency, active, created_at) \
                 VALUES ($1, $2, $3, '', $4, 'USD', $5, $6)"
            )
            .bind(Uuid::now_v7())
            .bind(sku)
            .bind(name)
            .bind(SqlDecimal(Decimal::new(1500, 2)))
            .bind(active)
            .bind(now_utc())
        )?;
    }
    Ok(())
}

async fn insert_users(tx: &mut Tx, account: Uuid, count: i64) -> Result<(), sqlx::Error> {
    let now = now_utc();
    let mut start = 0;
    while start < count {
        let end = (start + USER_BATCH).min(count);
        let rows: Vec<String> = (start..end)
            .map(|k| {
                let p = (k - start) * 5;
                format!("(${}, $1, ${}, ${}, ${}, ${}, 'active', $2, $2)", p + 3, p + 4, p + 5, p + 6, p + 7)
            })
            .collect();
        let sql = format!(
            "INSERT INTO directory_users (id, account_id, name, email, ext, kind, status, created_at, updated_at) VALUES {}",
            rows.join(", ")
        );
        with_tx!(tx, |conn| {
            let mut q = sqlx::query(&sql).bind(account).bind(now);
            for k in start..end {
                let (first, last) = (FIRST[(k % 40) as usize], LAST[((k / 40) % 40) as usize]);
                q = q
                    .bind(Uuid::now_v7())
                    .bind(format!("{first} {last}"))
                    .bind(format!("{}.{}.{k}@bench.example", first.to_lowercase(), last.to_lowercase()))
                    .bind((EXT_BASE + k).to_string())
                    .bind(["user", "manager", "agent"][(k % 3) as usize]);
            }
            q.execute(conn).await.map(|_| ())
        })?;
        start = end;
    }
    Ok(())
}

/// Licenses 1..=n: product `i % 5`; assigned when `(i / 5)` is even, to user `i / 10`
/// (distinct per product), if that user exists; added one every 20 s up to now.
async fn insert_licenses(tx: &mut Tx, account: Uuid, opts: &LargeSeed) -> Result<(), sqlx::Error> {
    let dialect = tx.dialect();
    let (series, new_id, number, added_at, assigned_at) = match dialect {
        Dialect::Postgres => (
            "SELECT i FROM generate_series(1, $2::bigint) AS g(i)",
            "gen_random_uuid()",
            "CASE WHEN s.i < 1000000 THEN lpad(s.i::text, 6, '0') ELSE s.i::text END",
            "$3::timestamptz - (($2::bigint - s.i) * interval '20 seconds')",
            "$3::timestamptz - (($2::bigint - s.i) * interval '20 seconds') + interval '10 seconds'",
        ),
        Dialect::Sqlite => (
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2) SELECT i FROM n",
            "randomblob(16)",
            "printf('%06d', s.i)",
            "strftime('%Y-%m-%dT%H:%M:%S', $3, ((s.i - $2) * 20) || ' seconds') || '+00:00'",
            "strftime('%Y-%m-%dT%H:%M:%S', $3, ((s.i - $2) * 20 + 10) || ' seconds') || '+00:00'",
        ),
    };
    let skus: Vec<String> = PRODUCTS.iter().enumerate().map(|(i, (sku, _))| format!("WHEN {i} THEN '{sku}'")).collect();
    let sql = format!(
        "INSERT INTO licenses (id, account_id, number, product_id, cost_center_id, added_at, assignee_id, assigned_at, search_text) \
         SELECT {new_id}, $1, s.i, p.id, c.id, {added_at}, u.id, CASE WHEN u.id IS NULL THEN NULL ELSE {assigned_at} END, \
                lower('LR-' || {number} || ' ' || c.code || COALESCE(' ' || u.name || ' ' || u.email || ' ' || u.ext, '')) \
         FROM ({series}) s \
         JOIN products p ON p.sku = (CASE s.i % 5 {} END) \
         JOIN cost_centers c ON c.account_id = $1 AND lower(c.code) = lower('CC-' || CAST(1000 + s.i % $4 AS TEXT)) \
         LEFT JOIN directory_users u ON (s.i / 5) % 2 = 0 AND s.i / 10 < $5 \
              AND u.account_id = $1 AND u.ext = CAST($6 + s.i / 10 AS TEXT)",
        skus.join(" ")
    );
    let now = match dialect {
        // SQLite's strftime wants the plain "YYYY-MM-DD HH:MM:SS" form.
        Dialect::Sqlite => Utc::now().format("%Y-%m-%d %H:%M:%S").to_string(),
        Dialect::Postgres => Utc::now().to_rfc3339(),
    };
    tx_execute!(
        tx,
        sqlx::query(&sql)
            .bind(account)
            .bind(opts.licenses)
            .bind(now)
            .bind(opts.cost_centers)
            .bind(opts.users)
            .bind(EXT_BASE)
    )?;
    Ok(())
}
