"""The queue as files a team already uses: an iCalendar feed, and CSV for bulk edits.

CSV round trip: ``publisher calendar --export posts.csv`` writes one row per post; people edit
``when``, ``state`` or ``text`` in a spreadsheet; ``publisher calendar --import posts.csv`` checks
every row first and reports every bad one with its line and column, and applies nothing unless
all rows are good. Other columns are there to read, not to change (plan again for that).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Callable, Iterable, Mapping
from zoneinfo import ZoneInfo

from publisher.errors import ImportProblems, Problem
from publisher.posts.model import QueuedPost
from publisher.social.edits import CheckedText
from publisher.store import PostEdit, PostRecord

CSV_COLUMNS = ("id", "when", "channel", "network", "state", "role", "piece", "text", "link", "key")
EDITABLE_COLUMNS = ("when", "state", "text")
EDITABLE_STATES = ("proposed", "approved", "cancelled")
STATE_CHOICES = ("proposed", "approved", "cancelled")


def local_text(when: dt.datetime, zone: ZoneInfo) -> str:
    """A date-time in the team's zone, as the CSV shows it (2026-03-02 09:10+01:00)."""
    local = when.astimezone(zone)
    spec = "minutes" if local.second == 0 and local.microsecond == 0 else "seconds"
    return local.isoformat(" ", spec)


def to_csv(records: Iterable[PostRecord], zone: ZoneInfo) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        p = r.post
        writer.writerow([p.id, local_text(p.scheduled_at, zone), p.channel, p.network, p.state, p.role, p.piece,
                         p.text, p.link, p.key])
    return out.getvalue()


def _parse_when(value: str, zone: ZoneInfo) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        if when.tzinfo is None:
            when = when.replace(tzinfo=zone)
        # 0001-01-01 00:00+05:00 is before the first instant a datetime can hold: OverflowError.
        return when.astimezone(dt.UTC) if 1900 <= when.year <= 2199 else None
    except (ValueError, OverflowError):
        return None


TextCheck = Callable[[QueuedPost, str], CheckedText]
"""(post, its new text) -> the text as it would be stored, and why not (publisher.social.edits)."""


def read_edits(content: str, where: str, current: Mapping[int, PostRecord], zone: ZoneInfo,
               check_text: TextCheck | None = None) -> list[PostEdit]:
    """The changes a CSV file asks for; raises ImportProblems listing every bad row and column."""
    try:
        return _read_edits(content, where, current, zone, check_text)
    except csv.Error as e:  # a cell over the csv module's size limit, a stray NUL...
        raise ImportProblems([Problem(where, "", f"expected CSV rows as `publisher calendar --export` writes "
                                      f"them, found {e}")]) from None


def _read_edits(content: str, where: str, current: Mapping[int, PostRecord], zone: ZoneInfo,
                check_text: TextCheck | None) -> list[PostEdit]:
    reader = csv.reader(io.StringIO(content))
    problems: list[Problem] = []
    header = next(reader, None)
    if header is None:
        raise ImportProblems([Problem(where, "", "expected a header row (id, when, state, text...), got an empty file")])
    header = [h.strip().lstrip("\ufeff") for h in header]
    missing = [c for c in ("id", *EDITABLE_COLUMNS) if c not in header]
    if missing:
        raise ImportProblems([Problem(f"{where}:1", "", f"expected the columns {', '.join(CSV_COLUMNS)} "
                                      f"(as `publisher calendar --export` writes them), missing {', '.join(missing)}")])
    index = {name: i for i, name in enumerate(header)}
    edits: list[PostEdit] = []
    seen: dict[int, int] = {}
    line = reader.line_num
    for number, row in enumerate(reader, start=2):
        start, line = line + 1, reader.line_num
        # A text with line breaks spans several lines: give the spreadsheet's row number too.
        at = f"{where}:{start}" if start == number else f"{where}:{start} (row {number})"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(at, "", f"expected {len(header)} columns, got {len(row)}"))
            continue
        cells = dict(zip(header, row, strict=True))
        raw_id = cells["id"].strip()
        if not raw_id.isdigit():
            problems.append(Problem(at, "id", f"expected a post id (a whole number), got {raw_id!r}"))
            continue
        post_id = int(raw_id)
        record = current.get(post_id)
        if record is None:
            problems.append(Problem(at, "id", f"expected the id of a post in the store, got {post_id}"))
            continue
        if post_id in seen:
            problems.append(Problem(at, "id", f"expected each post once, got post {post_id} again "
                                    f"(first on line {seen[post_id]})"))
            continue
        seen[post_id] = start
        edit, row_problems = _row_edit(cells, index, record, at, zone, check_text)
        problems.extend(row_problems)
        if edit is not None and not row_problems:
            edits.append(edit)
    if problems:
        raise ImportProblems(problems)
    return edits


