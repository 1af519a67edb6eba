"""Authors' role and bio per language: read, validated with located errors, shown in a page's language."""

from __future__ import annotations

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.errors import ContentError


def test_role_and_bio_per_language(project: ProjectDir) -> None:
    project.write("content/authors.yml", """
        camille:
          name: Camille Martin
          role: {en: Head of Communications, fr: Directrice de la communication}
          bio:
            en: Camille runs communications.
            fr: Camille dirige la communication.
        sam:
          name: Sam Lee
          role: Solutions Engineer
    """)
    authors = load_library(load_settings(project.config_file)).authors
    camille, sam = authors["camille"], authors["sam"]
    assert (camille.role, camille.role_in("fr"), camille.role_in("fr-CA")) == (
        "Head of Communications", "Directrice de la communication", "Directrice de la communication")
    assert (camille.bio, camille.bio_in("fr")) == ("Camille runs communications.", "Camille dirige la communication.")
    assert sam.role_in("fr") == sam.role == "Solutions Engineer"  # one text serves every language


@pytest.mark.parametrize(("entry", "message"), [
    ("role: {en: Head, de: Leiterin}",
     "content/authors.yml: 'camille.role.de': expected a language of the site (en, fr), got 'de'"),
    ("role: {english: Head}",
     "content/authors.yml: 'camille.role.english': expected a language code such as en or fr, got 'english'"),
    ("role: [Head, Lead]",
     "content/authors.yml: 'camille.role': expected a role such as Head of Communications, or one per language "
     "such as {en: ..., fr: ...}, got a list (2 items)"),
    ("bio: {fr: ''}", "content/authors.yml: 'camille.bio.fr': expected a short biography, got ''"),
])
def test_bad_per_language_fields_are_located(project: ProjectDir, entry: str, message: str) -> None:
    project.write("content/authors.yml", f"camille:\n  name: Camille Martin\n  {entry}\n")
    with pytest.raises(ContentError) as caught:
        load_library(load_settings(project.config_file))
    assert [str(p) for p in caught.value.problems] == [message]
