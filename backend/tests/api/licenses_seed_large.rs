//! `seed-large` at a small size: the generated account is consistent and usable.

use seatdesk::domain::license::search_text;
use seatdesk::seed::large::{seed, LargeSeed};
use serde_json::Value;
use uuid::Uuid;

use crate::helpers::TestApp;
use crate::on_both_backends;

type Row = (i64, String, Option<String>, Option<String>, Option<String>, String);

async fn seed_large_writes_a_consistent_account(app: &TestApp) {
    let opts = LargeSeed { licenses: 1000, users: 100, cost_centers: 7 };
    let seeded = seed(&app.db, &opts).await.unwrap();
    let account = seeded.account;
    let rows: Vec<Row> = seatdesk::on_read!(&app.db, |pool| sqlx::query_as(
        "SELECT l.number, c.code, u.name, u.email, u.ext, l.search_text FROM licenses l \
         JOIN cost_centers c ON c.id = l.cost_center_id LEFT JOIN directory_users u ON u.id = l.assignee_id \
         WHERE l.account_id = $1 ORDER BY l.number"
    )
    .bind(account)
    .fetch_all(pool)
    .await)
    .unwrap();
    assert_eq!(rows.len(), 1000);
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), (1..=1000).collect::<Vec<_>>());
    let assigned = rows.iter().filter(|r| r.2.is_some()).count();
    assert!((450..=501).contains(&assigned), "about half assigned: {assigned}");
    for (number, code, name, email, ext, text) in &rows {
        let holder = name.as_deref().map(|n| (n, email.as_deref().unwrap(), ext.as_deref().unwrap()));
        assert_eq!(text, &search_text(*number, code, holder), "search text of {number}");
    }

    // Its owner can sign in and search it.
    let token = app.login(&seeded.owner_email).await;
    let page: Value = app.get("/api/v1/licenses?q=lr-0009&status=assigned", &token).await.json().await.unwrap();
    assert!(!page["items"].as_array().unwrap().is_empty());
    let summary: Value = app.get("/api/v1/licenses/summary", &token).await.json().await.unwrap();
    assert_eq!(summary["total"]["purchased"], 1000);
    assert_eq!(summary["by_cost_center"].as_array().unwrap().len(), 7);
    assert_ne!(account, Uuid::nil());
}
on_both_backends!(seed_large_writes_a_consistent_usable_account, seed_large_writes_a_consistent_account);
