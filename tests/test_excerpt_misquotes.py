"""A front-matter quote goes out as the body has its speaker say it (issue 13): readers compare quotes with the
piece word for word and failed reworded, added-to and joined quotes in sets 14, 57, 75, 93, 102, 108 and 116."""

from __future__ import annotations

from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.social.excerpting.misquotes import as_said
from publisher.social.excerpts import excerpts_for, quote_refused

BODY = ("« Une cloche, on ne la soulève pas, explique Paul Riou, chef de chantier, on la convainc. Il faut qu’elle "
        "sorte de l’abat-son sans toucher la pierre. »\n\n"
        "Un instrument neuf met dix ans à trouver sa voix. Le bois se détend, la table d’harmonie vibre, le son "
        "s’ouvre d’année en année. Je livre un clavecin, mais c’est le musicien qui le termine.\n\n"
        "“Most bikes don’t die,” says Aisha Greenwood, who co-founded Freewheel ten years ago and still does most "
        "of our assessments. “They get a flat tyre and then they get forgotten.”\n")


def test_a_quote_the_body_says_even_across_an_incise_goes_out_whole() -> None:
    for quote in ("Une cloche, on ne la soulève pas, on la convainc. Il faut qu’elle sorte de l’abat-son sans "
                  "toucher la pierre.",
                  "Most bikes don’t die. They get a flat tyre and then they get forgotten."):
        assert as_said(quote, BODY) == quote


def test_a_quote_that_joins_passages_or_adds_a_sentence_goes_out_as_far_as_the_body_says_it() -> None:
    # set 116: the sentence between the two was skipped, without an ellipsis
    assert as_said("Un instrument neuf met dix ans à trouver sa voix. Je livre un clavecin, mais c’est le musicien "
                   "qui le termine.", BODY) == "Un instrument neuf met dix ans à trouver sa voix."
    # set 57: the second sentence is only in the front matter
    assert as_said("Une cloche, on ne la soulève pas, on la convainc. Elle chante ensuite.", BODY) == \
        "Une cloche, on ne la soulève pas, on la convainc."


def test_a_reworded_quote_or_one_cut_to_nothing_is_not_posted() -> None:
    assert as_said("Une cloche, ça se convainc. Il faut qu’elle sorte de l’abat-son sans toucher la pierre.",
                   BODY) is None  # its first sentence is not the body's: what follows leans on it
    body = "The forecast suggests, the head baker decides.\n\nWe used to count pillowcases on a Friday night."
    assert as_said("The forecast suggests. I decide on the day.", body) is None  # three words left
    assert as_said("We used to count pillowcases on a Friday night. Now I never think about it.", body) is None


def test_the_authors_own_quote_that_the_body_never_gives_stays() -> None:
    assert as_said("Nous ne demandons rien à personne. Nous demandons des horaires.", BODY) == \
        "Nous ne demandons rien à personne. Nous demandons des horaires."
    assert as_said("Un seul mot : patience.", BODY) == "Un seul mot : patience."


def test_the_plan_posts_the_words_the_body_gives_and_doctor_says_why_one_is_not_posted(project: ProjectDir) -> None:
    project.piece("interviews/clavecins.md",
                  "title: Dix ans pour une voix\ndate: 2026-11-17\nlang: fr\nquotes:\n"
                  "  - text: Un instrument neuf met dix ans à trouver sa voix. Je livre un clavecin, mais c’est le "
                  "musicien qui le termine.\n    by: Aurélie Hennebert, facteur de clavecins\n"
                  "  - text: Un clavecin neuf cherche sa voix dix ans. Je livre un clavecin, mais c’est le musicien qui le "
                  "termine.\n"
                  "    by: Aurélie Hennebert, facteur de clavecins\n", body=BODY)
    piece = load_library(load_settings(project.config_file)).pieces[0]
    quotes = [e.text for e in excerpts_for(piece) if e.kind == "quote"]
    assert quotes == ["Un instrument neuf met dix ans à trouver sa voix."], quotes
    assert quote_refused(piece.quotes[0], piece) is None
    assert "not what the body has its speaker say" in (quote_refused(piece.quotes[1], piece) or "")


def test_a_quote_is_found_across_an_incise_inside_a_sentence_a_link_or_a_number_written_otherwise() -> None:
    # a fresh reviewer's cases
    assert as_said("Most bikes don’t die. They get a flat tyre and then forgotten.",
                   "« Most bikes », says Aisha Greenwood, « don’t die. They get a flat tyre and then forgotten. »") == \
        "Most bikes don’t die. They get a flat tyre and then forgotten."
    body = ("C’est simple : il faut de l’eau. Voilà ce que disent les manuels, mais les jardiniers du quartier savent "
            "que la réalité est bien différente ici. « C’est simple, sourit Marie Dupont. On plante en mars et on "
            "récolte en juin, sans rien arroser. »")
    quote = "C’est simple. On plante en mars et on récolte en juin, sans rien arroser."
    assert as_said(quote, body) == quote  # its first sentence comes earlier in other words too
    assert as_said("Le reste est sur notre site et dans nos carnets. Voilà tout.",
                   "Le reste est sur [notre site](https://jardin.fr/guide) et dans nos carnets. Voilà tout.") == \
        "Le reste est sur notre site et dans nos carnets. Voilà tout."
    assert as_said("Nous avons 1 500 ruches. Et trois salariés.", "Nous avons 1500 ruches. Et trois salariés.") == \
        "Nous avons 1 500 ruches. Et trois salariés."
    # a word the quote leaves out is no incise: "That most kindness is logistics", "And that it still counts"
    assert as_said("Most kindness is logistics. And it still counts as kindness.",
                   "“That most kindness is logistics,” she says. “And that it still counts as kindness.”") is None
