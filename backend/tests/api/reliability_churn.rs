//! Assign/unassign churn from 16 clients on a small pool, then proof that what the clients were
//! told matches what happened: the successful responses are exactly the audit log's events,
//! replaying them per license in commit order is legal (assign only a free seat, unassign only
//! a held one), and the replay ends in the state the API shows.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::on_both_backends;

const CLIENTS: usize = 16;
const OPS_PER_CLIENT: usize = 25;

async fn churn_matches_a_sequential_replay(app: &TestApp) {
    let token = app.login("licenses@acme.example").await;
    let free: Value = app.get("/api/v1/licenses?status=unassigned&limit=4", &token).await.json().await.unwrap();
    let licenses: Vec<String> =
        free["items"].as_array().unwrap().iter().map(|l| l["id"].as_str().unwrap().into()).collect();
    let users: Value = app.get("/api/v1/users?has_license=false&limit=6", &token).await.json().await.unwrap();
    let users: Vec<String> =
        users["items"].as_array().unwrap().iter().map(|u| u["id"].as_str().unwrap().into()).collect();
    assert!(licenses.len() >= 3 && users.len() >= 5, "the demo has a free pool");

    let mut clients = Vec::new();
    for c in 0..CLIENTS {
        let (app_client, base, token) = (app.client.clone(), app.address.clone(), token.clone());
        let (licenses, users) = (licenses.clone(), users.clone());
        clients.push(tokio::spawn(async move {
            let mut told = Vec::new();
            for i in 0..OPS_PER_CLIENT {
                // A fixed, different walk per client: no randomness, the races come from timing.
                // Assign, then unassign the same seat; clients collide on seats and on users.
                let license = &licenses[(c + i / 2) % licenses.len()];
                let user = &users[(c * 3 + i / 2) % users.len()];
                let (action, request) = if i % 2 == 0 {
                    let url = format!("{base}/api/v1/licenses/{license}/assign");
                    ("license.assign", app_client.post(url).bearer_auth(&token).json(&json!({"user_id": user})))
                } else {
                    (
                        "license.unassign",
                        app_client.post(format!("{base}/api/v1/licenses/{license}/unassign")).bearer_auth(&token),
                    )
                };
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                assert!(
                    status == 200 || status == 409,
                    "{action} {license}: {status} {}",
                    response.text().await.unwrap()
                );
                if status == 200 {
                    told.push((license.clone(), action.to_string()));
                }
            }
            told
        }));
    }
    let mut told: BTreeMap<(String, String), usize> = BTreeMap::new();
    for client in clients {
        for key in client.await.unwrap() {
            *told.entry(key).or_default() += 1;
        }
    }

    let sql = "SELECT object_id, action, before, after FROM audit_events \
               WHERE action IN ('license.assign', 'license.unassign') ORDER BY occurred_at, id";
    let events: Vec<(String, String, Option<String>, Option<String>)> = seatdesk::on_read!(&app.db, |pool| {
        sqlx::query_as::<_, (String, String, Option<serde_json::Value>, Option<serde_json::Value>)>(sql)
            .fetch_all(pool)
            .await
            .map(|rows| {
                rows.into_iter()
                    .map(|(o, a, b, f)| (o, a, b.map(|v| v.to_string()), f.map(|v| v.to_string())))
                    .collect()
            })
    })
    .unwrap();
    let mut logged: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut replay: BTreeMap<String, Option<String>> = licenses.iter().map(|l| (l.clone(), None)).collect();
    for (license, action, _before, after) in &events {
        *logged.entry((license.clone(), action.clone())).or_default() += 1;
        let holder = replay.get_mut(license).expect("only pool licenses changed");
        if action == "license.assign" {
            assert!(holder.is_none(), "replay: {license} assigned while held");
            let after: Value = serde_json::from_str(after.as_deref().unwrap()).unwrap();
            *holder = Some(after["assignee_id"].as_str().unwrap().to_string());
        } else {
            assert!(holder.is_some(), "replay: {license} unassigned while free");
            *holder = None;
        }
    }
    assert_eq!(told, logged, "every success the clients saw is one audit event, and no more");
    assert!(told.values().sum::<usize>() > CLIENTS, "the churn did change seats");

    for (license, holder) in &replay {
        let shown: Value = app.get(&format!("/api/v1/licenses/{license}"), &token).await.json().await.unwrap();
        let shown_holder = shown["assignee"]["id"].as_str().map(str::to_string);
        assert_eq!(&shown_holder, holder, "{license}: the API shows the replayed state");
    }
    let holders: Vec<&String> = replay.values().flatten().collect();
    let mut unique = holders.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), holders.len(), "nobody ends with two licenses of a product");
}
on_both_backends!(assign_churn, churn_matches_a_sequential_replay);
