//! The list query's two ways of answering a search on SQLite (FTS5 trigram table, or a
//! row-by-row check while an index walks the list) and its per-cost-center merge must return
//! exactly what the brute-force oracle does, page after page, whichever the planner picks.

use seatdesk::storage::licenses_list::{fetch_page, key_of, page_sql, ListFilter, ListQuery, SortKey};
use seatdesk::storage::licenses_search_plan::SearchPath;
use seatdesk::storage::Dialect;
use uuid::Uuid;

use crate::helpers::TestApp;
use crate::licenses_filters::{all_rows, oracle, seed, Filter};
use crate::on_both_backends;

/// Every page of `filter`, read with the statement `page_sql` builds for `search`.
async fn pages_with(app: &TestApp, account: Uuid, filter: &Filter, search: SearchPath) -> Vec<Uuid> {
    let (sort, descending) = match filter.sort {
        "-added_at" => (SortKey::AddedAt, true),
        "added_at" => (SortKey::AddedAt, false),
        "number" => (SortKey::Number, false),
        "-number" => (SortKey::Number, true),
        other => panic!("sort {other} is not one this test walks"),
    };
    let list_filter = ListFilter {
        q: filter.q.map(|q| q.trim().to_lowercase()),
        cost_centers: filter.cost_centers.clone(),
        ..Default::default()
    };
    let mut query = ListQuery { filter: list_filter, sort, descending, after: None, limit: filter.limit };
    let mut ids = Vec::new();
    loop {
        let sql = page_sql(account, &query, app.db.dialect(), search);
        let mut rows = fetch_page(&app.db, &sql).await.unwrap_or_else(|e| panic!("{e}: {}", sql.text));
        let more = rows.len() > filter.limit as usize;
        rows.truncate(filter.limit as usize);
        ids.extend(rows.iter().map(|r| r.id));
        match rows.last() {
            Some(last) if more => query.after = Some((key_of(last, sort), last.id)),
            _ => return ids,
        }
    }
}

async fn both_paths_match_the_oracle(app: &TestApp) {
    let (acme, ccs, _) = seed(app).await;
    let rows = all_rows(app, acme).await;
    // PostgreSQL has no FTS5 table: its planner picks between the trigram and b-tree indexes.
    let paths: &[SearchPath] = match app.db.dialect() {
        Dialect::Sqlite => &[SearchPath::RowCheck, SearchPath::TrigramTable],
        Dialect::Postgres => &[SearchPath::RowCheck],
    };
    let cc_sets =
        [vec![], vec![ccs[2].id], vec![ccs[0].id, ccs[4].id, Uuid::now_v7()], ccs.iter().map(|c| c.id).collect()];
    let mut checked = 0;
    for q in [None, Some("ann"), Some("lr-0001"), Some("@corp1"), Some("zoë"), Some("nomatch"), Some("cc-2")] {
        for cost_centers in &cc_sets {
            for sort in ["-added_at", "added_at", "number", "-number"] {
                for limit in [3, 40] {
                    let filter = Filter { q, cost_centers: cost_centers.clone(), sort, limit, ..Default::default() };
                    let expected = oracle(&rows, &filter);
                    for &path in paths {
                        if path == SearchPath::TrigramTable && q.is_none() {
                            continue;
                        }
                        let got = pages_with(app, acme, &filter, path).await;
                        assert_eq!(got, expected, "{path:?} {}", filter.query());
                        checked += usize::from(!expected.is_empty());
                    }
                }
            }
        }
    }
    assert!(checked > 100, "most cases have results: {checked}");
}
on_both_backends!(search_paths_and_the_cost_center_merge_match_the_oracle, both_paths_match_the_oracle);
