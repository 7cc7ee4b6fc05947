//! Placing an order happens once per Idempotency-Key, and all of it or none of it.

use futures_util::future::join_all;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, Backend, TestApp};
use crate::on_both_backends;
use crate::purchase_support::*;

async fn fifty_concurrent_completions_place_one_order(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let checkout = allocated_checkout(app, &token, 40).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let total = quote_of(app, &token, &id).await["total"].clone();
    let body = json!({"acknowledged": true, "expected_total": total});

    let attempts = (0..50).map(|_| complete(app, &token, &id, &body, Some("one-order-please")));
    let responses = join_all(attempts).await;
    let mut order_ids = Vec::new();
    for response in responses {
        match response.status().as_u16() {
            201 => order_ids.push(response.json::<Value>().await.unwrap()["id"].clone()),
            409 => {
                let problem = assert_problem(response, 409).await;
                assert_eq!(problem["code"], "idempotency_key_in_use");
            }
            other => panic!("unexpected status {other}: {}", response.text().await.unwrap()),
        }
    }
    assert!(!order_ids.is_empty(), "at least the first attempt placed the order");
    assert!(order_ids.iter().all(|o| *o == order_ids[0]), "every success is the same order");
    assert_eq!(count_orders(app).await, 1);
    assert_eq!(scalar_i64(app, "SELECT COUNT(*) FROM licenses WHERE number > 12").await, 40);

    // Later retries replay the stored response.
    let replay = complete(app, &token, &id, &body, Some("one-order-please")).await;
    assert_eq!(replay.status(), 201);
    assert_eq!(replay.headers().get("idempotent-replayed").unwrap(), "true");
    assert_eq!(replay.json::<Value>().await.unwrap()["id"], order_ids[0]);
    // The same key for another request is refused; a new key cannot complete it twice.
    let other = json!({"acknowledged": true, "expected_total": "1.00"});
    assert_problem(complete(app, &token, &id, &other, Some("one-order-please")).await, 422).await;
    let again = assert_problem(complete(app, &token, &id, &body, Some("another-key")).await, 409).await;
    assert_eq!(again["code"], "checkout_completed");
    assert_eq!(count_orders(app).await, 1);
}
on_both_backends!(one_key_places_one_order, fifty_concurrent_completions_place_one_order);

/// Orders placed by the test (the demo data has order 1).
async fn count_orders(app: &TestApp) -> i64 {
    scalar_i64(app, "SELECT COUNT(*) FROM orders WHERE number > 1").await
}

/// Everything a completion writes, to compare before and after a failed one.
async fn footprint(app: &TestApp) -> Vec<i64> {
    let mut counts = Vec::new();
    for sql in [
        "SELECT COUNT(*) FROM orders",
        "SELECT COUNT(*) FROM order_lines",
        "SELECT COUNT(*) FROM statements",
        "SELECT COUNT(*) FROM licenses",
        "SELECT COUNT(*) FROM cart_items",
        "SELECT COUNT(*) FROM checkouts WHERE status = 'open'",
        "SELECT COUNT(*) FROM idempotency_keys",
        "SELECT COUNT(*) FROM audit_events WHERE action = 'order.place'",
        "SELECT MAX(next_license_number) FROM accounts",
        "SELECT MAX(next_order_number) FROM accounts",
    ] {
        counts.push(scalar_i64(app, sql).await);
    }
    counts
}

async fn a_failure_after_the_licenses_are_written_leaves_nothing(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let checkout = allocated_checkout(app, &token, 25).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let total = quote_of(app, &token, &id).await["total"].clone();
    let body = json!({"acknowledged": true, "expected_total": total});
    let before = footprint(app).await;

    // The statement is written after the order, its lines and its licenses: make it fail.
    match app.backend {
        Backend::Sqlite => {
            execute(
                app,
                "CREATE TRIGGER statements_fail BEFORE INSERT ON statements BEGIN SELECT RAISE(ABORT, 'forced'); END",
            )
            .await
        }
        Backend::Postgres => {
            execute(app, "CREATE FUNCTION forced_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced'; END $$").await;
            execute(app, "CREATE TRIGGER statements_fail BEFORE INSERT ON statements FOR EACH ROW EXECUTE FUNCTION forced_failure()").await;
        }
    }
    assert_problem(complete(app, &token, &id, &body, Some("atomic-1")).await, 500).await;
    assert_eq!(footprint(app).await, before, "no order, lines, statement, license, number or key survives");

    // The key was released: once the fault is gone the same request succeeds.
    match app.backend {
        Backend::Sqlite => execute(app, "DROP TRIGGER statements_fail").await,
        Backend::Postgres => execute(app, "DROP TRIGGER statements_fail ON statements").await,
    }
    let order = json_of(complete(app, &token, &id, &body, Some("atomic-1")).await, 201).await;
    assert_eq!(order["license_count"], 25);
    assert_eq!(scalar_i64(app, "SELECT COUNT(*) FROM licenses WHERE number > 12").await, 25);
}
on_both_backends!(a_failed_completion_is_all_or_nothing, a_failure_after_the_licenses_are_written_leaves_nothing);

async fn a_changed_quote_is_a_conflict_with_the_new_quote(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let checkout = allocated_checkout(app, &token, 3).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let current = quote_of(app, &token, &id).await;
    let before = footprint(app).await;
    let stale = json!({"acknowledged": true, "expected_total": "0.01"});
    let problem = assert_problem(complete(app, &token, &id, &stale, Some("stale-total")).await, 409).await;
    assert_eq!(problem["code"], "quote_changed");
    assert_eq!(problem["data"]["total"], current["total"]);
    assert_eq!(footprint(app).await, before);
    // The key was released by the failure, so it can carry the corrected request.
    let fresh = json!({"acknowledged": true, "expected_total": current["total"]});
    json_of(complete(app, &token, &id, &fresh, Some("stale-total")).await, 201).await;
}
on_both_backends!(quote_changed_returns_the_new_quote, a_changed_quote_is_a_conflict_with_the_new_quote);

async fn the_key_is_required_and_acknowledgement_must_be_given(app: &TestApp) {
    let token = app.login("billing@acme.example").await;
    let checkout = checkout_of(app, &token, 2).await;
    let id = checkout["id"].as_str().unwrap().to_string();
    let total = quote_of(app, &token, &id).await["total"].clone();
    let before = footprint(app).await;
    let body = json!({"acknowledged": true, "expected_total": total});
    assert_problem(complete(app, &token, &id, &body, None).await, 400).await;
    // Not allocated yet: a state conflict with its own code.
    let problem = assert_problem(complete(app, &token, &id, &body, Some("k1")).await, 409).await;
    assert_eq!(problem["code"], "checkout_not_allocated", "{problem}");
    let unacknowledged = json!({"acknowledged": false, "expected_total": total});
    let problem = assert_problem(complete(app, &token, &id, &unacknowledged, Some("k2")).await, 422).await;
    assert!(problem["errors"]["acknowledged"].is_array(), "{problem}");
    let missing = json!({"expected_total": total});
    let problem = assert_problem(complete(app, &token, &id, &missing, Some("k3")).await, 422).await;
    assert!(problem["errors"]["acknowledged"].is_array(), "{problem}");
    assert_eq!(footprint(app).await, before);
}
on_both_backends!(completion_input_is_checked, the_key_is_required_and_acknowledgement_must_be_given);
