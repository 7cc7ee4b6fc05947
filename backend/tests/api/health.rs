use crate::helpers::TestApp;
use crate::on_both_backends;

async fn healthz_and_readyz_answer_ok(app: &TestApp) {
    for path in ["/healthz", "/readyz"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), 200, "{path}");
        assert!(response.headers().contains_key("x-request-id"), "{path} carries a request id");
        let body: serde_json::Value = response.json().await.unwrap();
        assert_eq!(body["status"], "ok");
    }
}
on_both_backends!(healthz_and_readyz, healthz_and_readyz_answer_ok);

async fn api_docs_and_the_spa_fallback_are_served(app: &TestApp) {
    let redirect = app.client.get(app.url("/api/docs")).send().await.unwrap();
    assert_eq!(redirect.status(), 308);
    let docs = app.client.get(app.url("/api/docs/")).send().await.unwrap();
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.unwrap().contains("swagger"), "Swagger UI page");
    let root = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(root.status(), 200);
}
on_both_backends!(api_docs, api_docs_and_the_spa_fallback_are_served);
