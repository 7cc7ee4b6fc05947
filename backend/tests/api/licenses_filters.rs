//! Every filter, sort and their combinations against a brute-force oracle over seeded data,
//! reading every page; and keyset paging that stays exact while rows are inserted.

use std::collections::HashSet;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use seatdesk::domain::license::{license_number, search_text};
use serde_json::Value;
use uuid::Uuid;

use crate::helpers::TestApp;
use crate::license_fixtures as fx;
use crate::on_both_backends;

/// One license as the oracle sees it, read straight from the tables.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    id: Uuid,
    number: i64,
    product_id: Uuid,
    sku: String,
    cost_center_id: Uuid,
    code: String,
    assignee: Option<(String, String, String)>,
    added_at: DateTime<Utc>,
    last_used_at: Option<DateTime<Utc>>,
}

type RawRow = (
    Uuid,
    i64,
    Uuid,
    String,
    Uuid,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
);

pub(crate) async fn all_rows(app: &TestApp, account: Uuid) -> Vec<Row> {
    let raw: Vec<RawRow> = seatdesk::on_read!(&app.db, |pool| sqlx::query_as(
        "SELECT l.id, l.number, l.product_id, p.sku, l.cost_center_id, c.code, u.name, u.email, u.ext, l.added_at, l.last_used_at \
         FROM licenses l JOIN products p ON p.id = l.product_id JOIN cost_centers c ON c.id = l.cost_center_id \
         LEFT JOIN directory_users u ON u.id = l.assignee_id WHERE l.account_id = $1"
    )
    .bind(account)
    .fetch_all(pool)
    .await)
    .unwrap();
    raw.into_iter()
        .map(|(id, number, product_id, sku, cost_center_id, code, name, email, ext, added_at, last_used_at)| Row {
            id,
            number,
            product_id,
            sku,
            cost_center_id,
            code,
            assignee: name.map(|n| (n, email.unwrap(), ext.unwrap())),
            added_at,
            last_used_at,
        })
        .collect()
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Filter {
    pub(crate) q: Option<&'static str>,
    pub(crate) cost_centers: Vec<Uuid>,
    pub(crate) status: Option<&'static str>,
    pub(crate) product: Option<String>,
    pub(crate) unused_since: Option<NaiveDate>,
    pub(crate) sort: &'static str,
    pub(crate) limit: u32,
}

impl Filter {
    pub(crate) fn query(&self) -> String {
        let mut parts = vec![format!("limit={}", self.limit), format!("sort={}", self.sort)];
        if let Some(q) = self.q {
            parts.push(format!("q={}", urlencode(q)));
        }
        parts.extend(self.cost_centers.iter().map(|c| format!("cost_center={c}")));
        if let Some(s) = self.status {
            parts.push(format!("status={s}"));
        }
        if let Some(p) = &self.product {
            parts.push(format!("product={p}"));
        }
        if let Some(d) = self.unused_since {
            parts.push(format!("unused_since={d}"));
        }
        parts.join("&")
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The expected list, computed the slow, obvious way.
pub(crate) fn oracle(rows: &[Row], f: &Filter) -> Vec<Uuid> {
    let q = f.q.map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty());
    let since = f.unused_since.map(|d| Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap()));
    let mut kept: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            let text = search_text(
                r.number,
                &r.code,
                r.assignee.as_ref().map(|(n, e, x)| (n.as_str(), e.as_str(), x.as_str())),
            );
            q.as_ref().is_none_or(|q| text.contains(q.as_str()))
                && (f.cost_centers.is_empty() || f.cost_centers.contains(&r.cost_center_id))
                && match f.status {
                    Some("assigned") => r.assignee.is_some(),
                    Some("unassigned") => r.assignee.is_none(),
                    _ => true,
                }
                && f.product.as_ref().is_none_or(|p| *p == r.sku || *p == r.product_id.to_string())
                && since.is_none_or(|s| r.last_used_at.is_none_or(|t| t < s))
        })
        .collect();
    let (desc, key) = match f.sort.strip_prefix('-') {
        Some(k) => (true, k),
        None => (false, f.sort),
    };
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    kept.sort_by(|a, b| {
        let by_key = match key {
            "added_at" => a.added_at.cmp(&b.added_at),
            "number" => a.number.cmp(&b.number),
            "assignee" => {
                let name = |r: &Row| r.assignee.as_ref().map(|a| a.0.clone()).unwrap_or_default();
                name(a).as_bytes().cmp(name(b).as_bytes())
            }
            "cost_center" => a.code.as_bytes().cmp(b.code.as_bytes()),
            "last_used_at" => a.last_used_at.unwrap_or(epoch).cmp(&b.last_used_at.unwrap_or(epoch)),
            other => panic!("sort {other}"),
        };
        let order = by_key.then(a.id.cmp(&b.id));
        if desc {
            order.reverse()
        } else {
            order
        }
    });
    kept.into_iter().map(|r| r.id).collect()
}

