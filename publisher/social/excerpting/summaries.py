"""An author's summary as a post: whether it stands alone in a feed (`leans`), the promise it may end on
cut (`without_teaser`), and whether a summary the loader took from the body passes the body's rules
(`refused`). Under its title on the page a summary leads the reader in; in a post whose link is only the
card (Bluesky), it has to say something itself.
"""

from __future__ import annotations

import re

from publisher.content import text as textlib
from publisher.content.typography import typeset
from publisher.social.excerpting import background, bound, clauses, lexicon, standalone


def leans(summary: str, lang: str) -> str | None:
    """Why the author's summary does not stand alone in a feed, or None: it takes its reader to know
    something ("la fameuse panne de Charensat", set 36) or opens on the title it was written under ("Elle
    cultive 22 hectares…", "He started picking litter…", "C’est la question qu’on nous pose…": sets 38-39,
    where the name or the question came only in the title line below it)."""
    found = _TITLE_SUBJECT.match(summary.lstrip().lower().replace("'", "’"))
    told = textlib.sentences(summary)
    if len(told) == 1 and colon_teaser(told[0], lang) == "":  # nothing left once the promise is cut
        return "a heading and a promise of what the page holds ('…: ce qui a coincé, ce qui a marché')"
    return standalone.presumes_known(summary, lang) or (
        f"opens on '{found.group().strip()}': the title it was written under says who or what" if found else None) or \
        standalone.fronted_pronoun(summary, lang)  # "Depuis 2021, elle pilote…"


_TITLE_SUBJECT = re.compile(r"(?:he|she|they|il|elle|ils|elles|c’est|ce sont|this is|that’s|that is)(?![\w’])")
"""Subjects the title gave ("Elle cultive…", "He started…", "C’est la question…"), not "This report sets out…"."""


def without_teaser(summary: str, lang: str) -> str:
    """``summary`` without the sentences at its end that promise what the page gives ("What we found, and
    how to explore it.", "La réponse : ça dépend, et voici de quoi."): under the title on the page they
    lead the reader in; in a post whose link is only the card (Bluesky) they tease nothing (sets 37-40 and
    the sample lost six texts to them). A summary of one sentence stays as it is: with its link it reads as
    a headline."""
    told = textlib.sentences(summary)
    kept = list(told)
    while len(kept) > 1 and background.teases(kept[-1], lang):
        kept.pop()
    head = colon_teaser(kept[-1], lang) if kept else None
    if head is None:
        return summary if len(kept) == len(told) else " ".join(kept)
    if head:
        kept[-1] = head
    elif len(kept) > 1:
        kept.pop()
    else:
        return ""  # nothing but a heading and its promise left: no summary to post
    return " ".join(kept)


def colon_teaser(sentence: str, lang: str) -> str | None:
    """``sentence`` cut before a colon that opens a promise ("…une école de voile : ce qui a coincé, ce qui
    a marché, et cinq règles pour les ports…", set 50), ending on a full stop; "" when what comes before
    the colon says nothing by itself (no verb); None when no promise follows a colon."""
    head, colon, tail = sentence.rpartition(":")
    if not colon or not head.strip() or not background.teases(tail.strip(" \u00a0\u202f"), lang):
        return None
    head = head.rstrip(" \u00a0\u202f")
    language = lexicon.lang_of(lang)
    # sentence=False: a first word is no imperative here ("Five seasons in a shared harbour")
    return head + "." if language and clauses.has_verb(head, language, sentence=False) else ""


def refused(summary: str, lang: str) -> bool:
    """A summary the loader took from the body's first paragraph passes the body's rules (and was not
    cut short with an ellipsis)."""
    sentences = textlib.sentences(typeset(summary, lang))
    return summary.endswith("…") or any(standalone.why_not(s, lang) for s in sentences) or bool(
        sentences and bound.why_bound(sentences[0], lang))  # "Every weekday morning at 7.45, …": a scene


__all__ = ["colon_teaser", "leans", "refused", "without_teaser"]
