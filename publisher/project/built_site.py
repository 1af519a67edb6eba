"""Is the built site one the publisher plugin made? A build that ignored it publishes what it keeps out.

    for severity, message, fix in built_site_findings(settings, library, now): ...

Material for MkDocs reaches end of life on 2027-05-05; its successor Zensical reads the same
mkdocs.yml but runs no MkDocs plugin, and `mkdocs build` with the plugin off does the same: every
file of content/ is published, drafts and pieces dated in the future included, with the ambassadors
list and the covers of unpublished pieces. The plugin leaves site/publisher-build.json; here the
output folder is searched for what such a build leaves behind.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from publisher.config import Settings
from publisher.content import Library, Piece
from publisher.content.ambassadors import ambassadors_file
from publisher.site.build_marker import MARKER, read_marker
from publisher.site.private_assets import piece_assets

ERROR, WARNING, OK = "error", "warning", "ok"
REBUILD = ("build the site with `mkdocs build` (Material for MkDocs and the publisher plugin), and do not "
           "deploy this folder; see the guide's page on Material's end of life")


def _pages_of(piece: Piece) -> list[str]:
    """Where a build would write the piece: at our URL, or at its file's (a build without the plugin)."""
    stem = piece.src_uri.removesuffix(".md")
    return [f"{piece.folder}/{piece.slug}/index.html", f"{stem}/index.html", f"{stem}.html", piece.src_uri]


def built_site_findings(settings: Settings, library: Library, now: dt.datetime) -> list[tuple[str, str, str]]:
    site = settings.site_dir
    if not (site / "index.html").is_file():
        return []
    shown = _shown(site, settings.root)
    findings: list[tuple[str, str, str]] = []
    hidden = [p for p in library if not p.is_visible(now)]
    for piece in hidden:
        why = "a draft" if piece.draft else f"dated {piece.date:%Y-%m-%d %H:%M %Z}"
        leaked = [rel for rel in _pages_of(piece) if (site / rel).is_file()]
        leaked += [rel for rel in sorted(piece_assets(piece)) if (site / rel).is_file()
                   and not any(rel in piece_assets(p) for p in library if p.is_visible(now))]
        for rel in dict.fromkeys(leaked):
            findings.append((ERROR, f"{shown}/{rel}: {piece.key} is {why}, yet its file is in the built site", REBUILD))
    private, _ = ambassadors_file(settings)
    names = {settings.plugin.ambassadors_file, "ambassadors.yml"} | ({private.name} if private else set())
    for name in sorted(names):
        for path in sorted(site.rglob(Path(name).name)):
            findings.append((ERROR, f"{_shown(path, settings.root)}: the ambassadors list (colleagues' names and "
                             f"handles) is in the built site", REBUILD))
    marker = read_marker(site)
    if marker is None:
        findings.append((WARNING, f"{shown}/ was not built by the publisher plugin (no {MARKER}): another engine "
                         f"(Zensical) or mkdocs with the plugin off ignores drafts, publication dates and private "
                         f"files", REBUILD))
    elif (site / "index.html").stat().st_mtime > (site / MARKER).stat().st_mtime + 5:
        findings.append((WARNING, f"{shown}/index.html is newer than the publisher build that wrote {MARKER} "
                         f"({marker.get('built_at')}): something else built over it", REBUILD))
    elif not findings:
        findings.append((OK, f"{shown}/ was built by publisher {marker.get('version')} at {marker.get('built_at')}",
                         ""))
    return findings


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


__all__ = ["built_site_findings"]
