//! The fixed demo data from the product spec, so anyone can sign in and try every step:
//! Acme Corp (USD, tax 8.25 %, billing day 1) with four members, 40 directory users
//! (ext 101–140), four cost centers, the LIVE_REPORTS product at 15.00/month and
//! 12 licenses of which 7 are assigned; and Globex Inc, to show that accounts are isolated.

use chrono::{Duration, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

use crate::auth::password::hash_password;
use crate::domain::license::search_text;
use crate::domain::time::now_utc;
use crate::storage::{Db, SqlDecimal, Tx};
use crate::{tx_execute, with_tx};

pub const DEMO_PASSWORD: &str = "seatdesk-demo";

const ACME_USERS: [&str; 40] = [
    "Ava Thompson",
    "Liam Carter",
    "Mia Rodriguez",
    "Noah Kim",
    "Emma Patel",
    "Oliver Nguyen",
    "Sophia Martinez",
    "Elijah Brooks",
    "Isabella Chen",
    "Lucas Rivera",
    "Amelia Walker",
    "Mason Scott",
    "Harper Lewis",
    "Ethan Young",
    "Evelyn Hall",
    "James Allen",
    "Abigail King",
    "Benjamin Wright",
    "Emily Lopez",
    "Henry Hill",
    "Ella Green",
    "Alexander Adams",
    "Scarlett Baker",
    "Daniel Nelson",
    "Grace Mitchell",
    "Matthew Perez",
    "Chloe Roberts",
    "Jackson Turner",
    "Victoria Phillips",
    "Sebastian Campbell",
    "Riley Parker",
    "Jack Evans",
    "Aria Edwards",
    "Owen Collins",
    "Lily Stewart",
    "Samuel Sanchez",
    "Zoey Morris",
    "Leo Rogers",
    "Nora Reed",
    "Wyatt Cook",
];

const KINDS: [&str; 3] = ["user", "manager", "agent"];

pub async fn seed(db: &Db) -> anyhow::Result<()> {
    let password_hash = hash_password(DEMO_PASSWORD)?;
    let mut tx = db.begin().await?;
    let product_id = ensure_product(&mut tx).await?;

    let acme = insert_account(
        &mut tx,
        "Acme Corp",
        "0.0825",
        "Acme Corp\n100 Market Street\nSpringfield, IL 62701\nUnited States",
    )
    .await?;
    let mut billing_admin = Uuid::nil();
    for (email, name, role) in [
        ("owner@acme.example", "Olivia Owner", "owner"),
        ("billing@acme.example", "Bill Ing", "billing_admin"),
        ("licenses@acme.example", "Lee Sense", "license_admin"),
        ("viewer@acme.example", "Vic Viewer", "viewer"),
    ] {
        let id = insert_member(&mut tx, acme, email, name, role, &password_hash).await?;
        if role == "billing_admin" {
            billing_admin = id;
        }
    }
    let mut users = Vec::new();
    for (i, name) in ACME_USERS.iter().enumerate() {
        let ext = (101 + i).to_string();
        let email = format!("{}@acme.example", name.to_lowercase().replace(' ', "."));
        let id = insert_user(&mut tx, acme, name, &email, &ext, KINDS[i % 3]).await?;
        users.push((id, name.to_string(), email, ext));
    }
    let mut cost_centers = Vec::new();
    for (code, name) in [("CC-100", "Sales"), ("CC-200", "Support"), ("CC-300", "Engineering"), ("CC-400", "Marketing")]
    {
        cost_centers.push((insert_cost_center(&mut tx, acme, code, name).await?, code));
    }
    // 12 licenses bought over the last weeks, spread over the cost centers; the first 7 assigned.
    for n in 1..=12i64 {
        let (cc_id, cc_code) = cost_centers[(n as usize - 1) % cost_centers.len()];
        let assignee = (n <= 7).then(|| &users[(n as usize - 1) * 3]);
        let added_at = now_utc() - Duration::days(30 - n);
        insert_license(&mut tx, acme, n, product_id, cc_id, cc_code, added_at, assignee).await?;
    }
    set_next_license_number(&mut tx, acme, 13).await?;
    // They were bought as order 1, placed when the first of them was added.
    super::demo_order::record(&mut tx, acme, product_id, billing_admin, now_utc() - Duration::days(29)).await?;

    let globex =
        insert_account(&mut tx, "Globex Inc", "0", "Globex Inc\n1 Cypress Creek Road\nCypress Creek\nUnited States")
            .await?;
    insert_member(&mut tx, globex, "owner@globex.example", "Hank Scorpio", "owner", &password_hash).await?;
    let globex_user = insert_user(&mut tx, globex, "Homer Simpson", "homer@globex.example", "101", "agent").await?;
    let (globex_cc, globex_code) = (insert_cost_center(&mut tx, globex, "GX-1", "Operations").await?, "GX-1");
    let homer = (globex_user, "Homer Simpson".to_string(), "homer@globex.example".to_string(), "101".to_string());
    for n in 1..=3i64 {
        let assignee = (n == 1).then_some(&homer);
        insert_license(
            &mut tx,
            globex,
            n,
            product_id,
            globex_cc,
            globex_code,
            now_utc() - Duration::days(10),
            assignee,
        )
        .await?;
    }
    set_next_license_number(&mut tx, globex, 4).await?;
    tx.commit().await?;
    Ok(())
}

async fn ensure_product(tx: &mut Tx) -> Result<Uuid, sqlx::Error> {
    let existing: Option<Uuid> =
        with_tx!(tx, |c| sqlx::query_scalar("SELECT id FROM products WHERE sku = 'LIVE_REPORTS'")
            .fetch_optional(c)
            .await)?;
    if let Some(id) = existing {
        return Ok(id);
    }
    let id = Uuid::now_v7();
    let price = SqlDecimal(Decimal::new(1500, 2));
    let description = "Real-time dashboards for every user, manager with viewer access, and monitored agent.";
    tx_execute!(
        tx,
        sqlx::query(
            "INSERT INTO products (id, sku, name, description, unit_price, currency, active, created_at) \
         VALUES ($1, 'LIVE_REPORTS', 'Live Reports', $2, $3, 'USD', TRUE, $4)"
        )
        .bind(id)
        .bind(description)
        .bind(price)
        .bind(now_utc())
    )?;
    Ok(id)
}

async fn insert_account(tx: &mut Tx, name: &str, tax_rate: &str, address: &str) -> anyhow::Result<Uuid> {
    let id = Uuid::now_v7();
    let tax = SqlDecimal(tax_rate.parse::<Decimal>()?);
    tx_execute!(
        tx,
        sqlx::query(
            "INSERT INTO accounts (id, name, currency, tax_rate, billing_day, billing_address, created_at) \
         VALUES ($1, $2, 'USD', $3, 1, $4, $5)"
        )
        .bind(id)
        .bind(name)
        .bind(tax)
        .bind(address)
        .bind(Utc::now() - Duration::days(90))
    )?;
    Ok(id)
}

async fn insert_member(
    tx: &mut Tx,
    account: Uuid,
    email: &str,
    name: &str,
    role: &str,
    hash: &str,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    tx_execute!(tx, sqlx::query(
        "INSERT INTO members (id, account_id, email, name, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )
    .bind(id)
    .bind(account)
    .bind(email)
    .bind(name)
    .bind(hash)
    .bind(role)
    .bind(now_utc()))?;
    Ok(id)
}

async fn insert_user(
    tx: &mut Tx,
    account: Uuid,
    name: &str,
    email: &str,
    ext: &str,
    kind: &str,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    let now = now_utc();
    tx_execute!(
        tx,
        sqlx::query(
            "INSERT INTO directory_users (id, account_id, name, email, ext, kind, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 'active', $7, $7)"
        )
        .bind(id)
        .bind(account)
        .bind(name)
        .bind(email)
        .bind(ext)
        .bind(kind)
        .bind(now)
    )?;
    Ok(id)
}

async fn insert_cost_center(tx: &mut Tx, account: Uuid, code: &str, name: &str) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    let now = now_utc();
    tx_execute!(tx, sqlx::query(
        "INSERT INTO cost_centers (id, account_id, code, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)"
    )
    .bind(id)
    .bind(account)
    .bind(code)
    .bind(name)
    .bind(now))?;
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
async fn insert_license(
    tx: &mut Tx,
    account: Uuid,
    number: i64,
    product: Uuid,
    cost_center: Uuid,
    cost_center_code: &str,
    added_at: chrono::DateTime<Utc>,
    assignee: Option<&(Uuid, String, String, String)>,
) -> Result<(), sqlx::Error> {
    let text = search_text(number, cost_center_code, assignee.map(|(_, n, e, x)| (n.as_str(), e.as_str(), x.as_str())));
    let assigned_at = assignee.map(|_| added_at + Duration::hours(2));
    tx_execute!(tx, sqlx::query(
        "INSERT INTO licenses (id, account_id, number, product_id, cost_center_id, added_at, assignee_id, assigned_at, search_text) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )
    .bind(Uuid::now_v7())
    .bind(account)
    .bind(number)
    .bind(product)
    .bind(cost_center)
    .bind(added_at)
    .bind(assignee.map(|a| a.0))
    .bind(assigned_at)
    .bind(text))?;
    Ok(())
}

async fn set_next_license_number(tx: &mut Tx, account: Uuid, next: i64) -> Result<(), sqlx::Error> {
    tx_execute!(
        tx,
        sqlx::query("UPDATE accounts SET next_license_number = $1 WHERE id = $2").bind(next).bind(account)
    )?;
    Ok(())
}
