//! Wiring: the shared state, the actix `App`, and the server bound to a port
//! (port 0 picks a free one, which the black-box tests use).

use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, Server, ServiceRequest, ServiceResponse};
use actix_web::middleware::{from_fn, Compress, ErrorHandlers, Next};
use actix_web::{body::MessageBody, http::header, web, App, HttpMessage, HttpResponse, HttpServer};
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa::OpenApi;
use utoipa_actix_web::AppExt;
use utoipa_swagger_ui::SwaggerUi;

use crate::auth::denied_audit::record_denied_attempts;
use crate::auth::jwt::JwtKeys;
use crate::auth::rate_limit::SignInLimiter;
use crate::config::Settings;
use crate::openapi::ApiDoc;
use crate::routes::{self, problems};
use crate::storage::{self, Db};

/// What every handler can reach.
pub struct AppState {
    pub db: Db,
    pub jwt: JwtKeys,
    pub settings: Settings,
    pub sign_in_limiter: SignInLimiter,
}

pub struct Application {
    port: u16,
    server: Server,
}

impl Application {
    /// Connects, migrates, seeds the demo when asked and the database is empty, and binds.
    pub async fn build(settings: Settings) -> anyhow::Result<Self> {
        let db = storage::connect(&settings.database_url, settings.max_connections).await?;
        db.migrate().await?;
        if settings.seed_demo && storage::accounts::count(&db).await? == 0 {
            crate::seed::demo::seed(&db).await?;
            tracing::info!("seeded the demo data");
        }
        Self::build_with_db(settings, db).await
    }

    /// Binds a server over an already migrated database.
    pub async fn build_with_db(settings: Settings, db: Db) -> anyhow::Result<Self> {
        let jwt = JwtKeys::new(&settings.resolve_jwt_secret()?, &[]);
        let listener = TcpListener::bind((settings.host.as_str(), settings.port))?;
        let port = listener.local_addr()?.port();
        let sign_in_limiter =
            SignInLimiter::new(settings.sign_in_attempts_per_ip, settings.sign_in_attempts_per_identity);
        let state = web::Data::new(AppState { db, jwt, settings, sign_in_limiter });
        let spec = crate::openapi::spec();
        let route_table = web::Data::new(problems::RouteTable::from_openapi(&spec));
        let spec = web::Data::new(routes::spec::SpecJson(spec.to_json()?));
        let server = HttpServer::new(move || build_app(state.clone(), route_table.clone(), spec.clone()))
            .listen(listener)?
            .shutdown_timeout(10)
            .run();
        Ok(Application { port, server })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}

fn build_app(
    state: web::Data<AppState>,
    route_table: web::Data<problems::RouteTable>,
    spec: web::Data<routes::spec::SpecJson>,
) -> App<
    impl actix_web::dev::ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    let static_dir = state.settings.static_dir.clone();
    let app = App::new()
        .into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .app_data(state)
        .app_data(route_table)
        .app_data(spec)
        .app_data(web::PathConfig::default().error_handler(problems::path_error))
        .app_data(web::QueryConfig::default().error_handler(problems::query_error))
        .configure(routes::configure)
        .into_app();
    // Swagger UI's assets are vendored into the binary: the docs work with no internet.
    let app = app
        .service(SwaggerUi::new("/api/docs/{_:.*}").config(utoipa_swagger_ui::Config::from("/api/v1/openapi.json")))
        .route("/api/docs", web::get().to(|| async { redirect_to("/api/docs/") }))
        .service(web::scope("/api").default_service(web::to(problems::no_route)));
    let app = serve_spa(app, &static_dir);
    app.wrap(from_fn(record_denied_attempts))
        .wrap(ErrorHandlers::new().default_handler(problems::rewrite_as_problem))
        .wrap(Compress::default())
        .wrap(from_fn(echo_request_id))
        .wrap(TracingLogger::default())
}

/// The built SPA at `/`, with unknown paths falling back to `index.html` (client-side routes).
fn serve_spa<T>(app: App<T>, dir: &Path) -> App<T>
where
    T: actix_web::dev::ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    let index = dir.join("index.html");
    if !index.exists() {
        return app.default_service(web::to(|| async {
            HttpResponse::Ok().content_type("text/html; charset=utf-8").body(
                "<!doctype html><title>Seatdesk</title><p>The Seatdesk API is running. \
                 The portal has not been built: run <code>make run</code>. \
                 API docs: <a href=\"/api/docs/\">/api/docs/</a></p>",
            )
        }));
    }
    let index = Arc::new(index);
    app.service(Files::new("/", dir).index_file("index.html").default_handler(fn_service(
        move |req: ServiceRequest| {
            let index = index.clone();
            async move {
                let (req, _) = req.into_parts();
                let file = NamedFile::open_async(index.as_path()).await?;
                let res = file.into_response(&req);
                Ok(ServiceResponse::new(req, res))
            }
        },
    )))
}

fn redirect_to(location: &'static str) -> HttpResponse {
    HttpResponse::PermanentRedirect().insert_header((header::LOCATION, location)).finish()
}

/// Every response carries the request id that every log line of the request carries.
async fn echo_request_id(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let request_id = req.extensions().get::<RequestId>().map(|id| id.to_string());
    let mut res = next.call(req).await?;
    if let Some(id) = request_id.and_then(|id| header::HeaderValue::from_str(&id).ok()) {
        res.headers_mut().insert(header::HeaderName::from_static("x-request-id"), id);
    }
    Ok(res)
}
