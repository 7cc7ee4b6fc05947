//! Races: many simultaneous requests for the same seats never double-book, on either database.

use chrono::Utc;
use futures_util::future::join_all;
use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::license_fixtures as fx;
use crate::on_both_backends;

async fn new_users(app: &TestApp, n: usize, tag: &str) -> Vec<fx::User> {
    let acme = fx::account(app, "Acme Corp").await;
    let mut users = Vec::with_capacity(n);
    for i in 0..n {
        let name = format!("Racer {tag} {i}");
        users.push(
            fx::insert_user(app, acme, &name, &format!("racer.{tag}.{i}@acme.example"), &format!("{tag}{i}")).await,
        );
    }
    users
}

async fn two_hundred_assigns_of_one_license(app: &TestApp) {
    let token = app.login("licenses@acme.example").await;
    let acme = fx::account(app, "Acme Corp").await;
    let license = fx::free_licenses(app, acme).await[0];
    let users = new_users(app, 200, "9").await;

    let requests = users.iter().map(|u| {
        let path = format!("/api/v1/licenses/{license}/assign");
        let token = token.clone();
        async move {
            let response = app.post(&path, &token, &json!({"user_id": u.id})).await;
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.unwrap())
        }
    });
    let results = join_all(requests).await;

    let winners: Vec<&Value> = results.iter().filter(|(s, _)| *s == 200).map(|(_, b)| b).collect();
    assert_eq!(winners.len(), 1, "exactly one assign wins");
    let losers = results.iter().filter(|(s, b)| *s == 409 && b["code"] == "license_already_assigned").count();
    assert_eq!(losers, 199, "every other request is a 409: {:?}", results.iter().map(|r| r.0).collect::<Vec<_>>());
    let listed: Value = app.get(&format!("/api/v1/licenses/{license}"), &token).await.json().await.unwrap();
    assert_eq!(listed["assignee"]["id"], winners[0]["assignee"]["id"]);
    assert_eq!(fx::audit_count(app, "license.assign", license).await, 1);
}
on_both_backends!(two_hundred_concurrent_assigns_of_one_license_have_one_winner, two_hundred_assigns_of_one_license);

async fn two_hundred_users_race_for_ten_seats(app: &TestApp) {
    let token = app.login("licenses@acme.example").await;
    let acme = fx::account(app, "Acme Corp").await;
    let product = fx::product(app).await;
    let cc = fx::cost_centers(app, acme).await.remove(0);
    // The demo leaves 5 free; add 5 more for a pool of exactly 10.
    let mut number = fx::next_number(app, acme).await;
    for _ in 0..5 {
        fx::insert_license(app, acme, number, product, &cc, Utc::now(), None, None).await;
        number += 1;
    }
    assert_eq!(fx::free_licenses(app, acme).await.len(), 10);
    let held_before = fx::holdings(app, product).await.len();
    let users = new_users(app, 200, "8").await;

    let requests = users.iter().map(|u| {
        let token = token.clone();
        async move {
            let body = json!({"user_id": u.id, "product": "LIVE_REPORTS"});
            let response = app.post("/api/v1/license-assignments", &token, &body).await;
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.unwrap())
        }
    });
    let results = join_all(requests).await;

    let won = results.iter().filter(|(s, _)| *s == 201).count();
    let refused = results.iter().filter(|(s, b)| *s == 409 && b["code"] == "no_free_license").count();
    assert_eq!((won, refused), (10, 190), "{:?}", results.iter().map(|r| r.0).collect::<Vec<_>>());
    assert!(fx::free_licenses(app, acme).await.is_empty());
    let holdings = fx::holdings(app, product).await;
    assert!(holdings.iter().all(|(_, n)| *n == 1), "nobody holds two");
    assert_eq!(holdings.len(), held_before + 10);
}
on_both_backends!(two_hundred_users_racing_for_ten_seats_get_exactly_ten, two_hundred_users_race_for_ten_seats);
