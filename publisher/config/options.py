"""Config options in MkDocs' own schema language, with messages that say what was expected and found.

MkDocs stops at the first failing key of a config; we want every problem of every file at once. So
``collect`` validates all keys, and ``Section``/``MapOf``/``ListOf`` carry nested problems upwards
as ``Nested`` errors with dotted keys (``channels.x.slots.mon[1]``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config.config_options import BaseConfigOption, ValidationError

from publisher import urls

T = TypeVar("T")
C = TypeVar("C", bound=base.Config)

_MISSING = "is required but missing"


def shown(value: object) -> str:
    """Describe a found value briefly, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "..."
        return repr(text)
    if isinstance(value, bool):
        return f"{value!r} (a boolean)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return f"a list ({len(value)} items)"
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, int | float):
        return f"{value!r} (a number)"
    return f"{value!r} (a {type(value).__name__})"


class Nested(ValidationError):
    """Problems found inside a nested option, each with its key relative to that option."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"'{k}': {m}" for k, m in problems))


def _join(parent: str, child: str) -> str:
    if not child:
        return parent
    if child.startswith("["):
        return f"{parent}{child}"
    return f"{parent}.{child}" if parent else child


def collect(config: base.Config, *, strict: bool = True) -> list[tuple[str, str]]:
    """Validate every key of ``config`` and return all problems as ``(dotted key, message)``.

    Unknown keys are problems when ``strict`` (a typo in a config should not pass silently).
    """
    problems: list[tuple[str, str]] = []
    for key, option in config._schema:
        try:
            option.pre_validation(config, key_name=key)
        except ValidationError as e:
            problems.append((key, str(e)))
    for key, option in config._schema:
        try:
            config[key] = option.validate(config.get(key))
        except Nested as e:
            problems.extend((_join(key, k), m) for k, m in e.problems)
        except ValidationError as e:
            problems.append((key, str(e)))
        finally:
            option.reset_warnings()
    if strict:
        known = {k for k, _ in config._schema}
        for key in sorted(set(config.keys()) - known, key=str):
            problems.append((str(key), f"unknown setting (found {key!r}); expected one of: {', '.join(sorted(known))}"))
    if not problems:
        for key, option in config._schema:
            try:
                option.post_validation(config, key_name=key)
            except ValidationError as e:
                problems.append((key, str(e)))
    return problems


class Section(Generic[C], BaseConfigOption[C]):
    """A nested block validated with its own schema, reporting every problem inside it."""

    def __init__(self, config_class: type[C], *, strict: bool = True, optional: bool = False):
        super().__init__()
        self.config_class = config_class
        self.strict = strict
        self.optional = optional
        self.default = None if optional else {}
        self._path = ""

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._path = config.config_file_path

    def run_validation(self, value: object) -> C:
        if value is None and self.optional:
            return None  # type: ignore[return-value]
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise ValidationError(f"expected a mapping of settings, got {shown(value)}")
        sub = self.config_class(config_file_path=self._path)
        sub.load_dict(value)
        problems = collect(sub, strict=self.strict)
        if problems:
            raise Nested(problems)
        return sub


class MapOf(Generic[T], BaseConfigOption[dict[str, T]]):
    """A mapping of names to items of one kind; every item is validated."""

    def __init__(self, item: BaseConfigOption[T], default: dict | None = None, *, key_pattern: str = ""):
        super().__init__()
        self.item = item
        self.default = default if default is not None else {}
        self.key_pattern = re.compile(key_pattern) if key_pattern else None
        self._config: base.Config | None = None

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._config = config

    def run_validation(self, value: object) -> dict[str, T]:
        if value is None:
            value = self.default
        if not isinstance(value, dict):
            raise ValidationError(f"expected a mapping of names to settings, got {shown(value)}")
        out: dict[str, T] = {}
        problems: list[tuple[str, str]] = []
        for key, raw in value.items():
            name = str(key)
            if self.key_pattern and not self.key_pattern.fullmatch(name):
                problems.append((name, f"expected a name matching {self.key_pattern.pattern}, got {name!r}"))
                continue
            try:
                if self._config is not None:
                    self.item.pre_validation(self._config, name)
                out[name] = self.item.run_validation(raw)
            except Nested as e:
                problems.extend((_join(name, k), m) for k, m in e.problems)
            except ValidationError as e:
                problems.append((name, str(e)))
        if problems:
            raise Nested(problems)
        return out


class ListOf(Generic[T], BaseConfigOption[list[T]]):
    """A list of items of one kind; a single item is accepted as a list of one."""

    def __init__(self, item: BaseConfigOption[T], default: list | None = None, *, single: bool = True):
        super().__init__()
        self.item = item
        self.default = default if default is not None else []
        self.single = single
        self._config: base.Config | None = None

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._config = config

    def run_validation(self, value: object) -> list[T]:
        if value is None:
            value = list(self.default)
        if not isinstance(value, list):
            if not self.single or isinstance(value, dict):
                raise ValidationError(f"expected a list, got {shown(value)}")
            value = [value]
        out: list[T] = []
        problems: list[tuple[str, str]] = []
        for i, raw in enumerate(value):
            try:
                if self._config is not None:
                    self.item.pre_validation(self._config, f"[{i}]")
                out.append(self.item.run_validation(raw))
            except Nested as e:
                problems.extend((_join(f"[{i}]", k), m) for k, m in e.problems)
            except ValidationError as e:
                problems.append((f"[{i}]", str(e)))
        if problems:
            raise Nested(problems)
        return out


class Text(BaseConfigOption[str]):
    """A non-empty string. Whole numbers written in YAML are accepted as their text, unless ``numbers``
    is False (front matter: ``title: 1984`` must be quoted, YAML would read ``010`` as 8 and ``1.10`` as 1.1)."""

    def __init__(self, default: str | None = None, *, required: bool = False, what: str = "text",
                 numbers: bool = True):
        super().__init__()
        self.default = default
        self.required_value = required
        self.what = what
        self.numbers = numbers

    def run_validation(self, value: object) -> str:
        if value is None or (isinstance(value, str) and not value.strip()):
            if self.required_value:
                raise ValidationError(f"{_MISSING}; expected {self.what}")
            return self.default  # type: ignore[return-value]
        if isinstance(value, int | float) and not isinstance(value, bool) and not self.numbers:
            raise ValidationError(f"expected {self.what}, got {shown(value)}; put it in quotes if it is text")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValidationError(f"expected {self.what}, got {shown(value)}")
        return str(value).strip()


class FilePath(Text):
    """A relative or absolute file or folder path the file system can take: no name over 255 bytes, no
    NUL (checking the file, later, would otherwise raise instead of reporting it)."""

    def run_validation(self, value: object) -> str:
        path = super().run_validation(value)
        if path and ("\0" in path or len(path.encode("utf-8")) > 4000
                     or any(len(part.encode("utf-8")) > 255 for part in path.replace("\\", "/").split("/"))):
            raise ValidationError(f"expected {self.what}, got {shown(value)}: a name longer than the file system "
                                  "takes (255 bytes a name)")
        return path


class Entries(BaseConfigOption[dict[str, Any]]):
    """A mapping kept as written: its entries are validated by the code that reads them (whose
    schema lives in a package above this one), with problems located under this option's key."""

    def __init__(self, what: str = "a mapping") -> None:
        super().__init__()
        self.default = {}
        self.what = what

    def run_validation(self, value: object) -> dict[str, Any]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise ValidationError(f"expected {self.what}, got {shown(value)}")
        return value


