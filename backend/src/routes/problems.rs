//! Turning every failure the framework produces on its own — unknown routes, wrong methods,
//! bad path parameters, plain-text errors from middleware — into problem+json.

use actix_web::body::MessageBody;
use actix_web::dev::{ResourceDef, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::error::{problem_for_status, problem_response, ApiError, PROBLEM_JSON};

/// Every documented path and its methods, to tell 405 from 404.
pub struct RouteTable(Vec<(ResourceDef, Vec<Method>)>);

impl RouteTable {
    pub fn from_openapi(api: &utoipa::openapi::OpenApi) -> Self {
        let routes = api
            .paths
            .paths
            .iter()
            .map(|(path, item)| {
                let methods = [
                    (item.get.is_some(), Method::GET),
                    (item.post.is_some(), Method::POST),
                    (item.put.is_some(), Method::PUT),
                    (item.patch.is_some(), Method::PATCH),
                    (item.delete.is_some(), Method::DELETE),
                ]
                .into_iter()
                .filter_map(|(present, m)| present.then_some(m))
                .collect();
                (ResourceDef::new(path.as_str()), methods)
            })
            .collect();
        RouteTable(routes)
    }

    /// The methods of the route `path` names. A literal route (`/licenses/bulk`) wins over a
    /// template that also matches it (`/licenses/{id}`), as actix's routing does.
    fn allowed_methods(&self, path: &str) -> Option<&[Method]> {
        let matching = || self.0.iter().filter(|(def, _)| def.is_match(path));
        matching()
            .find(|(def, _)| !def.pattern().is_some_and(|p| p.contains('{')))
            .or_else(|| matching().next())
            .map(|(_, methods)| methods.as_slice())
    }

    /// `Some(allowed)` when a literal route has this exact path but not this method.
    fn literal_route_refusing(&self, path: &str, method: &Method) -> Option<&[Method]> {
        self.0
            .iter()
            .find(|(def, _)| def.pattern() == Some(path))
            .map(|(_, methods)| methods.as_slice())
            .filter(|methods| !methods.contains(method))
    }
}

fn method_not_allowed(req: &HttpRequest, methods: &[Method]) -> HttpResponse {
    let allow = methods.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
    let detail = format!("{} is not allowed on {}; use {allow}", req.method(), req.path());
    let mut response = problem_response(&problem_for_status(StatusCode::METHOD_NOT_ALLOWED, &detail));
    if let Ok(value) = header::HeaderValue::from_str(&allow) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// The default service under `/api`: 405 with `Allow` when the path exists, else 404.
pub async fn no_route(req: HttpRequest, table: web::Data<RouteTable>) -> HttpResponse {
    if let Some(methods) = table.allowed_methods(req.path()) {
        return method_not_allowed(&req, methods);
    }
    problem_response(&problem_for_status(StatusCode::NOT_FOUND, &format!("no route {}", req.path())))
}

/// A malformed id in the path names nothing that exists — unless the "id" is the literal
/// segment of another route (`PATCH /licenses/bulk` reached `PATCH /licenses/{id}`): then 405.
pub fn path_error(err: actix_web::error::PathError, req: &HttpRequest) -> actix_web::Error {
    tracing::debug!(error = %err, "bad path parameter");
    let refusing = req.app_data::<web::Data<RouteTable>>().and_then(|t| {
        t.literal_route_refusing(req.path(), req.method()).map(|methods| method_not_allowed(req, methods))
    });
    match refusing {
        Some(response) => actix_web::error::InternalError::from_response(err, response).into(),
        None => ApiError::NotFound("resource").into(),
    }
}

/// Query strings parsed by actix's own `web::Query` (we prefer `QueryParams`).
pub fn query_error(err: actix_web::error::QueryPayloadError, _req: &HttpRequest) -> actix_web::Error {
    ApiError::validation("query", err.to_string()).into()
}

/// Last line of defence: any 4xx/5xx that is not problem+json yet is rewritten as one,
/// keeping its status and headers (`Allow`, `Retry-After`).
pub fn rewrite_as_problem<B: MessageBody>(res: ServiceResponse<B>) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let detail = match status {
        StatusCode::TOO_MANY_REQUESTS => "too many requests; wait before retrying".to_string(),
        StatusCode::PAYLOAD_TOO_LARGE => "the request body is too large".to_string(),
        s if s.is_server_error() => "an unexpected error occurred; it has been logged".to_string(),
        s => s.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let body = serde_json::to_string(&problem_for_status(status, &detail)).unwrap_or_default();
    let (req, mut response) = res.into_parts();
    response.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static(PROBLEM_JSON));
    response.headers_mut().remove(header::CONTENT_LENGTH);
    let response = response.set_body(body).map_into_boxed_body();
    Ok(ErrorHandlerResponse::Response(ServiceResponse::new(req, response).map_into_right_body()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
    use utoipa::openapi::{OpenApiBuilder, PathsBuilder};

    #[test]
    fn a_literal_route_wins_over_a_template_that_matches_it() {
        let paths = PathsBuilder::new()
            .path("/licenses/{id}", PathItem::new(HttpMethod::Get, OperationBuilder::new()))
            .path("/licenses/bulk", PathItem::new(HttpMethod::Post, OperationBuilder::new()))
            .build();
        let table = RouteTable::from_openapi(&OpenApiBuilder::new().paths(paths).build());
        assert_eq!(table.allowed_methods("/licenses/bulk"), Some(&[Method::POST][..]));
        assert_eq!(table.allowed_methods("/licenses/42"), Some(&[Method::GET][..]));
        assert_eq!(table.literal_route_refusing("/licenses/bulk", &Method::PATCH), Some(&[Method::POST][..]));
        assert_eq!(table.literal_route_refusing("/licenses/bulk", &Method::POST), None);
        assert_eq!(table.literal_route_refusing("/licenses/42", &Method::PATCH), None);
    }
}
