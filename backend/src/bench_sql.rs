//! `seatdesk bench-sql`: the statements that one API request sends to the database, with their
//! binds, so the benchmark can replay them "bare" (pgbench, or a plain sqlite3 loop) and
//! compare. Built from the same statement builders and constants the storage layer runs, so
//! the bare side cannot drift from what the API does.
//!
//! Requests: a first page of the license list (search + cost centers), `GET /licenses/{id}`,
//! and the assign and unassign transactions (`BEGIN` … `COMMIT`). Values that vary per
//! request in reality (new ids, times, search texts) are fixed, realistic stand-ins.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::domain::license::search_text;
use crate::storage::licenses::{self, CLEAR_ASSIGNEE, SET_ASSIGNEE};
use crate::storage::licenses_list::{plan_page, Bind, ListFilter, ListQuery, SortKey};
use crate::storage::licenses_search_plan::{self as search_plan, Decision};
use crate::storage::{audit, begin_sql, Db, Dialect};

/// What to build the requests for.
pub struct BenchSqlArgs {
    pub account: Uuid,
    pub member: Uuid,
    pub q: String,
    pub cost_centers: Vec<Uuid>,
    pub limit: u32,
    pub license: Uuid,
    pub user: Uuid,
}

/// One statement: its text and typed binds (`kind`: uuid, new_uuid — a fresh one each time —,
/// uuid_array, text, int, time, json).
#[derive(Serialize)]
pub struct Statement {
    pub sql: String,
    pub binds: Vec<Value>,
}

#[derive(Serialize)]
pub struct Requests {
    pub dialect: &'static str,
    pub list: Vec<Statement>,
    pub get: Vec<Statement>,
    pub assign: Vec<Statement>,
    pub unassign: Vec<Statement>,
}

fn uuid(v: Uuid) -> Value {
    json!({ "kind": "uuid", "value": v })
}

fn text(v: &str) -> Value {
    json!({ "kind": "text", "value": v })
}

/// Times as sqlx encodes them for SQLite (RFC 3339 text); PostgreSQL parses the same text.
fn time(v: DateTime<Utc>) -> Value {
    json!({ "kind": "time", "value": v.to_rfc3339_opts(SecondsFormat::AutoSi, false) })
}

fn statement(sql: impl Into<String>, binds: Vec<Value>) -> Statement {
    Statement { sql: sql.into(), binds }
}

fn from_list_binds(binds: &[Bind]) -> Vec<Value> {
    binds
        .iter()
        .map(|b| match b {
            Bind::Uuid(v) => uuid(*v),
            Bind::UuidArray(v) => json!({ "kind": "uuid_array", "value": v }),
            Bind::Text(v) => text(v),
            Bind::Time(v) => time(*v),
            Bind::Int(v) => json!({ "kind": "int", "value": v }),
        })
        .collect()
}

/// The first page of `q` over the cost centers, newest first: on SQLite with the two counts
/// that choose how to search (`licenses_search_plan`), exactly as `licenses_list::page` runs them.
async fn list_page(db: &Db, args: &BenchSqlArgs) -> anyhow::Result<Vec<Statement>> {
    let filter = ListFilter {
        q: Some(args.q.trim().to_lowercase()).filter(|q| !q.is_empty()),
        cost_centers: args.cost_centers.clone(),
        ..Default::default()
    };
    let query = ListQuery { filter, sort: SortKey::AddedAt, descending: true, after: None, limit: args.limit };
    let mut statements = Vec::new();
    let decision = search_plan::decision(db.dialect(), query.filter.q.as_deref(), query.sort.is_indexed());
    if let (Db::Sqlite(sqlite), Decision::CountMatches(q)) = (db, decision) {
        let cap = search_plan::break_even_for(sqlite, args.account, search_plan::rows_wanted(&query)).await?;
        statements.push(statement(search_plan::ACCOUNT_LICENSES, vec![uuid(args.account)]));
        statements.push(statement(
            search_plan::MATCHES_UP_TO,
            vec![text(&search_plan::fts_phrase(q)), json!({ "kind": "int", "value": cap })],
        ));
    }
    let page = plan_page(db, args.account, &query).await?;
    statements.push(statement(page.text, from_list_binds(&page.binds)));
    Ok(statements)
}

fn audit_insert(args: &BenchSqlArgs, action: &str, before: Value, after: Value, at: DateTime<Utc>) -> Statement {
    statement(
        audit::INSERT,
        vec![
            // A new id per event: the replay makes one each time.
            json!({ "kind": "new_uuid", "value": null }),
            uuid(args.account),
            time(at),
            text("member"),
            uuid(args.member),
            text("owner@bench.example"),
            text(action),
            text("license"),
            text(&args.license.to_string()),
            json!({ "kind": "json", "value": before }),
            json!({ "kind": "json", "value": after }),
            text("success"),
            text("bench"),
        ],
    )
}

/// The statements of `services::licenses::assign` and `unassign`, in their order.
fn assign_and_unassign(dialect: Dialect, args: &BenchSqlArgs) -> (Vec<Statement>, Vec<Statement>) {
    let now = Utc::now();
    let locked = licenses::select_one_sql(dialect, true);
    let holder_sql = licenses::select_holder_sql(licenses::holder_is_share_locked(dialect));
    let assigned_text = search_text(1, "CC-1000", Some(("Bench User", "bench.user@bench.example", "100001")));
    let assign = vec![
        statement(begin_sql(dialect), vec![]),
        statement(locked.clone(), vec![uuid(args.account), uuid(args.license)]),
        statement(holder_sql, vec![uuid(args.account), uuid(args.user)]),
        statement(
            SET_ASSIGNEE,
            vec![uuid(args.user), time(now), text(&assigned_text), uuid(args.license), uuid(args.account)],
        ),
        audit_insert(args, "license.assign", json!({ "assignee_id": null }), json!({ "assignee_id": args.user }), now),
        statement("COMMIT", vec![]),
    ];
    let unassign = vec![
        statement(begin_sql(dialect), vec![]),
        statement(locked, vec![uuid(args.account), uuid(args.license)]),
        statement(
            CLEAR_ASSIGNEE,
            vec![text(&search_text(1, "CC-1000", None)), uuid(args.license), uuid(args.account), uuid(args.user)],
        ),
        audit_insert(
            args,
            "license.unassign",
            json!({ "assignee_id": args.user }),
            json!({ "assignee_id": null }),
            now,
        ),
        statement("COMMIT", vec![]),
    ];
    (assign, unassign)
}

pub async fn requests(db: &Db, args: &BenchSqlArgs) -> anyhow::Result<Requests> {
    let dialect = db.dialect();
    let (assign, unassign) = assign_and_unassign(dialect, args);
    Ok(Requests {
        dialect: match dialect {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
        },
        list: list_page(db, args).await?,
        get: vec![statement(licenses::select_one_sql(dialect, false), vec![uuid(args.account), uuid(args.license)])],
        assign,
        unassign,
    })
}