def _row_edit(cells: dict[str, str], index: Mapping[str, int], record: PostRecord, at: str, zone: ZoneInfo,
              check_text: TextCheck | None) -> tuple[PostEdit | None, list[Problem]]:
    post = record.post
    problems: list[Problem] = []
    shown = {"channel": post.channel, "network": post.network, "role": post.role, "piece": post.piece,
             "link": post.link, "key": post.key}
    for name, value in shown.items():
        if name in index and cells[name] != value:
            problems.append(Problem(at, name, f"expected {value!r} (this column is read-only; plan again to "
                                    f"change it), got {cells[name]!r}"))
    text = cells["text"]
    when_text = cells["when"].strip()
    state = cells["state"].strip()
    new_text = text if text != post.text else None
    new_when: dt.datetime | None = None
    if when_text != local_text(post.scheduled_at, zone):
        new_when = _parse_when(when_text, zone)
        if new_when is None:
            problems.append(Problem(at, "when", f"expected a date-time like 2026-03-02 09:10 (team time zone) or "
                                    f"2026-03-02T09:10+01:00, got {when_text!r}"))
        elif new_when == post.scheduled_at:
            new_when = None
    new_state = state if state != post.state else None
    if new_state is not None and new_state not in STATE_CHOICES:
        problems.append(Problem(at, "state", f"expected one of {', '.join(STATE_CHOICES)}, got {state!r}"))
    if new_text is not None:
        if not text.strip():
            problems.append(Problem(at, "text", "expected the post's text, got nothing"))
        elif check_text is not None:
            checked = check_text(post, text)
            problems.extend(Problem(at, "text", why) for why in checked.problems)
            new_text = checked.text if checked.text != post.text else None
    changed = new_text is not None or new_when is not None or new_state is not None
    if changed and post.state not in EDITABLE_STATES:
        column = "state" if new_state is not None else "text" if new_text is not None else "when"
        problems.append(Problem(at, column, f"expected a post not sent yet ({', '.join(EDITABLE_STATES)}), "
                                f"got post {post.id} in state {post.state!r}"))
    if not changed or problems:
        return None, problems
    return PostEdit(post.id, at, text=new_text, scheduled_at=new_when, state=new_state), []


def to_ics(records: Iterable[PostRecord], *, calendar_name: str, zone_name: str, now: dt.datetime) -> bytes:
    """An iCalendar file with one 15-minute event per post (proposed posts are tentative)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//publisher//social queue//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", calendar_name)
    cal.add("x-wr-timezone", zone_name)
    for r in records:
        p = r.post
        event = Event()
        digest = hashlib.sha1(p.key.encode(), usedforsecurity=False).hexdigest()[:12]
        event.add("uid", f"post-{p.id}-{digest}@publisher")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", p.scheduled_at.astimezone(dt.UTC))
        event.add("duration", dt.timedelta(minutes=15))
        event.add("summary", f"[{p.channel}] {p.piece.rsplit('/', 1)[-1]} ({p.role}, {p.state})")
        event.add("description", f"{p.text}\n\n{p.link}\n\npost {p.id} · {p.key}")
        if p.link:
            event.add("url", p.link)
        event.add("categories", [p.channel, p.state])
        event.add("status", "TENTATIVE" if p.state == "proposed" else "CANCELLED" if p.state == "cancelled"
                  else "CONFIRMED")
        cal.add_component(event)
    return cal.to_ical()


__all__ = ["CSV_COLUMNS", "EDITABLE_COLUMNS", "local_text", "read_edits", "to_csv", "to_ics"]
