"""A partner integration's everyday job, through a client generated from openapi/openapi.json.

Signs in (client credentials when SEATDESK_CLIENT_ID / SEATDESK_CLIENT_SECRET are set, else a
member's password), finds a directory user by extension, lists the free Live Reports licenses,
assigns one to the user, reads it back, and releases it again. Every call goes through the
generated `seatdesk_client` package with no hand edits: if the spec is wrong, this fails.

    python examples/partner_assign_license.py --base-url http://127.0.0.1:8080 --ext 140

`scripts/client-check.sh` regenerates the client and runs this against a fresh server.
"""

import argparse
import os
import sys

from seatdesk_client import AuthenticatedClient, Client
from seatdesk_client.api.auth import issue_token
from seatdesk_client.api.directory import list_users
from seatdesk_client.api.licenses import assign_license, get_license, list_licenses, unassign_license
from seatdesk_client.models import (
    AssignLicense,
    ClientCredentialsGrant,
    ClientCredentialsGrantGrantType,
    License,
    LicensePage,
    LicenseStatus,
    PasswordGrant,
    PasswordGrantGrantType,
    Problem,
    TokenResponse,
)
from seatdesk_client.types import Unset


class Refused(Exception):
    """The API answered with a problem document where the job needed a success."""


def expect(result, kind, step):
    if isinstance(result, kind):
        return result
    if isinstance(result, Problem):
        raise Refused(f"{step}: {result.status} {result.title}: {result.detail}")
    raise Refused(f"{step}: unexpected answer {result!r}")


def sign_in(base_url):
    anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)
    client_id, secret = os.environ.get("SEATDESK_CLIENT_ID"), os.environ.get("SEATDESK_CLIENT_SECRET")
    if client_id and secret:
        grant = ClientCredentialsGrant(
            grant_type=ClientCredentialsGrantGrantType.CLIENT_CREDENTIALS, client_id=client_id, client_secret=secret
        )
        who = f"API client {client_id}"
    else:
        email = os.environ.get("SEATDESK_EMAIL", "licenses@acme.example")
        password = os.environ.get("SEATDESK_PASSWORD", "seatdesk-demo")
        grant = PasswordGrant(grant_type=PasswordGrantGrantType.PASSWORD, email=email, password=password)
        who = f"member {email}"
    token = expect(issue_token.sync(client=anonymous, body=grant), TokenResponse, "sign in")
    print(f"signed in as {who} (token valid {token.expires_in} s)")
    return AuthenticatedClient(base_url=base_url, token=token.access_token, raise_on_unexpected_status=True)


def user_by_extension(api, ext):
    page = list_users.sync(client=api, q=ext, limit=50)
    if isinstance(page, Problem):
        raise Refused(f"list users: {page.status} {page.detail}")
    matches = [user for user in page.items if user.ext == ext]
    if len(matches) != 1:
        raise Refused(f"expected one user with extension {ext}, found {len(matches)}")
    return matches[0]


def free_licenses(api, product, limit):
    page = expect(
        list_licenses.sync(client=api, status=LicenseStatus.UNASSIGNED, product=product, limit=limit),
        LicensePage,
        "list free licenses",
    )
    return page.items


def assignee_ext(license_):
    assignee = license_.assignee
    return None if assignee is None or isinstance(assignee, Unset) else assignee.ext


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", default=os.environ.get("SEATDESK_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--ext", default="140", help="the directory user's extension")
    parser.add_argument("--product", default="LIVE_REPORTS", help="product sku or id")
    args = parser.parse_args()

    api = sign_in(args.base_url)
    user = user_by_extension(api, args.ext)
    print(f"user {user.name} <{user.email}> ext {user.ext} ({user.id})")

    free = free_licenses(api, args.product, limit=10)
    if not free:
        raise Refused("no free license to assign")
    print(f"{len(free)} free license(s) on the first page, e.g. " + ", ".join(l.number for l in free[:5]))
    seat = free[0]

    assigned = expect(assign_license.sync(seat.id, client=api, body=AssignLicense(user_id=user.id)), License, "assign")
    if assignee_ext(assigned) != args.ext:
        raise Refused(f"assign: {assigned.number} is held by ext {assignee_ext(assigned)}, not {args.ext}")
    print(f"assigned {assigned.number} to ext {args.ext} at {assigned.assigned_at}")

    read_back = expect(get_license.sync(seat.id, client=api), License, "read back")
    if assignee_ext(read_back) != args.ext:
        raise Refused(f"read back: {read_back.number} is held by ext {assignee_ext(read_back)}")

    released = expect(unassign_license.sync(seat.id, client=api), License, "unassign")
    if assignee_ext(released) is not None:
        raise Refused(f"unassign: {released.number} is still held by ext {assignee_ext(released)}")
    print(f"released {released.number}: back in the pool")
    print("partner job done")


if __name__ == "__main__":
    try:
        main()
    except Refused as refused:
        print(f"FAILED: {refused}", file=sys.stderr)
        sys.exit(1)
