"""How the course reaches its mail server: `MailSettings`, read from the environment.

Mail is off unless `MENTOR_COURSE_SMTP_HOST` is set. The password never sits in the
environment: `MENTOR_COURSE_SMTP_PASSWORD_FILE` names a file holding it, which only its
owner may read (as `MENTOR_COURSE_DB_FILE` does for the store's URL). Every bad value is a
`MailSettingsError`, one line naming the variable and the fix.
"""

from __future__ import annotations

import ipaddress
import os
import unicodedata
from collections.abc import Mapping
from email import policy
from email.headerregistry import Address
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from mentor_course.errors import MentorCourseError

HOST_VAR = "MENTOR_COURSE_SMTP_HOST"
PORT_VAR = "MENTOR_COURSE_SMTP_PORT"
SECURITY_VAR = "MENTOR_COURSE_SMTP_SECURITY"
USER_VAR = "MENTOR_COURSE_SMTP_USER"
PASSWORD_FILE_VAR = "MENTOR_COURSE_SMTP_PASSWORD_FILE"
FROM_VAR = "MENTOR_COURSE_SMTP_FROM"

Security = Literal["starttls", "tls", "none"]
DEFAULT_PORTS: dict[str, int] = {"starttls": 587, "tls": 465, "none": 25}
PORT_HINT = "give a number from 1 to 65535"
EXAMPLE_FROM = "Program Name <name@example.org>"
SECURITY_HINT = "use starttls (the usual, port 587), tls (port 465) or none (port 25, unencrypted)"

# The variable each field comes from, to name it in `from_env`'s errors.
_FIELD_VARS = {
    "host": HOST_VAR,
    "port": PORT_VAR,
    "security": SECURITY_VAR,
    "user": USER_VAR,
    "password": PASSWORD_FILE_VAR,
    "sender": FROM_VAR,
}


class MailSettingsError(MentorCourseError):
    """A mail setting that cannot be used; `str()` names the variable and the fix."""

    def __init__(self, variable: str, message: str) -> None:
        self.variable, self.message = variable, message
        super().__init__(f"{variable}: {message}")


