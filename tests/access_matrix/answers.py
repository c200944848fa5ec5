"""What an answer must be: a status, where a redirect goes, and what it must (not) show."""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

import openpyxl

OK, FOUND, SEE_OTHER, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 302, 303, 403, 404, 405
UNAUTHORIZED = 401
GET, POST = "GET", "POST"

# Where a redirect must go; the checks are in ``assert_redirect``.
TO_LOGIN = "login"  # 302 to /login/?next=<the request's full path>
TO_LOGIN_HTMX = "htmx-login"  # htmx: HX-Redirect to /login/?next=<full path>
TO_ADMIN_LOGIN = "admin-login"  # 302 to /admin/login/?next=<full path>

Check = Callable[..., None]  # check(response, world): raises AssertionError


@dataclass(frozen=True)
class Expect:
    status: int
    redirect: str | None = None  # TO_LOGIN..., or a path the Location must start with
    # "account": the same answer as for a missing account id; "object": as for a missing id of
    # the row's sample object (the same page, byte for byte but for nonces and CSRF masks).
    twin: str | None = None
    refused: bool = False  # a refusal: nothing in the database may change
    checks: tuple[Check, ...] = field(default=())
    why: str = ""
    or_status: int | None = None  # also right (a refusal of a method the route does not take)

    @property
    def statuses(self) -> tuple[int, ...]:
        return (self.status,) if self.or_status is None else (self.status, self.or_status)

    def label(self) -> str:
        where = f" → {self.redirect}" if self.redirect else ""
        return "/".join(map(str, self.statuses)) + where


def refused(status: int, *, twin=None, redirect=None, why="") -> Expect:
    return Expect(status, redirect=redirect, twin=twin, refused=True, why=why)


LOGIN = refused(FOUND, redirect=TO_LOGIN, why="anonymous: to the login page")
LOGIN_HTMX = refused(OK, redirect=TO_LOGIN_HTMX, why="anonymous htmx: HX-Redirect to login")
ADMIN_LOGIN = refused(FOUND, redirect=TO_ADMIN_LOGIN, why="not staff: to the admin login")


def body(response) -> str:
    """The text of an answer; of an Excel export, its cells' values, one row a line."""
    content = (
        b"".join(response.streaming_content)
        if getattr(response, "streaming", False)
        else response.content
    )
    if "spreadsheetml" in response.get("Content-Type", ""):
        sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
        return "\n".join(
            "\t".join("" if value is None else str(value) for value in row)
            for row in sheet.iter_rows(values_only=True)
        )
    return content.decode("utf-8-sig")


_VOLATILE = re.compile(r"(nonce=\"|X-CSRFToken\": \"|name=\"csrfmiddlewaretoken\" value=\")[^\"]+")


def without_nonces(text: str) -> str:
    """Allowed to differ between two answers: the per-response nonce and CSRF mask."""
    return _VOLATILE.sub(r"\1", text)


def _next_of(location: str, path: str) -> None:
    parts = urlsplit(location)
    assert parse_qs(parts.query).get("next") == [path], f"next= is not {path}: {location}"
    return parts.path


def assert_redirect(response, expect: Expect, full_path: str) -> None:
    if expect.redirect is None:
        return
    if expect.redirect == TO_LOGIN_HTMX:
        location = response.get("HX-Redirect", "")
        assert location, "no HX-Redirect header"
        assert _next_of(location, full_path) == "/login/", location
        return
    location = response.get("Location", "")
    if expect.redirect == TO_LOGIN:
        assert _next_of(location, full_path) == "/login/", location
    elif expect.redirect == TO_ADMIN_LOGIN:
        assert _next_of(location, full_path) == "/admin/login/", location
    else:
        assert location.startswith(expect.redirect), f"redirects to {location}"
