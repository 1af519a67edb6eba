"""The ambassadors file behind the advocacy leaderboard: valid files load, bad ones are located."""

from __future__ import annotations

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content.ambassadors import Ambassador, ambassadors_for
from publisher.networks.sharing import kit_networks


def test_ambassadors_load_with_their_team(project: ProjectDir) -> None:
    project.write("ambassadors.yml", """
        jdupont:
          name: Julie Dupont
          team: Sales West
          networks: [linkedin, x]
          lang: fr
          handle: "@jdupont"
        akone: {name: Awa Koné}
    """)
    people, problems = ambassadors_for(load_settings(project.config_file))
    assert problems == []
    assert people["jdupont"] == Ambassador("jdupont", "Julie Dupont", "Sales West", ("linkedin", "x"), "fr", "@jdupont")
    assert people["akone"].team == ""


def test_no_file_means_no_ambassadors(project: ProjectDir) -> None:
    assert ambassadors_for(load_settings(project.config_file)) == ({}, [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jdupont:\n  team: Sales West\n", "ambassadors.yml: 'jdupont.name': is required but missing"),
        ("jdupont: {name: J, networks: [myspace]}\n",
         f"ambassadors.yml: 'jdupont.networks[0]': expected networks among {', '.join(kit_networks())}, "
         "got 'myspace'"),
        ("jdupont: {name: J, shoe_size: 42}\n", "ambassadors.yml: 'jdupont.shoe_size': unknown setting"),
        ("- just\n- a list\n", "ambassadors.yml: expected a mapping of ambassador keys"),
        ("jdupont: [unclosed\n", "ambassadors.yml: not valid YAML at line"),
        ("'bad key!': {name: J}\n", "ambassadors.yml: 'bad key!': expected a name matching"),
    ],
)
def test_bad_files_are_located(project: ProjectDir, text: str, expected: str) -> None:
    project.write("ambassadors.yml", text)
    people, problems = ambassadors_for(load_settings(project.config_file))
    assert people == {}
    assert any(str(p).startswith(expected) for p in problems), [str(p) for p in problems]
