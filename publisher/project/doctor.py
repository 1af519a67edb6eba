"""`publisher doctor`: check a project and say what is wrong, each finding with its fix.

    report = diagnose(Path("mkdocs.yml"), now)
    report.findings      # [Finding(check, severity, message, fix)], in the order checked

Severities: ``error`` needs fixing (the command exits 1), ``warning`` is worth knowing (a channel in
dry run, a pause), ``ok`` says what was checked. Checks run in dependency order: without a valid
configuration nothing else can be checked; content problems do not stop the store checks. Nothing
here writes: a SQLite store that does not exist yet is not created, migrations are not applied.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from publisher.config import Settings, load_settings
from publisher.content import Library, load_library
from publisher.content.ambassadors import ambassadors_file, ambassadors_for
from publisher.errors import ConfigError, ContentError, Problem, StoreError
from publisher.networks import keys as network_keys
from publisher.project.credentials import STORE_VARIABLE, channel_credentials
from publisher.project.lost_store import behind_finding, damaged_fix, is_damaged, sent_in_store
from publisher.secrets import mask, secret_values

OK, WARNING, ERROR = "ok", "warning", "error"
PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net", ".example")
"""Reserved for examples (RFC 2606): a site_url there is a placeholder nobody replaced."""
DUE_SOON = dt.timedelta(hours=24)
"""Proposed posts scheduled within this time of now are flagged: someone must approve them soon."""


@dataclass(frozen=True)
class Finding:
    """One thing doctor checked: what it found and, unless all is well, how to fix it."""

    check: str
    """configuration, content, site, install, credentials, store, migrations, posts, channels or pieces."""
    severity: str
    message: str
    fix: str = ""


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    def as_dict(self) -> dict[str, Any]:
        return {"ok": not self.errors, "errors": len(self.errors), "warnings": len(self.warnings),
                "findings": [asdict(f) for f in self.findings]}

    def add(self, check: str, severity: str, message: str, fix: str = "") -> None:
        # Findings quote user input and error texts: mask any secret they might carry.
        self.findings.append(Finding(check, severity, mask(message), mask(fix)))


def diagnose(config_file: Path, now: dt.datetime) -> Report:
    """Run every check on the project whose mkdocs.yml is ``config_file``."""
    report = Report()
    try:
        settings = load_settings(config_file)
    except ConfigError as e:
        _problems(report, "configuration", e.problems, "fix it in {where}, as the message says")
        return report
    report.add("configuration", OK, f"{settings.config_file.name}: the publisher block is valid")
    library = _check_content(report, settings)
    rules = _check_rules(report, settings, library) if library is not None else None
    if library is not None:
        _check_placeholders(report, settings, library)
        _check_built_site(report, settings, library, now)
    _check_site(report, settings)
    _check_install(report, settings)
    _check_credentials(report, settings)
    _check_store(report, settings, now)
    if library is not None and rules is not None:
        _check_pieces(report, library, rules, settings.root)
    return report


def _problems(report: Report, check: str, problems: Iterable[Problem], fix: str) -> None:
    for p in problems:
        report.add(check, ERROR, str(p), fix.format(where=p.where, field=p.field))


def _check_content(report: Report, settings: Settings) -> Library | None:
    _, problems = ambassadors_for(settings)
    _problems(report, "content", problems, "edit {where} ('{field}'), as the message says")
    notice = ambassadors_file(settings)[1]
    if notice:
        report.add("content", WARNING, notice, f"move the entries under 'ambassadors:' in {settings.config_file.name}, "
                   f"then delete the file")
    try:
        library = load_library(settings)
    except ContentError as e:
        _problems(report, "content", e.problems, "edit {where} ('{field}'), then run publisher check")
        return None
    report.add("content", OK, f"{_count(len(library), 'piece')} and {_count(len(library.authors), 'author')} are valid")
    for warning in library.warnings:
        report.add("content", WARNING, warning, "remove the field, or check its spelling with publisher fields")
    return library


def _check_placeholders(report: Report, settings: Settings, library: Library) -> None:
    from publisher.project.placeholders import placeholder_ctas

    for where, url in placeholder_ctas(settings, library):
        report.add("site", WARNING, f"{where} is still the example {url}: readers who click it reach no one",
                   "set it to the team's real contact page or address")


def _check_built_site(report: Report, settings: Settings, library: Library, now: dt.datetime) -> None:
    from publisher.project.built_site import built_site_findings

    for severity, message, fix in built_site_findings(settings, library, now):
        report.add("site", severity, message, fix)


def _check_rules(report: Report, settings: Settings, library: Library) -> Any:
    from publisher.social.planner import rules_from

    try:
        return rules_from(settings, library)
    except ConfigError as e:
        _problems(report, "configuration", e.problems, "fix it in {where}, as the message says")
        return None


def _check_site(report: Report, settings: Settings) -> None:
    """The public address posts link to, and secrets where they must never be."""
    name = settings.config_file.name
    host = settings.site_url.split("://", 1)[-1].split("/", 1)[0].lower()
    if host.endswith(PLACEHOLDER_HOSTS):
        report.add("site", WARNING, f"{name}: 'site_url' is still the placeholder {settings.site_url}; posts "
                   f"would link there", f"set site_url in {name} to the site's public address")
    text = settings.config_file.read_text(encoding="utf-8", errors="replace")
    leaked = [v for v in secret_values() if len(v) >= 8 and v in text]
    if leaked:
        report.add("site", ERROR, f"{name} contains the value of a credential ({mask(leaked[0])}); it would be "
                   f"committed and could reach the built site",
                   f"remove it from {name}, put it in .env or a CI secret, and revoke it on the network")
    gitignore = settings.root / ".gitignore"
    ignored = gitignore.read_text(encoding="utf-8").split() if gitignore.is_file() else []
    for entry, why in ((".env", "credentials"), (".publisher/", "the store and the outbox")):
        if entry not in ignored and entry.rstrip("/") not in ignored:
            report.add("site", WARNING, f".gitignore does not list {entry} ({why})",
                       f"add a line '{entry}' to {gitignore.name} so git never records it")


def _check_install(report: Report, settings: Settings) -> None:
    from publisher.project.requirements_check import requirement_findings

    for severity, message, fix in requirement_findings(settings.root / "requirements.txt"):
        report.add("install", severity, message, fix)


def _check_credentials(report: Report, settings: Settings) -> None:
    # Only projects made by `publisher init` have a .env.example: point to it when it is there.
    where = ("see .env.example" if (settings.root / ".env.example").is_file()
             else "every variable is listed in the guide's credentials reference (docs/guide/reference/credentials.md)")
    for name, spec in settings.plugin.channels.items():
        if not spec.enabled:
            report.add("credentials", OK, f"{name}: disabled in {settings.config_file.name}")
            continue
        creds = channel_credentials(name, spec)
        state = creds.state
        if state == "ready":
            report.add("credentials", OK, f"{_label(name, creds.network)}: credentials set ({', '.join(creds.present)})")
        elif state == "dry-run":
            report.add("credentials", WARNING, f"{_label(name, creds.network)}: no credentials; posts go to the dry-run "
                       f"outbox ({_shown(settings.outbox_dir, settings.root)}/{creds.network}.jsonl)",
                       f"to post for real, set {', '.join(creds.missing)} in .env (or as CI secrets); {where}")
        elif state == "incomplete":
            report.add("credentials", ERROR, f"{_label(name, creds.network)}: {', '.join(creds.missing)} not set while "
                       f"{', '.join(creds.present)} is; its posts wait",
                       f"set {', '.join(creds.missing)} too, or unset all of them to use the dry-run outbox")
        elif state == "invalid":
            report.add("credentials", ERROR, f"{_label(name, creds.network)}: {creds.problem}",
                       "correct the variable named in the message (in .env or the CI secrets)")
        else:
            report.add("credentials", WARNING, f"{name}: no adapter for the network {creds.network!r}; posts go "
                       f"to the dry-run outbox", f"choose a network among {', '.join(network_keys())}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _label(name: str, network: str) -> str:
    return name if name == network else f"{name} ({network})"


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _check_store(report: Report, settings: Settings, now: dt.datetime) -> None:
    from publisher.store import Store, shown_url

    url = settings.store_url
    shown = shown_url(url)
    source = f"the {STORE_VARIABLE} variable" if _store_from_env() else f"'store' in {settings.config_file.name}"
    sqlite_file = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
    if sqlite_file and ":memory:" not in url and not Path(sqlite_file).exists():
        lost = behind_finding(settings, 0)
        if lost:
            report.add("store", WARNING, f"{shown}: the file does not exist, and {lost[0].removeprefix('the store ')}",
                       lost[1])
        else:
            report.add("store", OK, f"{shown}: not created yet; the first publisher plan creates it")
        return
    try:
        store = Store(url)
        pending = store.pending_migrations()
        unknown = sorted(store.applied_migrations() - {m.name for m in _all_migrations()})
    except StoreError as e:
        if is_damaged(e):
            report.add("store", ERROR, f"the store is damaged: {e}", damaged_fix(sqlite_file))
            return
        fix = (f"check that the folder of {sqlite_file} is writable" if sqlite_file else
               f"check that the database server is running and that {source} (host, port, database, user, "
               f"password) is right")
        report.add("store", ERROR, f"cannot reach the store: {e}", fix)
        return
    try:
        report.add("store", OK, f"{shown}: reachable ({store.dialect})")
        if pending:
            report.add("migrations", ERROR, f"{len(pending)} migration{'s' if len(pending) != 1 else ''} not "
                       f"applied: {', '.join(pending)}",
                       "run publisher plan (any command that opens the store applies them, each in its own "
                       "transaction); with several workers, upgrade publisher on every machine first")
            if len(pending) == len(_all_migrations()):
                return  # an empty database: nothing more to read
        elif not unknown:
            report.add("migrations", OK, "every migration is applied")
        if unknown:
            report.add("migrations", ERROR, f"the store was migrated by a newer publisher ({', '.join(unknown)}); "
                       f"this machine runs an older one", "upgrade publisher here to the version the other "
                       "machines run")
        _check_queue(report, store, now, settings.zone)
        lost = behind_finding(settings, sent_in_store(store))
        if lost:
            report.add("store", WARNING, *lost)
    except StoreError as e:
        if is_damaged(e):
            report.add("store", ERROR, f"the store is damaged: {e}", damaged_fix(sqlite_file))
        else:
            report.add("store", ERROR, f"cannot read the store: {e}", "run publisher plan to apply pending migrations")
    finally:
        store.close()


def _store_from_env() -> bool:
    import os

    return bool(os.environ.get(STORE_VARIABLE))


def _all_migrations() -> list[Any]:
    from publisher.store.migrations import discover

    return discover()


def _check_queue(report: Report, store: Any, now: dt.datetime, zone: dt.tzinfo) -> None:
    """Posts and channels that wait for a person."""
    waiting = store.unconfirmed()
    for post, _changed in waiting:
        report.add("posts", ERROR, f"post {post.id} ({post.channel}, {post.piece}) was sent but its outcome is "
                   f"unknown (unconfirmed); the publisher will not resend it on its own",
                   f"look for it on {post.network}, then: publisher confirm {post.id} --published --url URL, "
                   f"or --not-sent (send again), or --cancel")
    if not waiting:
        report.add("posts", OK, "no unconfirmed post waits for a decision")
    soon = store.records(states=["proposed"], end=now + DUE_SOON)
    if soon:
        report.add("posts", WARNING, f"{len(soon)} proposed post{'s' if len(soon) != 1 else ''} due within "
                   f"{int(DUE_SOON.total_seconds() // 3600)} hours (or overdue) not approved yet",
                   "publisher queue --state proposed, then publisher approve ID... (or --all)")
    for name, state in sorted(store.channel_states().items()):
        if state.disabled:
            report.add("channels", ERROR, f"{name}: disabled after {state.disabled_reason}; its posts wait",
                       f"fix the credentials, then publisher resume --channel {name}")
    for pause in store.active_pauses(now):
        report.add("channels", WARNING, pause.describe(zone), "publisher resume, when the team is ready")


def _check_pieces(report: Report, library: Library, rules: Any, root: Path) -> None:
    """Pieces that would produce no posts: no channel, or no candidate that fits a channel."""
    from publisher.social.excerpts import (
        excerpts_for,
        held_back,
        misquoted_by_title,
        quote_refused,
        summary_held_back,
    )
    from publisher.social.render import Rejected, fit

    silent = short = 0
    for piece in library:
        if piece.draft:
            continue
        names = [n for n in rules.channels_for(piece) if n in rules.channels]
        where = _shown(piece.path, root)
        if not names:
            silent += 1
            report.add("pieces", WARNING, f"{where}: no channel to post on (rules.channels or its campaign's "
                       f"channels name none that is enabled and takes {piece.lang!r})", "name an enabled channel in the rules")
            continue
        context = rules.context(piece)
        candidates = excerpts_for(piece)
        for takeaway, why in held_back(piece):
            shown = takeaway if len(takeaway) <= 60 else takeaway[:57].rstrip() + "…"
            report.add("pieces", WARNING, f"{where}: takeaway '{shown}' is not posted: {why}",
                       "name who the figure belongs to (the client, 'our') or write it so it stands alone")
        _unsupported_figures(report, piece, where)
        summary_why = summary_held_back(piece)
        if summary_why:
            report.add("pieces", WARNING, f"{where}: the summary is not posted: {summary_why}",
                       "name the place or body it means, or give another figure than the title's")
        if misquoted_by_title(piece):
            report.add("pieces", WARNING, f"{where}: the title quotes words the piece never gives its speaker; posts "
                       "leave the title out (the link card still shows it)",
                       "quote the body word for word in the title, or give the words in the body")
        for quote in piece.quotes:
            why = quote_refused(quote, piece)
            if why:
                report.add("pieces", WARNING, f"{where}: the quote of {quote.by} is not posted: {why}",
                           "give the quote in the body as it is in the front matter" if "word for word" in why else
                           f"give it `role:` (\"role: rider, Spoke & Crate\") or add {quote.by} to authors.yml")
        refused: dict[str, str] = {}
        for name in names:
            channel = rules.channels[name]
            mine = [e for e in candidates if e.network in (None, channel.network)]
            results = [fit(e, piece, channel, context) for e in mine]
            if all(isinstance(r, Rejected) for r in results):
                refused[name] = results[0].reason if results else "no candidate text at all"  # type: ignore[union-attr]
        ruleset = rules.rules_for(piece)
        needed = int(ruleset.launch) + len(ruleset.follow_ups)
        if len(refused) < len(names) and len(candidates) < needed:
            short += 1
            report.add("pieces", WARNING, f"{where}: {len(candidates)} usable excerpt{'s' if len(candidates) != 1 else ''}"
                       f" for {needed} posts (launch and follow-ups): fewer posts are planned",
                       f"add takeaways or quotes to {where} (publisher preview {piece.key} shows what it offers)")
        if len(refused) == len(names):
            silent += 1
            report.add("pieces", ERROR, f"{where}: no candidate post fits any channel "
                       f"({'; '.join(f'{n}: {why}' for n, why in refused.items())})",
                       f"add a short takeaway or quote, or write posts yourself under 'social:' in the front matter; "
                       f"publisher preview {piece.key} shows each candidate and why it does not fit")
        elif refused:
            report.add("pieces", WARNING, f"{where}: nothing fits {', '.join(refused)} "
                       f"({'; '.join(f'{n}: {why}' for n, why in refused.items())})",
                       f"add a shorter takeaway, or a post under 'social: {{{next(iter(refused))}: [...]}}'")
    if not silent and not short:
        report.add("pieces", OK, f"every piece can make all its posts on its channels ({len(library)} checked)")
    elif not silent:  # said next to the warnings above, it must not read as "all is well"
        report.add("pieces", OK, f"every piece can make at least one post on its channels ({len(library)} checked; "
                   f"{short} with fewer posts than their plan asks, above)")


def _unsupported_figures(report: Report, piece: Any, where: str) -> None:
    """An author's takeaway or summary giving a count the body never writes: posts go out as written, and readers
    check them against the piece (set 163's "$38,000 a year, less than a tenth of one rebuild")."""
    from publisher.social.headlines import unsupported

    if not piece.body.strip():
        return
    for label, text in (*(("takeaway", t) for t in piece.takeaways), ("summary", piece.summary or "")):
        missing = unsupported(text, piece.body)
        if missing:
            shown = text if len(text) <= 60 else text[:57].rstrip() + "…"
            report.add("pieces", WARNING, f"{where}: {label} '{shown}' gives {', '.join(missing)}, which the body never "
                       "writes; it is posted as written", "check the figure against the body, or give it in the body too")


__all__ = ["ERROR", "OK", "WARNING", "Finding", "Report", "diagnose"]
