//! The permission table: the one place that decides what each role and scope may do.
//!
//! | permission        | owner | billing_admin | license_admin | viewer | API scope        |
//! |-------------------|:-----:|:-------------:|:-------------:|:------:|------------------|
//! | LicensesRead      |   ✓   |       ✓       |       ✓       |   ✓    | licenses:read    |
//! | LicensesWrite     |   ✓   |       ✓       |       ✓       |        | licenses:write   |
//! | BillingRead       |   ✓   |       ✓       |       ✓       |   ✓    | billing:read     |
//! | BillingWrite      |   ✓   |       ✓       |               |        | billing:write    |
//! | CostCentersWrite  |   ✓   |       ✓       |               |        | billing:write    |
//! | DirectoryRead     |   ✓   |       ✓       |       ✓       |   ✓    | directory:read   |
//! | DirectoryWrite    |   ✓   |               |               |        | directory:write  |
//! | AuditRead         |   ✓   |               |               |        | audit:read       |
//! | MembersManage     |   ✓   |               |               |        | —                |
//! | ApiClientsManage  |   ✓   |               |               |        | —                |
//!
//! A `*:write` scope also grants the matching `*:read`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    LicensesRead,
    LicensesWrite,
    BillingRead,
    BillingWrite,
    CostCentersWrite,
    DirectoryRead,
    DirectoryWrite,
    AuditRead,
    MembersManage,
    ApiClientsManage,
}

impl Permission {
    pub fn describe(self) -> &'static str {
        match self {
            Permission::LicensesRead => "read licenses",
            Permission::LicensesWrite => "change licenses",
            Permission::BillingRead => "read billing",
            Permission::BillingWrite => "purchase",
            Permission::CostCentersWrite => "manage cost centers",
            Permission::DirectoryRead => "read the directory",
            Permission::DirectoryWrite => "change the directory",
            Permission::AuditRead => "read the audit log",
            Permission::MembersManage => "manage members",
            Permission::ApiClientsManage => "manage API clients",
        }
    }
}

/// A portal member's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    BillingAdmin,
    LicenseAdmin,
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::BillingAdmin => "billing_admin",
            Role::LicenseAdmin => "license_admin",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "owner" => Some(Role::Owner),
            "billing_admin" => Some(Role::BillingAdmin),
            "license_admin" => Some(Role::LicenseAdmin),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }

    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Owner => true,
            Role::BillingAdmin => matches!(
                permission,
                LicensesRead | LicensesWrite | BillingRead | BillingWrite | CostCentersWrite | DirectoryRead
            ),
            Role::LicenseAdmin => matches!(permission, LicensesRead | LicensesWrite | BillingRead | DirectoryRead),
            Role::Viewer => matches!(permission, LicensesRead | BillingRead | DirectoryRead),
        }
    }
}

/// An API client's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
pub enum Scope {
    #[serde(rename = "licenses:read")]
    LicensesRead,
    #[serde(rename = "licenses:write")]
    LicensesWrite,
    #[serde(rename = "billing:read")]
    BillingRead,
    #[serde(rename = "billing:write")]
    BillingWrite,
    #[serde(rename = "directory:read")]
    DirectoryRead,
    #[serde(rename = "directory:write")]
    DirectoryWrite,
    #[serde(rename = "audit:read")]
    AuditRead,
}

impl Scope {
    pub const ALL: [Scope; 7] = [
        Scope::LicensesRead,
        Scope::LicensesWrite,
        Scope::BillingRead,
        Scope::BillingWrite,
        Scope::DirectoryRead,
        Scope::DirectoryWrite,
        Scope::AuditRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::LicensesRead => "licenses:read",
            Scope::LicensesWrite => "licenses:write",
            Scope::BillingRead => "billing:read",
            Scope::BillingWrite => "billing:write",
            Scope::DirectoryRead => "directory:read",
            Scope::DirectoryWrite => "directory:write",
            Scope::AuditRead => "audit:read",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|scope| scope.as_str() == s)
    }

    /// Space-separated scopes, as in OAuth; unknown ones are ignored.
    pub fn parse_list(s: &str) -> Vec<Scope> {
        s.split_whitespace().filter_map(Scope::parse).collect()
    }

    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Scope::LicensesRead => permission == LicensesRead,
            Scope::LicensesWrite => matches!(permission, LicensesRead | LicensesWrite),
            Scope::BillingRead => permission == BillingRead,
            Scope::BillingWrite => matches!(permission, BillingRead | BillingWrite | CostCentersWrite),
            Scope::DirectoryRead => permission == DirectoryRead,
            Scope::DirectoryWrite => matches!(permission, DirectoryRead | DirectoryWrite),
            Scope::AuditRead => permission == AuditRead,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viewers_only_read() {
        assert!(Role::Viewer.allows(Permission::LicensesRead));
        assert!(!Role::Viewer.allows(Permission::LicensesWrite));
        assert!(!Role::Viewer.allows(Permission::BillingWrite));
    }

    #[test]
    fn license_admins_cannot_purchase_but_billing_admins_can_assign() {
        assert!(!Role::LicenseAdmin.allows(Permission::BillingWrite));
        assert!(Role::BillingAdmin.allows(Permission::LicensesWrite));
        assert!(!Role::BillingAdmin.allows(Permission::ApiClientsManage));
    }

    #[test]
    fn write_scopes_include_their_read_scope_only() {
        assert!(Scope::LicensesWrite.allows(Permission::LicensesRead));
        assert!(!Scope::LicensesWrite.allows(Permission::BillingRead));
        assert!(!Scope::AuditRead.allows(Permission::MembersManage));
    }

    #[test]
    fn scope_lists_round_trip() {
        let scopes = Scope::parse_list("licenses:read bogus audit:read");
        assert_eq!(scopes, vec![Scope::LicensesRead, Scope::AuditRead]);
    }
}
