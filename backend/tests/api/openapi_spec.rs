//! The committed spec is exactly what the code produces, and what the server serves.

use crate::helpers::{Backend, TestApp};

#[test]
fn committed_openapi_json_matches_the_code() {
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json"))
        .expect("openapi/openapi.json exists");
    let generated = seatdesk::openapi::spec_json();
    assert!(committed == generated, "openapi/openapi.json is stale: run `make openapi` and commit the result");
}

#[tokio::test]
async fn the_served_spec_is_the_committed_openapi_3_1_document() {
    let app = TestApp::spawn(Backend::Sqlite).await;
    let served: serde_json::Value =
        app.client.get(app.url("/api/v1/openapi.json")).send().await.unwrap().json().await.unwrap();
    let committed: serde_json::Value = serde_json::from_str(&seatdesk::openapi::spec_json()).unwrap();
    assert_eq!(served, committed);
    assert_eq!(served["openapi"], "3.1.0");
    assert!(served["components"]["securitySchemes"]["bearer"].is_object());
    app.cleanup().await;
}

#[test]
fn every_operation_documents_its_error_responses() {
    let spec = seatdesk::openapi::spec();
    for (path, item) in &spec.paths.paths {
        let operations = [&item.get, &item.post, &item.put, &item.patch, &item.delete];
        for operation in operations.into_iter().flatten() {
            let statuses: Vec<&String> = operation.responses.responses.keys().collect();
            assert!(statuses.iter().any(|s| s.starts_with('2')), "{path} has a success response");
            let secured = operation.security.as_ref().is_none_or(|reqs| !reqs.is_empty())
                && !matches!(path.as_str(), "/healthz" | "/readyz" | "/api/v1/openapi.json" | "/api/v1/auth/token");
            if secured {
                assert!(statuses.iter().any(|s| *s == "401"), "{path} documents 401");
            }
        }
    }
}

/// Every `$ref` names a schema the document defines: generated clients drop an operation
/// whose parameter or body points at a missing schema (openapi-python-client skips it).
#[test]
fn every_schema_reference_resolves() {
    let spec: serde_json::Value = serde_json::from_str(&seatdesk::openapi::spec_json()).unwrap();
    let defined = spec["components"]["schemas"].as_object().expect("components.schemas");
    let mut missing = Vec::new();
    let mut stack = vec![&spec];
    while let Some(node) = stack.pop() {
        match node {
            serde_json::Value::Object(map) => {
                if let Some(target) = map.get("$ref").and_then(|r| r.as_str()) {
                    let name = target.strip_prefix("#/components/schemas/").unwrap_or(target);
                    if !defined.contains_key(name) {
                        missing.push(target.to_string());
                    }
                }
                stack.extend(map.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    missing.sort();
    missing.dedup();
    assert!(missing.is_empty(), "references to undefined schemas: {missing:?}");
}

/// The spec says what the server enforces, so fuzzers and generated clients agree with it:
/// every list's `limit` is 1–200, and every `cursor` may be a 404 (a made-up cursor names no page).
#[test]
fn list_parameters_state_the_enforced_limits() {
    let spec: serde_json::Value = serde_json::from_str(&seatdesk::openapi::spec_json()).unwrap();
    let mut lists = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        let Some(get) = item.get("get") else { continue };
        let params = get["parameters"].as_array().cloned().unwrap_or_default();
        if let Some(limit) = params.iter().find(|p| p["name"] == "limit") {
            lists += 1;
            assert_eq!((&limit["schema"]["minimum"], &limit["schema"]["maximum"]), (&1.into(), &200.into()), "{path}");
        }
        if params.iter().any(|p| p["name"] == "cursor") && !path.ends_with("/export") {
            assert!(get["responses"].get("404").is_some(), "{path} lists no 404 for a made-up cursor");
        }
    }
    assert!(lists >= 6, "found {lists} paginated lists");
    let sort = &spec["paths"]["/api/v1/licenses"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "sort")
        .unwrap()["schema"];
    assert!(sort["enum"].as_array().unwrap().contains(&"-added_at".into()), "{sort}");
}

/// No string carries NUL (PostgreSQL cannot store it; the server answers 422), and the spec says so.
#[test]
fn free_form_strings_exclude_nul() {
    let spec: serde_json::Value = serde_json::from_str(&seatdesk::openapi::spec_json()).unwrap();
    let name = &spec["components"]["schemas"]["NewCostCenter"]["properties"]["name"];
    assert_eq!(name["pattern"], r"^[^\u0000]*[^\s\u0000][^\u0000]*$", "{name}");
    let q = spec["paths"]["/api/v1/users"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "q")
        .unwrap();
    assert_eq!(q["schema"]["pattern"], r"^[^\u0000]*$", "{q}");
}
