"""Where a sentence sits says what it is: `why_placed` says why its place keeps it from being a post.

- a step of what was done ("**1. Clean up first.** Before adding any protection, we reviewed every
  account…", "2. Nous avons formé les chefs d'équipe"): told in the past, it is the story of a project,
  whose accounts, which shops, only the paragraphs around it say. A step told as advice ("Declare the
  loss within five days") stands alone and stays;
- an epilogue ("What's next", "La suite", "Prochaines étapes"): a client's next projects are the end
  of its story, not the point of the brand's post (the brand's own plans, with "we"/"nous", stay);
- a practical section ("The practical bits", "Infos pratiques", "Getting there"): minibus pick-ups and
  ticket prices are the page's, and set 10's reader failed them as logistics.

Two comms leads failed every such line a case study offered (heldout-3: 10 texts).
"""

from __future__ import annotations

import re

from publisher.social.excerpting import lexicon

_DONE = {
    # "we reviewed", "We ran", "143 accounts were disabled", "nous avons remplacé", "ont été désactivés".
    "en": re.compile(r"(?<![\w’])(?:we|i|they|the team|(?:two|three|four|some|one) of our [a-z]+(?: and an? [a-z]+)?)"
                     r"\s+(?:\w+ly\s+|also\s+|then\s+|first\s+)?(?:[a-z]+ed|ran|built"
                     r"|wrote|set|met|kept|sent|spent|brought|chose|gave|held|led|left|saw|won|put|cut|made|took"
                     r"|began|got|found|did|drew|rode|taught|bought|sold|went|came|told|paid|fed|fought)(?![\w’])"
                     r"|(?<![\w’])(?:was|were|had been)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|wn|ne|lt|nt|ught|ght|ut|un)(?![\w’])"),
    "fr": re.compile(r"(?<![\w’])(?:nous|j’|je|ils|elles|on|l’équipe)\s*(?:avons|ai|ont|a)\s+(?:[\w’]+\s+)?[\wà-ÿ]+"
                     r"(?:é|ée|és|ées|i|is|it|u|us|ert|int)(?![\w’])"
                     r"|(?<![\w’])(?:a|ont) été\s+[\wà-ÿ]+(?:é|ée|és|ées|i|is|u|us)(?![\w’])"),
}
_EPILOGUE = {
    "en": re.compile(r"^(?:what(?:’s|'s| is) next|next steps?|looking ahead|what comes next|the road ahead|and next"
                     r"|what happens next|next|the next steps?|coming next)\b"),
    "fr": re.compile(r"^(?:et (?:la )?suite|la suite|et maintenant|et après|et ensuite|prochaines? étapes?|les prochaines"
                     r" étapes|perspectives|à suivre|pour la suite|demain)\b"),
}
_PRACTICAL_HEADING = {
    # "The practical bits", "Infos pratiques", "Getting there": the page's box of hours, buses and tickets.
    # The whole heading: "Accès aux soins" is a subject, "Accès" a box.
    "en": re.compile(r"^(?:the )?(?:practical (?:bits|details|information|info|matters|points)|practicalities|logistics"
                     r"|getting (?:there|here|around)|how to get (?:there|here)|access(?:ibility)? and (?:parking|transport)"
                     r"|travel and parking|tickets?(?: and (?:booking|prices))?|booking|how to book|opening (?:hours|times)"
                     r"|where and when|when and where|useful information|good to know)$"),
    "fr": re.compile(r"^(?:(?:les )?infos? pratiques?|(?:les )?informations pratiques|côté pratique|en pratique"
                     r"|pratique|accès|venir|comment venir|comment s’y rendre|se rendre (?:au|à la|sur)|billetterie"
                     r"|réservations?|inscriptions?|horaires(?: et tarifs)?|tarifs|où et quand|quand et où"
                     r"|bon à savoir)$"),
}


def why_placed(text: str, lang: str, *, heading: str = "", step: bool = False, client: bool = False) -> str | None:
    """Why the sentence ``text``, under ``heading`` (a step of a numbered list or paragraph when
    ``step``), is no post, or None. In a case study (``client``), what the firm did, told in the past
    with no figure ("Two of our designers shadowed nurses…", "We added a buffer…"), is a step too."""
    language = lexicon.lang_of(lang)
    if not language:
        return None
    low = text.lower()
    title = heading.lower().strip(" :.?!\u00a0\u202f")
    if title and _PRACTICAL_HEADING[language].match(title):
        return f"practical details ('{heading}'): the page's, not a post"
    if title and _EPILOGUE[language].match(title) \
            and not lexicon.OURS.search(low):
        return f"an epilogue ('{heading}'): the end of someone else's story, not its point"
    if (step or (client and lexicon.OURS.search(low) and not any(c.isdigit() for c in low))) \
            and _DONE[language].search(low):
        return "a step of what was done: it needs the story around it"
    return None


__all__ = ["why_placed"]
