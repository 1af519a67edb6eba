"""Body analyses kept between plans (publisher/social/excerpting/memo.py): a replan of unchanged pieces
does not read their bodies again, and a change of rules or of content does."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import ProjectDir

from publisher.cli.app import cli
from publisher.social.excerpting import memo
from publisher.social.excerpting.body import analysed, body_candidates

BODY = ("Un serveur reconditionné coûte deux fois moins cher qu’un serveur neuf du même âge.\n\n"
        "Prolonger un serveur de deux ans réduit son empreinte carbone de 30 % en moyenne.\n")


def _entries(path: Path) -> dict[str, list[list[str]]]:
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


def test_a_remembered_analysis_is_used_instead_of_reading_the_body_again(tmp_path: Path) -> None:
    path = tmp_path / memo.FILE_NAME
    analysed.cache_clear()
    with memo.opened(path):
        first = body_candidates(BODY, "fr", "Serveurs")
    (key,) = _entries(path)
    assert [tuple(c) for c in _entries(path)[key]] == list(first) and first
    # What the file says is what a later run gets, without analysing the body (the entry is doctored
    # here to tell the two apart).
    doctored = {"fingerprint": memo.fingerprint(), "entries": {key: [["sentence", "Remembered.", ""]]}}
    path.write_text(json.dumps(doctored), encoding="utf-8")
    analysed.cache_clear()
    with memo.opened(path):
        assert body_candidates(BODY, "fr", "Serveurs") == (("sentence", "Remembered.", ""),)
    # Other rules (another fingerprint), or another body: analysed again.
    path.write_text(json.dumps({**doctored, "fingerprint": "older rules"}), encoding="utf-8")
    analysed.cache_clear()
    with memo.opened(path):
        assert body_candidates(BODY, "fr", "Serveurs") == first
        assert body_candidates(BODY + "\nUne phrase de plus pour changer le contenu du corps.\n", "fr", "Serveurs")
    assert len(_entries(path)) == 2, "only what this run used is kept"
    analysed.cache_clear()
    assert body_candidates(BODY, "fr", "Serveurs") == first, "no memo open: computed as before"


def test_publisher_plan_keeps_the_memo_in_the_state_folder(project: ProjectDir) -> None:
    project.config("lang: fr\nchannels: {x: {}}")
    project.piece("articles/a.md", "title: Serveurs\ndate: 2026-03-01\nsummary: Deux ans pour amortir.", BODY)
    kept = project.root / ".publisher" / memo.FILE_NAME
    for dry in (True, False):
        result = CliRunner().invoke(cli, ["-f", str(project.config_file), "plan", *(["--dry-run"] if dry else []),
                                          "--now", "2026-03-01T09:00"], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert kept.exists() is not dry, "a dry run writes nothing; a plan keeps what it read"
    assert _entries(kept)
