"""Typography, done once (publisher/content/typography.py) for the site, the posts and the share kits."""

from __future__ import annotations

import markdown
import pytest

from publisher.content.typography import NBSP, NNBSP, french_spacing, typeset
from publisher.site.typography import TypographyExtension


@pytest.mark.parametrize(("text", "expected"), [
    ("L'atelier a réuni 100% des \"oubliés\" du projet.",
     f"L’atelier a réuni 100{NNBSP}% des «{NBSP}oubliés{NBSP}» du projet."),
    ("Pourquoi ? « Parce que » : voilà ; enfin !",
     f"Pourquoi{NNBSP}? «{NBSP}Parce que{NBSP}»{NBSP}: voilà{NNBSP}; enfin{NNBSP}!"),
    ("Vraiment?! Oui!", f"Vraiment{NNBSP}?! Oui{NNBSP}!"),
    ("«Bonjour»", f"«{NBSP}Bonjour{NBSP}»"),
    ("Il a dit « oui ».Cette semaine...", f"Il a dit «{NBSP}oui{NBSP}». Cette semaine…"),  # a source's glitch
    ("Note: à 10:30, voir https://a.org/x?y=1&z='a' et #GreenIT, ok?",
     f"Note{NBSP}: à 10:30, voir https://a.org/x?y=1&z='a' et #GreenIT, ok{NNBSP}?"),
    ("Écrivez à contact@clairval.example.com : merci !", f"Écrivez à contact@clairval.example.com{NBSP}: merci{NNBSP}!"),
    ("Le site example.com, la norme ISO 14001 et M. Dupont.", "Le site example.com, la norme ISO 14001 et M. Dupont."),
    # numbers: groups of thousands never break across lines, nor a currency or a unit from its amount
    ("46 000 objets, 310 000 € puis 1,6 M€ et 1 200,50 €; 12 345 678 m",
     f"46{NNBSP}000 objets, 310{NNBSP}000{NBSP}€ puis 1,6{NBSP}M€ et 1{NNBSP}200,50{NBSP}€{NNBSP}; 12{NNBSP}345{NNBSP}678{NBSP}m"),
    # a unit written out stays with its number too (set 58: "612 kilos"), not a word that counts people
    ("612 kilos de raisin, 3 tonnes de pommes, 40 euros et 12 bénévoles",
     f"612{NBSP}kilos de raisin, 3{NBSP}tonnes de pommes, 40{NBSP}euros et 12 bénévoles"),
    # a year beside a number, years in a list, a phone number: not groups of thousands
    ("En 1972 120 élèves ; en 2019, 2020 et 2021 ; au 01 23 45 67 89.",
     f"En 1972 120 élèves{NNBSP}; en 2019, 2020 et 2021{NNBSP}; au 01 23 45 67 89."),
])
def test_french(text: str, expected: str) -> None:
    assert typeset(text, "fr") == expected
    assert typeset(expected, "fr") == expected, "typesetting twice changes nothing"


@pytest.mark.parametrize(("text", "expected"), [
    ("It's \"great\" ; really ?", "It’s “great”; really?"),
    ("The teams' plan: \"x\" and \"y\".Then it shipped.", "The teams’ plan: “x” and “y”. Then it shipped."),
    ("\"Quoted\" at the start", "“Quoted” at the start"),
    ("We cut 30% of the energy bill.", "We cut 30% of the energy bill."),
])
def test_english(text: str, expected: str) -> None:
    assert typeset(text, "en") == expected
    assert typeset(expected, "en-GB") == expected


def test_other_languages_get_only_the_repairs() -> None:
    assert typeset("Sie sagt \"ja\" am Ende.Dann...", "de") == "Sie sagt \"ja\" am Ende. Dann…"


def test_french_spacing_alone_leaves_urls() -> None:
    assert french_spacing("https://ex.org/a?b=1") == "https://ex.org/a?b=1"


def _site(source: str, lang: str) -> str:
    return markdown.markdown(source, extensions=["toc", TypographyExtension(lambda: lang)])


def test_the_site_extension_typesets_text_but_never_code() -> None:
    html = _site("## L'essentiel ?\n\nElle dit \"oui\" à *100%*. Le code `a = 'b' ; c ?` reste.\n\n"
                 "    x = \"y\" ; z ?\n\n\"Début\" de paragraphe.", "fr")
    assert f"L’essentiel{NNBSP}?" in html
    assert f"«{NBSP}oui{NBSP}»" in html and f"100{NNBSP}%" in html
    assert "<code>a = 'b' ; c ?</code>" in html and "x = \"y\" ; z ?" in html
    assert f"<p>«{NBSP}Début{NBSP}» de paragraphe.</p>" in html


def test_the_site_extension_quotes_across_inline_markup_and_leaves_unknown_languages() -> None:
    assert "<p>“<em>Sobriety</em>” is a method.</p>" in _site("\"*Sobriety*\" is a method.", "en")
    assert _site("Sie sagt \"ja\".", "de") == "<p>Sie sagt \"ja\".</p>"
    assert _site("L'été", "") == "<p>L'été</p>", "no language: left alone"
