"""The interviewer's question that a guest's words answer, to post above them.

In a Q&A interview the answer leans on its question: "Do it if you like people more than boats." (do
what?), "We see a few every year" (a few what?), "A small-leaved lime on a corner in Radford, planted in
1989." (the answer to "Is there a tree you are fond of?"). Readers of the unseen sets 17 to 20 failed
such quotes 19 times. Posted under their question, they say what they answer:

    What about adults who are really frightened of the water?

    “We see a few every year, and they are often the most rewarding students we have.” — Tamsin Rowe, …

A question is a heading that ends with "?" (``### Is sailing still an expensive hobby?``) or a bold
paragraph that does (``**Pourquoi avoir attendu ?**``), the form units.py reads as a Q&A. It is not used
when it leans on the answer before it ("And the cost?", "Et ensuite ?", "Why that one?") or is too long to
head a post, nor above words taken from later in the answer: "Combien d’instruments passent par vos
mains ?" above "Un jeu de cordes de violoncelle coûte plus cher…" (the third sentence of the answer)
reads as a wrong answer, and set 24's reader failed three such posts. The quote then goes alone, held
to referents.py like any other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from publisher.social.excerpting import lexicon, standalone

QUESTION_MAX = 140
"""The longest question posted above an answer. With the answer, the speaker and the title a post often
no longer fits X (280): it then goes to the networks it fits (render.py says which), never cut."""
QUESTION_WORDS = 4
"""A shorter question ("What changed?", "Why?", "Et après ?") asks about the answer before it."""
_LAST_ONE = re.compile(r"^(?:(?:one|a|and a|my) )?(?:last|final) question[.:!,]?\s*|^(?:une |et une )?dernière question[.:!,]?\s*",
                       re.I)
_BLOCKS = re.compile(r"\n[ \t]*\n")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_BOLD = re.compile(r"^(?:\*\*|__)([^*_\n]+\?)[\s\u00a0\u202f]*(?:\*\*|__)$")
_MARKUP = re.compile(r"[*_`]+|\[([^\]]*)\]\([^)]*\)")
_BACK = {
    # A question that leans on the answer before it: "And the cost?", "Why that one?", "Et ensuite ?".
    "en": re.compile(r"(?<![\w’'])(?:and|so|then|that one|this one|those|these|it|them)(?![\w’'])", re.I),
    "fr": re.compile(r"(?<![\w’'])(?:et|alors|ensuite|donc|celui-là|celle-là|ceux-là|ça|cela|ces|ce|cet|cette)(?![\w’'])",
                     re.I),  # "Pourquoi ce choix ?": which choice?
}


def letters(text: str) -> str:
    """Words only, lower-cased: "Je ne remplace pas le médecin, je…" says what "… médecin. Je…" says (how an
    answer, a title's quote and a body are compared, whatever their punctuation and typography)."""
    return " ".join(re.findall(r"[^\W_]+", text.lower()))


@lru_cache(maxsize=1024)
def _answers(body: str) -> tuple[tuple[str, str], ...]:
    """(question, the letters of its answer) for each answer paragraph of ``body``, in order."""
    out: list[tuple[str, str]] = []
    question = ""
    for block in _BLOCKS.split(body):
        stripped = block.strip()
        if not stripped:
            continue
        heading = _HEADING.match(stripped) if "\n" not in stripped else None
        bold = _BOLD.match(stripped)
        if heading or bold:
            asked = _MARKUP.sub(lambda m: m.group(1) or "", (heading or bold).group(1)).strip()  # type: ignore[union-attr]
            asked = _LAST_ONE.sub("", asked)  # "Last question. What is…?": the question, not the interview's pace
            question = asked if asked.endswith("?") else ""
            continue
        if question:
            out.append((question, letters(_MARKUP.sub(lambda m: m.group(1) or "", stripped))))
            question = ""  # its first paragraph answers it; the next ones go on to other things
    return tuple(out)


def asked_before(body: str, words: str, lang: str) -> str:
    """The question whose answer says ``words`` (a quote as posted), or "" when there is none, or none
    a post can show (it leans on what came before, or it is too long)."""
    if "?" not in body:
        return ""
    said = letters(words)[:80]
    if not said:
        return ""
    for question, answer in _answers(body):
        if answer.startswith(said):  # the answer's opening words: what the question was answered with
            return question if _postable(question, lang) else ""
    return ""


def _postable(question: str, lang: str) -> bool:
    language = lexicon.lang_of(lang)
    if len(question) > QUESTION_MAX or len(re.findall(r"[^\W_]+", question)) < QUESTION_WORDS or not language:
        return False  # words with letters: French sets its "?" apart with a space
    if any(mark in question for mark in "«“\"‘"):
        return False  # 'What does “starting early” mean in practice?': the answer before said it
    return not _BACK[language].search(question) and not standalone.opens_back(question, lang)


__all__ = ["QUESTION_MAX", "QUESTION_WORDS", "asked_before", "letters"]