class ContentUrl(Text):
    """Text that is a URL or path readers' browsers will follow: it must pass the allow-list."""

    def __init__(self, default: str | None = None, *, required: bool = False, what: str = urls.EXPECTED):
        super().__init__(default, required=required, what=what)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if text and not urls.is_allowed(text):
            raise ValidationError(urls.refusal(text))
        return text


class Flag(BaseConfigOption[bool]):
    """true or false."""

    def __init__(self, default: bool = False):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> bool:
        if value is None:
            return self.default
        if not isinstance(value, bool):
            raise ValidationError(f"expected true or false, got {shown(value)}")
        return value


class Number(BaseConfigOption[T]):
    """A whole (or decimal) number within bounds."""

    def __init__(self, default: Any = None, *, minimum: float | None = None, maximum: float | None = None,
                 whole: bool = True, required: bool = False):
        super().__init__()
        self.default = default
        self.minimum, self.maximum, self.whole, self.required_value = minimum, maximum, whole, required

    def run_validation(self, value: object) -> T:
        kind = "a whole number" if self.whole else "a number"
        if value is None:
            if self.required_value:
                raise ValidationError(f"{_MISSING}; expected {kind}")
            return self.default
        ok = isinstance(value, int) if self.whole else isinstance(value, int | float)
        if isinstance(value, bool) or not ok:
            raise ValidationError(f"expected {kind}, got {shown(value)}")
        if (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        ):
            bounds = f"between {self.minimum} and {self.maximum}" if self.maximum is not None else (
                f"at least {self.minimum}")
            raise ValidationError(f"expected {kind} {bounds}, got {value!r}")
        return value  # type: ignore[return-value]


