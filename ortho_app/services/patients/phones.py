"""Phone numbers in E.164 (national French form accepted)."""

from __future__ import annotations

import phonenumbers

DEFAULT_REGION = "FR"


class InvalidPhoneError(ValueError):
    pass


def to_e164(raw: str, region: str = DEFAULT_REGION) -> str:
    """'06 12 34 56 78' or '+33 6 12 34 56 78' → '+33612345678'."""
    if not raw or len(raw) > 40:
        raise InvalidPhoneError("Invalid phone number")
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhoneError("Invalid phone number") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneError("Invalid phone number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display(e164: str) -> str:
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