/// Every page of the list, following `next_cursor`.
async fn all_pages(app: &TestApp, token: &str, f: &Filter) -> (Vec<Uuid>, i64) {
    let mut ids = Vec::new();
    let mut first_total = -1;
    let mut cursor: Option<String> = None;
    let mut first = true;
    loop {
        let mut path = format!("/api/v1/licenses?{}&with_total=true", f.query());
        if let Some(c) = &cursor {
            path.push_str(&format!("&cursor={c}"));
        }
        let response = app.get(&path, token).await;
        assert_eq!(response.status(), 200, "{path}");
        let page: Value = response.json().await.unwrap();
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= f.limit as usize);
        if first {
            assert!(page["total"].is_i64(), "the first page has a total");
        }
        ids.extend(items.iter().map(|i| Uuid::parse_str(i["id"].as_str().unwrap()).unwrap()));
        if first {
            let total = page["total"].as_i64().unwrap();
            first_total = total;
            assert_eq!(page["total_is_lower_bound"], false);
            first = false;
            cursor = page["next_cursor"].as_str().map(str::to_string);
            if cursor.is_none() {
                assert_eq!(total as usize, ids.len());
                break;
            }
            ids.reserve(total as usize);
            continue;
        }
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_string()),
            None => break,
        }
    }
    (ids, first_total)
}

/// A few hundred licenses over 6 cost centers, 2 products, ~100 users, with tied dates.
pub(crate) async fn seed(app: &TestApp) -> (Uuid, Vec<fx::CostCenter>, Uuid) {
    let acme = fx::account(app, "Acme Corp").await;
    let live = fx::product(app).await;
    let addon = fx::insert_product(app, "ADDON_X").await;
    let mut ccs = fx::cost_centers(app, acme).await;
    ccs.push(fx::insert_cost_center(app, acme, "EU_1.x").await);
    ccs.push(fx::insert_cost_center(app, acme, "eu-2").await);
    let mut users = fx::users(app, acme).await.into_iter().skip(20).collect::<Vec<_>>();
    for i in 0..60 {
        let name =
            if i == 7 { "Zoë Ünal".to_string() } else { format!("Person {i:02} {}", ["Ann", "bob", "Cid"][i % 3]) };
        users
            .push(fx::insert_user(app, acme, &name, &format!("p{i}@Corp{}.example", i % 4), &format!("5{i:02}")).await);
    }
    let base = Utc::now() - Duration::days(3);
    let mut number = fx::next_number(app, acme).await;
    let (mut live_users, mut addon_users) = (users.iter(), users.iter().rev());
    for i in 0..300i64 {
        let product = if i % 4 == 3 { addon } else { live };
        let cc = &ccs[(i * 7 % ccs.len() as i64) as usize];
        let assignee = match (i % 5, product == addon) {
            (0..=2, false) => live_users.next(),
            (0..=2, true) => addon_users.next(),
            _ => None,
        };
        let added = base + Duration::hours(i % 40);
        let used = match i % 6 {
            0 if assignee.is_some() => Some(base + Duration::hours(i % 30)),
            1 if assignee.is_some() => Some(Utc::now() - Duration::days(40)),
            _ => None,
        };
        fx::insert_license(app, acme, number, product, cc, added, assignee, used).await;
        number += 1;
    }
    (acme, ccs, addon)
}

