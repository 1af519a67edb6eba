"""The automatic post texts of a corpus, one per line to judge, as a comms lead reads them.

    .venv/bin/python bench/post_texts.py CONTENT_DIR OUT_DIR [--since 2026-11-01T08:00] [--days 90]

Copies the project's mkdocs.yml and theme/ beside CONTENT_DIR's pieces into OUT_DIR/project, then plans
from --since (so launches and follow-ups of recent pieces are planned, not only recycles), approves all,
runs the dry-run outbox every 6 days up to --days later (with a week's grace for late posts), and writes OUT_DIR/texts.md: for each piece, each distinct
text (the link's query string cut) with the networks it went to and where it came from (title, summary,
takeaway, quote, body sentence...). A text sent several times is listed once. Nothing is sent anywhere:
no credentials are read (the environment is emptied of them), every post goes to the outbox.

This is the preparation of a reading judgement (docs/post-quality.md), not a score: the score is a
person's reading of texts.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT)]

from publisher.social.edits import shown_text  # noqa: E402

PUBLISHER = str(Path(sys.executable).with_name("publisher"))


def run(project: Path, *args: str) -> None:
    env = {k: v for k, v in os.environ.items() if not re.search(r"TOKEN|KEY|SECRET|PASSWORD|WEBHOOK|HANDLE|URN", k)}
    done = subprocess.run([PUBLISHER, "-f", str(project / "mkdocs.yml"), *args], env=env, text=True,
                          capture_output=True)
    if done.returncode not in (0, 4, 5):
        sys.exit(f"publisher {' '.join(args)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")


def project_for(content: Path, out: Path) -> Path:
    project = out / "project"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # A week's grace for late posts: the harness runs every few days, not every few minutes as cron
    # would, and a post is judged on its words, not on the hour it left.
    marker = "  - publisher:\n"
    assert marker in config and "late_posts:" not in config, "mkdocs.yml's publisher block moved"
    config = config.replace(marker, marker + "      late_posts: {grace_minutes: 10080}\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(content, project / "content")
    if not (project / "content" / "index.md").exists() and (ROOT / "content" / "index.md").exists():
        shutil.copy(ROOT / "content" / "index.md", project / "content" / "index.md")
    return project


def collect(project: Path) -> tuple[dict[str, dict[str, dict]], dict[str, set[str]]]:
    """Distinct texts per piece from the outbox (what left, with its link card), and where each came from."""
    db = sqlite3.connect(project / ".publisher" / "publisher.db")
    kinds = {row[0]: row[1:] for row in db.execute("SELECT id, role, excerpt_kind, lang FROM posts")}
    texts: dict[str, dict[str, dict]] = defaultdict(dict)
    cards: dict[str, set[str]] = defaultdict(set)
    for outbox in sorted((project / ".publisher" / "outbox").glob("*.jsonl")):
        for line in outbox.read_text(encoding="utf-8").splitlines():
            sent = json.loads(line)
            role, kind, lang = kinds.get(sent["id"], ("?", "?", "?"))
            # As a person reads it (the desk's view): LinkedIn's little-text backslashes are the API's, not words.
            shown = re.sub(r"\?utm_[^\s]*", "", shown_text(sent["network"], sent["text"]))
            card = sent.get("card") or {}
            if card.get("title"):
                cards[sent["piece_key"]].add(f"{card['title']} | {card.get('description') or ''}")
            entry = texts[sent["piece_key"]].setdefault(shown, {"networks": [], "roles": set(), "kind": kind,
                                                                 "lang": lang})
            if sent["network"] not in entry["networks"]:
                entry["networks"].append(sent["network"])
            entry["roles"].add(role.split(":")[0])
    return texts, cards


def write(texts: dict[str, dict[str, dict]], cards: dict[str, set[str]], out: Path) -> int:
    lines, n = ["# Automatic post texts to judge", ""], 0
    for piece, entries in sorted(texts.items()):
        lines += [f"## {piece}", ""]
        lines += [f"Link card (title | description): {card}" for card in sorted(cards.get(piece, ()))] + [""]
        for text, entry in entries.items():
            n += 1
            lines += [f"### T{n} [{', '.join(entry['networks'])}] from {entry['kind']} "
                      f"({', '.join(sorted(entry['roles']))}, {entry['lang']})", "", "```text", text, "```", ""]
    (out / "texts.md").write_text("\n".join(lines), encoding="utf-8")
    (out / "texts.json").write_text(json.dumps({p: {t: {**e, "roles": sorted(e["roles"])} for t, e in es.items()}
                                                for p, es in texts.items()}, ensure_ascii=False, indent=1),
                                    encoding="utf-8")
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, help="a content/ folder with its authors.yml")
    parser.add_argument("out", type=Path)
    parser.add_argument("--since", default=None, help="plan as of this moment (default: 30 days ago)")
    parser.add_argument("--days", type=int, default=90, help="run the outbox this many days after --since")
    args = parser.parse_args()
    since = datetime.fromisoformat(args.since) if args.since else datetime.now().replace(
        microsecond=0, second=0) - timedelta(days=30)
    project = project_for(args.content.resolve(), args.out.resolve())
    run(project, "check")
    run(project, "plan", "--now", since.isoformat(timespec="minutes"))
    run(project, "approve", "--all")
    for days in [*range(6, args.days, 6), args.days]:  # within the week's grace, so no post is late
        run(project, "run", "--now", (since + timedelta(days=days)).isoformat(timespec="minutes"))
    count = write(*collect(project), args.out.resolve())
    print(f"{count} distinct texts in {args.out / 'texts.md'}")


if __name__ == "__main__":
    main()