class OneOf(BaseConfigOption[str]):
    """One value out of a fixed list."""

    def __init__(self, choices: Sequence[str], default: str | None = None, *, required: bool = False):
        super().__init__()
        self.choices = tuple(choices)
        self.default = default
        self.required_value = required

    def run_validation(self, value: object) -> str:
        if value is None:
            if self.required_value:
                raise ValidationError(f"{_MISSING}; expected one of: {', '.join(self.choices)}")
            return self.default  # type: ignore[return-value]
        if not isinstance(value, str) or value not in self.choices:
            raise ValidationError(f"expected one of: {', '.join(self.choices)}; got {shown(value)}")
        return value


_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(\.\d+)?)?"
                      r"(?:[ \t]*(Z|z|[+-]\d{1,2}(?::?\d{2})?))?)?")
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2199, 12, 31)
"""Dates outside these are refused: far enough for archives and plans, away from datetime's edges
(0001-01-01 minus a time zone offset is no date at all)."""
DATE_EXPECTED = "a date like 2026-03-01 (or 2026-03-01 09:30)"


class DateRefused(ValueError):
    """Text shaped like a date that names no real day, or a day out of the accepted range."""


def _offset(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text in ("Z", "z"):
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = (int(digits), 0) if len(digits) <= 2 else (int(digits[:-2]), int(digits[-2:]))
    if hours > 23 or minutes > 59:
        raise DateRefused(f"the offset {text} is no time zone offset")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def read_when(value: object) -> dt.date | dt.datetime | None:
    """A date or date-time written in YAML or ISO 8601; None when it is not shaped like one.

    Raises DateRefused (with the reason) for text shaped like a date that is not a real one
    (2026-02-30, 2026-13-45, 25:00) or lies outside EARLIEST..LATEST.
    """
    if isinstance(value, dt.datetime | dt.date):
        parsed: dt.date = value
    elif isinstance(value, str) and (m := _DATE_RE.fullmatch(value.strip())):
        year, month, day, hour, minute, second, fraction, zone = m.groups()
        try:
            day_of = dt.date(int(year), int(month), int(day))
        except ValueError as e:
            raise DateRefused(f"{e}") from None
        if hour is None:
            parsed = day_of
        else:
            micro = int((fraction or ".0")[1:7].ljust(6, "0"))
            try:
                time = dt.time(int(hour), int(minute), int(second or 0), micro, tzinfo=_offset(zone))
            except ValueError as e:
                raise DateRefused(f"{e}") from None
            parsed = dt.datetime.combine(day_of, time)
    else:
        return None
    day_only = parsed.date() if isinstance(parsed, dt.datetime) else parsed
    if not EARLIEST <= day_only <= LATEST:
        raise DateRefused(f"expected a date between {EARLIEST} and {LATEST}")
    return parsed


def parse_when(value: object) -> dt.date | dt.datetime | None:
    """Like read_when, but None for anything that is not a real date in range."""
    try:
        return read_when(value)
    except DateRefused:
        return None


class When(BaseConfigOption[dt.date | dt.datetime]):
    """A date (2026-03-01) or a date-time (2026-03-01 09:30, optionally with an offset), 1900-2199."""

    def __init__(self, *, required: bool = False):
        super().__init__()
        self.default = None
        self.required_value = required

    def run_validation(self, value: object) -> dt.date | dt.datetime | None:
        if value is None or value == "":
            if self.required_value:
                raise ValidationError(f"{_MISSING}; expected a date like 2026-03-01")
            return None
        try:
            parsed = read_when(value)
        except DateRefused as e:
            reason = str(e)
            if reason.startswith("expected"):
                raise ValidationError(f"{reason}, got {shown(value)}") from None
            raise ValidationError(f"expected {DATE_EXPECTED}, got {shown(value)} ({reason})") from None
        if parsed is None:
            raise ValidationError(f"expected {DATE_EXPECTED}, got {shown(value)}")
        return parsed


_TIME_RE = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


class TimeOfDay(BaseConfigOption[dt.time]):
    """A wall-clock time written HH:MM (24-hour)."""

    def __init__(self, default: str | None = None):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> dt.time:
        if value is None:
            value = self.default
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
            # YAML 1.1 reads an unquoted 09:10 as a sexagesimal integer (550): take it back.
            return dt.time(value // 60, value % 60)
        if isinstance(value, str):
            m = _TIME_RE.fullmatch(value.strip())
            if m:
                return dt.time(int(m.group(1)), int(m.group(2)))
        raise ValidationError(f"expected a time like 09:30 (24-hour HH:MM), got {shown(value)}")


class TimeZoneName(BaseConfigOption[str]):
    """An IANA time zone name such as Europe/Paris."""

    def __init__(self, default: str | None = "UTC"):
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        if value is None:
            return self.default  # type: ignore[return-value]
        if isinstance(value, str) and value.strip():
            try:
                ZoneInfo(value.strip())
                return value.strip()
            except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
                pass
        raise ValidationError(f"expected an IANA time zone such as Europe/Paris or UTC, got {shown(value)}")


_URL_RE = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)


class Link(BaseConfigOption[str]):
    """An absolute http(s) URL."""

    def __init__(self, default: str | None = None, *, required: bool = False):
        super().__init__()
        self.default = default
        self.required_value = required

    def run_validation(self, value: object) -> str | None:
        if value is None or value == "":
            if self.required_value:
                raise ValidationError(f"{_MISSING}; expected a URL like https://example.org/page")
            return self.default
        if isinstance(value, str) and _URL_RE.fullmatch(value.strip()):
            return value.strip()
        raise ValidationError(f"expected a URL like https://example.org/page, got {shown(value)}")


_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


class DatabaseUrl(Text):
    """A SQLAlchemy database URL (sqlite:///... or postgresql://...), read the way the store reads it."""

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        from sqlalchemy.engine import make_url  # only when a URL is checked: the CLI starts faster
        from sqlalchemy.exc import ArgumentError

        shown_text = _PASSWORD.sub(r"\1***@", text)
        try:
            parsed = make_url(text)
            backend = parsed.get_backend_name()
        except (ArgumentError, ValueError) as e:
            reason = " (the port is not a number)" if isinstance(e, ValueError) else ""
            raise ValidationError(f"expected {self.what}, got {shown_text!r}{reason}") from None
        if backend not in ("sqlite", "postgresql"):
            raise ValidationError(f"expected {self.what}, got {shown_text!r} (a {backend} database)")
        if parsed.port is not None and not 0 < parsed.port < 65536:
            raise ValidationError(f"expected {self.what}, got {shown_text!r} (ports go from 1 to 65535)")
        return text


class Words(BaseConfigOption[list[str]]):
    """A list of short strings; one string is a list of one. Used for tags, authors, languages.

    ``tags: green it, costs`` is one string that reads like two items: refused, with the list form as
    the hint. Unless ``numbers``, a number alone (``tags: 5``, more likely a slip than a topic) and a
    decimal number anywhere (YAML reads 3.10 as 3.1) are refused; a whole number in a list is its text.
    """

    def __init__(self, default: list[str] | None = None, *, what: str = "a list of words", pattern: str = "",
                 numbers: bool = True):
        super().__init__()
        self.default = default if default is not None else []
        self.what = what
        self.pattern = re.compile(pattern) if pattern else None
        self.numbers = numbers

    def run_validation(self, value: object) -> list[str]:
        if value is None:
            return list(self.default)
        if isinstance(value, str) and "," in value:
            parts = ", ".join(p.strip() for p in value.split(",") if p.strip())
            raise ValidationError(f"expected {self.what} written as a list like [{parts}], got {shown(value)}")
        if not self.numbers and isinstance(value, int | float) and not isinstance(value, bool):
            raise ValidationError(f"expected {self.what}, got {shown(value)}; write a list such as [\"{value}\"] "
                                  f"if you mean it")
        items = value if isinstance(value, list) else [value]
        out: list[str] = []
        problems: list[tuple[str, str]] = []
        for i, item in enumerate(items):
            where = f"[{i}]" if isinstance(value, list) else ""
            if not self.numbers and isinstance(item, float):
                problems.append((where, f"expected {self.what}, got {shown(item)}; put it in quotes if it is text"))
                continue
            if isinstance(item, bool) or not isinstance(item, str | int | float) or not str(item).strip():
                problems.append((where, f"expected {self.what}, got {shown(item)}"))
                continue
            word = str(item).strip()
            if self.pattern and not self.pattern.fullmatch(word):
                problems.append((where, f"expected {self.what}, got {word!r}"))
                continue
            out.append(word)
        if problems:
            if len(problems) == 1 and not problems[0][0]:
                raise ValidationError(problems[0][1])
            raise Nested(problems)
        return out