async fn filters_match_the_oracle(app: &TestApp) {
    let (acme, ccs, addon) = seed(app).await;
    let token = app.login("viewer@acme.example").await;
    let rows = all_rows(app, acme).await;
    assert!(rows.len() > 300);
    let qs: [Option<&'static str>; 11] = [
        None,
        Some("lr-0001"),
        Some("CC-2"),
        Some("ann"),
        Some("5"),
        Some("@corp1"),
        Some("_1."),
        Some("%"),
        Some("zoë"),
        Some("nomatch"),
        Some(" Bob "),
    ];
    let sorts = [
        "-added_at",
        "added_at",
        "number",
        "-number",
        "assignee",
        "-assignee",
        "cost_center",
        "-cost_center",
        "last_used_at",
        "-last_used_at",
    ];
    let cc_sets = [vec![], vec![], vec![ccs[1].id], vec![ccs[0].id, ccs[4].id, Uuid::now_v7()]];
    let statuses = [None, None, Some("assigned"), Some("unassigned")];
    let products = [None, None, Some("LIVE_REPORTS".to_string()), Some(addon.to_string())];
    let since = [None, None, Some((Utc::now() - Duration::days(10)).date_naive())];

    // Every sort with no filter, then a deterministic spread over all combinations.
    let mut cases: Vec<Filter> = sorts.iter().map(|s| Filter { sort: s, limit: 37, ..Default::default() }).collect();
    let mut seedv: u64 = 7;
    let mut next = |n: usize| {
        seedv = seedv.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seedv >> 33) as usize) % n
    };
    for _ in 0..110 {
        cases.push(Filter {
            q: qs[next(qs.len())],
            cost_centers: cc_sets[next(cc_sets.len())].clone(),
            status: statuses[next(statuses.len())],
            product: products[next(products.len())].clone(),
            unused_since: since[next(since.len())],
            sort: sorts[next(sorts.len())],
            limit: [5, 25, 200][next(3)],
        });
    }
    let mut non_empty = 0;
    for case in &cases {
        let expected = oracle(&rows, case);
        let (got, total) = all_pages(app, &token, case).await;
        assert_eq!(got, expected, "filter {}", case.query());
        assert_eq!(total as usize, expected.len(), "total of {}", case.query());
        non_empty += usize::from(!expected.is_empty());
    }
    assert!(non_empty > cases.len() / 2, "the cases exercise real results: {non_empty} of {}", cases.len());
    // The numbers in items are the human ones.
    let page: Value = app.get("/api/v1/licenses?sort=number&limit=1", &token).await.json().await.unwrap();
    assert_eq!(page["items"][0]["number"], license_number(1));
}
on_both_backends!(every_filter_and_sort_matches_a_brute_force_oracle, filters_match_the_oracle);

async fn bad_parameters_are_422(app: &TestApp) {
    let token = app.login("viewer@acme.example").await;
    for query in [
        "sort=price",
        "sort=",
        "status=lost",
        "cost_center=nope",
        "limit=0",
        "limit=201",
        "unused_since=yesterday",
        "unused_since=",
        "with_total=",
        "color=red",
    ] {
        let response = app.get(&format!("/api/v1/licenses?{query}"), &token).await;
        crate::helpers::assert_problem(response, 422).await;
    }
    for query in ["limit=0", "unused_since=", "sort=price"] {
        let response = app.get(&format!("/api/v1/licenses/export?{query}"), &token).await;
        crate::helpers::assert_problem(response, 422).await;
    }
    // A made-up cursor names no page; an unknown product is a filter nothing matches.
    crate::helpers::assert_problem(app.get("/api/v1/licenses?cursor=garbage", &token).await, 404).await;
    let page: Value = app.get("/api/v1/licenses?product=NOPE", &token).await.json().await.unwrap();
    assert_eq!(page["items"], serde_json::json!([]));
    // A cursor made for one sort is refused for another.
    let page: Value = app.get("/api/v1/licenses?limit=2&sort=number", &token).await.json().await.unwrap();
    let cursor = page["next_cursor"].as_str().unwrap();
    let response = app.get(&format!("/api/v1/licenses?limit=2&sort=-added_at&cursor={cursor}"), &token).await;
    crate::helpers::assert_problem(response, 422).await;
}
on_both_backends!(bad_list_parameters_are_named_422s, bad_parameters_are_422);

async fn paging_while_inserting(app: &TestApp) {
    let (acme, ccs, _) = seed(app).await;
    let product = fx::product(app).await;
    let token = app.login("viewer@acme.example").await;
    for sort in ["-added_at", "number", "cost_center", "added_at"] {
        let before: HashSet<Uuid> = all_rows(app, acme).await.into_iter().map(|r| r.id).collect();
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        let mut round = 0i64;
        loop {
            let mut path = format!("/api/v1/licenses?limit=20&sort={sort}");
            if let Some(c) = &cursor {
                path.push_str(&format!("&cursor={c}"));
            }
            let page: Value = app.get(&path, &token).await.json().await.unwrap();
            seen.extend(
                page["items"].as_array().unwrap().iter().map(|i| Uuid::parse_str(i["id"].as_str().unwrap()).unwrap()),
            );
            // New licenses land before, inside and after the part already read.
            for k in 0..3 {
                let number = fx::next_number(app, acme).await;
                let added = Utc::now() - Duration::hours(round * 7 % 80) + Duration::hours(k * 30);
                fx::insert_license(
                    app,
                    acme,
                    number,
                    product,
                    &ccs[(round + k) as usize % ccs.len()],
                    added,
                    None,
                    None,
                )
                .await;
            }
            round += 1;
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_string()),
                None => break,
            }
        }
        let unique: HashSet<Uuid> = seen.iter().copied().collect();
        assert_eq!(unique.len(), seen.len(), "no row twice ({sort})");
        assert!(before.is_subset(&unique), "every row that was there from the start is returned ({sort})");
    }
}
on_both_backends!(keyset_paging_returns_every_row_once_while_rows_are_inserted, paging_while_inserting);
