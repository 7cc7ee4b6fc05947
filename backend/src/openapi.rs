//! The OpenAPI document: metadata and security here; paths come from the handlers
//! themselves as `routes::configure` registers them.

use actix_web::App;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::AppExt;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Seatdesk API",
        description = "Buy, split, assign and release per-user Live Reports licenses.\n\n\
            Authenticate with `POST /api/v1/auth/token`, then send `Authorization: Bearer <token>`. \
            Errors are `application/problem+json` (RFC 9457). Lists are keyset-paginated: pass \
            `next_cursor` back as `cursor`. Money is a decimal string with its currency.\n\n\
            Security requirements list the API-client scopes an operation needs; portal members \
            need a role that grants the same (see `GET /api/v1/me`).",
        version = "1.0.0",
        license(name = "Proprietary")
    ),
    components(schemas(crate::error::Problem, crate::routes::license_models::LicenseStatus)),
    modifiers(&BearerSecurity),
    tags(
        (name = "auth", description = "Sign-in and the current caller"),
        (name = "directory", description = "People in the phone system who can hold licenses"),
        (name = "catalog", description = "Products and the cart"),
        (name = "checkout", description = "Review items, assign cost centers, split, quote and complete"),
        (name = "cost-centers", description = "Cost centers that licenses are charged to"),
        (name = "billing", description = "Orders, statements and billing details"),
        (name = "licenses", description = "The license inventory: search, assign, unassign"),
        (name = "audit", description = "The append-only audit log"),
        (name = "partners", description = "API clients for partner integrations"),
        (name = "service", description = "Health and readiness")
    )
)]
pub struct ApiDoc;

struct BearerSecurity;

impl Modify for BearerSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .description(Some(
                        "Access token from POST /api/v1/auth/token. API clients carry scopes: \
                         licenses:read licenses:write billing:read billing:write directory:read \
                         directory:write audit:read.",
                    ))
                    .build(),
            ),
        );
    }
}

/// The complete spec, exactly as the server publishes it at `/api/v1/openapi.json`.
pub fn spec() -> utoipa::openapi::OpenApi {
    let (_, api) =
        App::new().into_utoipa_app().openapi(ApiDoc::openapi()).configure(crate::routes::configure).split_for_parts();
    let mut json = serde_json::to_value(&api).expect("the spec serializes");
    forbid_nul(&mut json);
    serde_json::from_value(json).expect("the spec round-trips")
}

/// No string the API reads may carry NUL (PostgreSQL cannot store it: `body_rules` answers
/// 422), so every free-form string schema says so with a pattern. Strings with a format, an
/// enum or an anchored pattern exclude it already; the "not blank" pattern `\S` is rewritten.
fn forbid_nul(value: &mut serde_json::Value) {
    const NO_NUL: &str = r"^[^\u0000]*$";
    const NOT_BLANK_NO_NUL: &str = r"^[^\u0000]*[^\s\u0000][^\u0000]*$";
    match value {
        serde_json::Value::Object(map) => {
            let is_string = map
                .get("type")
                .is_some_and(|t| t == "string" || t.as_array().is_some_and(|a| a.contains(&"string".into())));
            let constrained = ["format", "enum", "const"].iter().any(|k| map.contains_key(*k));
            if is_string && !constrained {
                match map.get("pattern").and_then(|p| p.as_str()) {
                    None => {
                        map.insert("pattern".into(), NO_NUL.into());
                    }
                    Some(r"\S") => {
                        map.insert("pattern".into(), NOT_BLANK_NO_NUL.into());
                    }
                    Some(_) => {}
                }
            }
            map.values_mut().for_each(forbid_nul);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(forbid_nul),
        _ => {}
    }
}

/// The spec as committed in `openapi/openapi.json` (pretty, trailing newline).
pub fn spec_json() -> String {
    let mut json = spec().to_pretty_json().expect("the spec serializes");
    json.push('\n');
    json
}