def _has_control(text: str) -> bool:
    return any(unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp"} for c in text)


def sender_address(sender: str) -> Address:
    """The one address in a From value such as `Northside Mentoring <c@northside.example>`;
    `ValueError` saying how to write it."""
    hint = f"write it as {EXAMPLE_FROM}"
    if not sender.strip() or _has_control(sender):
        raise ValueError(f"{sender!r} is not an email address; {hint}")
    header = policy.default.header_factory("From", sender)
    addresses: tuple[Address, ...] = getattr(header, "addresses", ())
    if len(addresses) > 1:
        raise ValueError(
            f"{sender!r} holds more than one address; give one, such as {EXAMPLE_FROM}"
        )
    if header.defects or not addresses or not addresses[0].username:
        raise ValueError(f"{sender!r} is not an email address; {hint}")
    if "." not in addresses[0].domain:
        raise ValueError(f"{sender!r} has no domain after the @ (example.org); {hint}")
    return addresses[0]


class MailSettings(BaseModel):
    """Where and how to send mail. `password` shows as `**********` in repr, str and dumps;
    read it with `password.get_secret_value()`."""

    # hide_input_in_errors: a ValidationError never shows a value, so never the password.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)

    host: str
    security: Security = "starttls"
    # The default follows `security` (587, 465 or 25); see `_default_port`.
    port: int = DEFAULT_PORTS["starttls"]
    user: str | None = None
    password: SecretStr | None = None
    sender: str
    timeout: float = Field(default=20.0, gt=0, le=600)

    @model_validator(mode="before")
    @classmethod
    def _default_port(cls, data: Any) -> Any:
        if isinstance(data, Mapping) and data.get("port") in (None, ""):
            security = data.get("security") or "starttls"
            data = {**data, "port": DEFAULT_PORTS.get(str(security).lower(), 587)}
        return data

    @field_validator("host")
    @classmethod
    def _host(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("is empty; give the mail server's name, such as smtp.example.org")
        if "://" in value or "/" in value:
            raise ValueError(
                f"{value!r} is not a server name; write only the name, such as "
                "smtp.example.org, without smtp:// or a path"
            )
        if any(c.isspace() for c in value) or _has_control(value):
            raise ValueError(
                f"{value!r} holds spaces; give one server name, such as smtp.example.org"
            )
        if ":" in value:
            try:
                ipaddress.IPv6Address(value.strip("[]"))
            except ValueError:
                raise ValueError(
                    f"{value!r} holds a colon; give the port in {PORT_VAR}, not in the name"
                ) from None
            value = value.strip("[]")
        return value

    @field_validator("security", mode="before")
    @classmethod
    def _security(cls, value: Any) -> Any:
        if isinstance(value, str):
            if value.strip().lower() in DEFAULT_PORTS:
                return value.strip().lower()
            raise ValueError(f"{value!r} is not a kind of connection this knows; {SECURITY_HINT}")
        return value

    @field_validator("port", mode="before")
    @classmethod
    def _port(cls, value: Any) -> Any:
        number = value
        if isinstance(value, str):
            text = value.strip()
            number = int(text) if text.isascii() and text.isdigit() else None
        if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 65535:
            raise ValueError(f"{value!r} is not a port number; {PORT_HINT}")
        return number

    @field_validator("user")
    @classmethod
    def _user(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.strip() or _has_control(value) or not value.isascii():
            raise ValueError(
                "is empty or holds a control or non-ASCII character; give the user name "
                "the mail server knows you by"
            )
        return value

    @field_validator("password")
    @classmethod
    def _password(cls, value: SecretStr | None) -> SecretStr | None:
        # Not echoed: it is the password. smtplib sends AUTH as ASCII only.
        if value is None:
            return None
        secret = value.get_secret_value()
        if not secret:
            raise ValueError("holds no password; put the mail server's password in the file")
        if not secret.isascii() or _has_control(secret):
            raise ValueError(
                "the password holds a non-ASCII or control character, which the mail client "
                "cannot send; use a password of plain ASCII letters, digits and symbols"
            )
        return value

    @field_validator("sender")
    @classmethod
    def _sender(cls, value: str) -> str:
        sender_address(value)
        return value.strip()

    @model_validator(mode="after")
    def _credentials(self) -> MailSettings:
        if (self.user is None) != (self.password is None):
            raise ValueError("give a user and a password together, or neither")
        if self.user is not None and self.security == "none":
            raise ValueError("security 'none' would send the password unencrypted")
        return self

    @property
    def envelope_sender(self) -> str:
        """The bare address of `sender`, for the SMTP envelope (MAIL FROM)."""
        return sender_address(self.sender).addr_spec

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> MailSettings | None:
        """The settings in `env`, or None when `MENTOR_COURSE_SMTP_HOST` is unset (no mail);
        `MailSettingsError` for any value that cannot be used."""
        host = env.get(HOST_VAR, "")
        if not host.strip():
            return None

        def value(variable: str) -> str | None:
            return env.get(variable, "").strip() or None

        user, password_file = value(USER_VAR), value(PASSWORD_FILE_VAR)
        sender = value(FROM_VAR)
        if sender is None:
            raise MailSettingsError(
                FROM_VAR,
                "is not set; give the address letters come from, such as "
                "Program Name <coordinator@example.org>",
            )
        if user and not password_file:
            raise MailSettingsError(
                PASSWORD_FILE_VAR,
                f"is not set, but {USER_VAR} is; name a file holding the mail server's password",
            )
        if password_file and not user:
            raise MailSettingsError(
                USER_VAR,
                f"is not set, but {PASSWORD_FILE_VAR} is; give the user name for that password",
            )
        security = value(SECURITY_VAR)
        if user and security is not None and security.lower() == "none":
            raise MailSettingsError(
                SECURITY_VAR,
                "'none' would send the password unencrypted; use starttls (port 587) or "
                f"tls (port 465), or unset {USER_VAR} if the server needs no sign-in",
            )
        password = _password_file(Path(password_file)) if password_file else None
        fields = {
            "host": host,
            "port": value(PORT_VAR),
            "security": security,
            "user": user,
            "password": password,
            "sender": sender,
        }
        try:
            return cls.model_validate({k: v for k, v in fields.items() if v is not None})
        except ValidationError as exc:
            raise _one_line(exc) from None


def _password_file(path: Path) -> str:
    """The password kept in `path` without its trailing newline; the file may be read by its
    owner only."""
    try:
        mode = path.stat().st_mode
        password = path.read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as exc:
        raise MailSettingsError(
            PASSWORD_FILE_VAR, f"{path}: cannot read the password file ({exc.strerror})"
        ) from None
    except UnicodeDecodeError:
        raise MailSettingsError(
            PASSWORD_FILE_VAR, f"{path}: the password file is not UTF-8 text"
        ) from None
    if mode & 0o077:
        raise MailSettingsError(
            PASSWORD_FILE_VAR,
            f"{path} can be read by other users; it holds a password. Run: chmod 600 {path}",
        )
    if not password:
        raise MailSettingsError(PASSWORD_FILE_VAR, f"{path}: the password file is empty")
    return password


def _one_line(exc: ValidationError) -> MailSettingsError:
    """The first problem pydantic found, as the variable it came from and what to do."""
    error = exc.errors(include_url=False, include_input=False)[0]
    field = str(error["loc"][0]) if error["loc"] else ""
    cause = (error.get("ctx") or {}).get("error")
    message = str(cause) if cause is not None else error["msg"]
    return MailSettingsError(_FIELD_VARS.get(field, HOST_VAR), message)
