//! Settings from the environment and an optional `seatdesk.toml` (environment wins).

use std::path::{Path, PathBuf};

use figment::providers::{Env, Format, Serialized, Toml};
use figment::Figment;
use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
pub struct Settings {
    /// `sqlite://path` (embedded default) or `postgres://…` (production).
    pub database_url: String,
    pub host: String,
    pub port: u16,
    /// HS256 signing secret. When unset, one is generated and kept in `data_dir`.
    pub jwt_secret: Option<String>,
    /// Seed the demo accounts when the database is empty (`1`, `true`, `yes`).
    #[serde(deserialize_with = "flag")]
    pub seed_demo: bool,
    /// `tracing` filter, e.g. `info` or `seatdesk=debug,info`.
    pub log_level: String,
    /// `pretty` for people, `json` for machines.
    pub log_format: String,
    /// Where generated state (SQLite file, dev JWT secret) lives.
    pub data_dir: PathBuf,
    /// The built SPA (`frontend/dist`), served at `/` when present.
    pub static_dir: PathBuf,
    /// Largest accepted JSON body, in bytes.
    pub max_body_bytes: usize,
    /// Pool size for PostgreSQL, and for SQLite readers.
    pub max_connections: u32,
    /// Sign-in attempts (`POST /auth/token`, successful or not) allowed per client IP per minute.
    pub sign_in_attempts_per_ip: u32,
    /// Sign-in attempts allowed per email or `client_id` per minute, from any IP.
    pub sign_in_attempts_per_identity: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            database_url: "sqlite://data/seatdesk.db".into(),
            host: "127.0.0.1".into(),
            port: 8080,
            jwt_secret: None,
            seed_demo: false,
            log_level: "info".into(),
            log_format: "pretty".into(),
            data_dir: "data".into(),
            static_dir: "frontend/dist".into(),
            max_body_bytes: 256 * 1024,
            max_connections: 16,
            // An office behind one NAT signs in at most a few dozen people a minute; a person
            // retyping a password needs a handful of tries. Guessing gets 10 tries a minute.
            sign_in_attempts_per_ip: 30,
            sign_in_attempts_per_identity: 10,
        }
    }
}

// Secrets never reach logs, even through `{:?}`.
impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("database_url", &redact_url(&self.database_url))
            .field("host", &self.host)
            .field("port", &self.port)
            .field("jwt_secret", &self.jwt_secret.as_ref().map(|_| "<redacted>"))
            .field("seed_demo", &self.seed_demo)
            .field("data_dir", &self.data_dir)
            .field("static_dir", &self.static_dir)
            .finish_non_exhaustive()
    }
}

impl Settings {
    /// Defaults, then `seatdesk.toml` (or `$SEATDESK_CONFIG`), then the environment.
    pub fn load() -> Result<Self, Box<figment::Error>> {
        let file = std::env::var("SEATDESK_CONFIG").unwrap_or_else(|_| "seatdesk.toml".into());
        Figment::from(Serialized::defaults(Settings::default()))
            .merge(Toml::file(file))
            .merge(Env::raw().only(&[
                "DATABASE_URL",
                "HOST",
                "PORT",
                "JWT_SECRET",
                "SEED_DEMO",
                "LOG_LEVEL",
                "LOG_FORMAT",
                "DATA_DIR",
                "STATIC_DIR",
                "MAX_BODY_BYTES",
                "MAX_CONNECTIONS",
                "SIGN_IN_ATTEMPTS_PER_IP",
                "SIGN_IN_ATTEMPTS_PER_IDENTITY",
            ]))
            .extract()
            .map_err(Box::new)
    }

    /// The configured secret, or one generated once and kept in `data_dir/jwt_secret`.
    pub fn resolve_jwt_secret(&self) -> anyhow::Result<String> {
        if let Some(secret) = self.jwt_secret.as_ref().filter(|s| !s.is_empty()) {
            return Ok(secret.clone());
        }
        let path = self.data_dir.join("jwt_secret");
        if let Ok(existing) = std::fs::read_to_string(&path) {
            if !existing.trim().is_empty() {
                return Ok(existing.trim().to_string());
            }
        }
        std::fs::create_dir_all(&self.data_dir)?;
        let secret = crate::auth::secrets::random_token(48);
        write_private(&path, &secret)?;
        tracing::warn!(path = %path.display(), "JWT_SECRET unset: generated a development secret");
        Ok(secret)
    }
}

/// Accepts `true`/`false`, `1`/`0`, `yes`/`no`, as people write them in environments.
fn flag<'de, D: serde::Deserializer<'de>>(de: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Int(i64),
        Text(String),
    }
    match Flag::deserialize(de)? {
        Flag::Bool(b) => Ok(b),
        Flag::Int(n) => Ok(n != 0),
        Flag::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Ok(true),
            "" | "0" | "false" | "no" | "off" => Ok(false),
            other => Err(serde::de::Error::custom(format!("expected a yes/no flag, got {other:?}"))),
        },
    }
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    std::fs::write(path, contents)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme_end + 3], &userinfo[..colon], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_the_password_of_a_database_url() {
        assert_eq!(redact_url("postgres://app:s3cret@db:5432/x"), "postgres://app:***@db:5432/x");
        assert_eq!(redact_url("sqlite://data/seatdesk.db"), "sqlite://data/seatdesk.db");
    }
}
