"""Firmware versions as ordered integers, so the database compares them ("7.2.10" after
"7.2.9"): major, minor and patch, each 0 to 999, in one number."""

import re

from django.core.exceptions import ValidationError

# ASCII digits only: \d would also take other scripts' digits (and int() reads them).
VERSION = re.compile(r"^v?([0-9]{1,3})(?:\.([0-9]{1,3}))?(?:\.([0-9]{1,3}))?\Z", re.IGNORECASE)
WILDCARD = re.compile(r"^v?([0-9]{1,3})(?:\.([0-9]{1,3}))?\.\*\Z", re.IGNORECASE)
LAST = 999


def version_code(major: int, minor: int = 0, patch: int = 0) -> int:
    return major * 1_000_000 + minor * 1_000 + patch


def version_parse(text: str) -> int:
    """The code of "7.2.5" (or "v7.2", read as 7.2.0); ValueError if it is not a version."""
    match = VERSION.match(text.strip())
    if not match:
        raise ValueError(f"{text.strip()!r} is not a version such as 7.2.5")
    return version_code(*(int(part or 0) for part in match.groups()))


def version_text(code: int) -> str:
    return f"{code // 1_000_000}.{code // 1_000 % 1_000}.{code % 1_000}"


def range_parse(text: str) -> tuple[int, int]:
    """The (first, last) codes of an affected range: "7.2.0-7.2.5", "7.2.5", "7.2.*" or "6.*".
    ValueError if it is not one, or ends before it starts."""
    text = text.strip()
    wildcard = WILDCARD.match(text)
    if wildcard:
        major, minor = wildcard.groups()
        if minor is None:
            return version_code(int(major)), version_code(int(major), LAST, LAST)
        return version_code(int(major), int(minor)), version_code(int(major), int(minor), LAST)
    first, dash, last = text.partition("-")
    low = version_parse(first)
    high = version_parse(last) if dash else low
    if high < low:
        raise ValueError(f"the range {text} ends before it starts")
    return low, high


def range_text(low: int, high: int) -> str:
    if low == high:
        return version_text(low)
    if low % 1_000 == 0 and high % 1_000 == LAST:
        start = version_text(low).rsplit(".", 1)[0]
        if high - low == LAST:
            return f"{start}.*"
        if low % 1_000_000 == 0 and high % 1_000_000 == LAST * 1_000 + LAST:
            return f"{low // 1_000_000}.*"
    return f"{version_text(low)} - {version_text(high)}"


def firmware_clean(text: str) -> str:
    """A unit's firmware version as entered ("v7.2.5 "), as it is kept ("7.2.5"); "" for not
    known; a ValidationError that says what to enter."""
    text = (text or "").strip()
    if not text:
        return ""
    try:
        return version_text(version_parse(text))
    except ValueError:
        raise ValidationError("Enter a firmware version such as 7.2.5.") from None
