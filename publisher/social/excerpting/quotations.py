"""Someone's words that run over several sentences, as one quote with its speaker: `quotation` picks the
run of sentences that fits a post and stands alone, `continued` joins the words said after an attribution
(moved out of body.py, which reads a whole body; the rules are the same).
"""

from __future__ import annotations

import re

from publisher.social.excerpting import bound, lexicon, questions, referents, speech, standalone
from publisher.social.excerpting.cut import leans_on_the_cut
from publisher.social.excerpting.units import Unit, split_sentences

QUOTE_MAX = 240
_REOPENED = re.compile(r"[,;][\s\u00a0\u202f]*[”»]\s*((?:[^“”«».!?]|(?<=Mr|Ms|Dr)\.|(?<=Mrs)\.){2,60}?),[\s\u00a0\u202f]*[“«]")
"""A quotation closed for its incise and opened again: “…,” she says, “…”."""
_PRONOUNS = frozenset({"he", "she", "they", "il", "elle", "ils", "elles"})
_TITLES = frozenset({"mr", "mrs", "ms", "dr", "m.", "mme"})


def _incise_speaker(incise: str, language: str) -> str | None:
    """The incise of a reopened quotation: a pronoun and a verb of saying ("she says", "she says with a smile") gives
    "" (the caller resolves it); a verb of saying and a name ("says Dr. Lacaze") the name; anything else None. The
    verbs are the lexicon's (lexicon.SPEECH_VERBS)."""
    words = incise.split()
    verbs = lexicon.SPEECH_VERBS.get(language, frozenset())
    if len(words) >= 2 and words[0].lower() in _PRONOUNS and words[1].lower() in verbs and len(words) <= 6:
        return ""
    if words and words[0].lower() in verbs:
        name = [w for w in words[1:] if w.lower().rstrip(".") not in _TITLES and w.lower() not in _TITLES]
        if 1 <= len(name) <= 3 and all(w[:1].isupper() for w in name):
            return " ".join(name)
    return None
"""The longest quote made of several sentences of someone's words."""


def quotation(group: list[Unit], units: list[Unit], lang: str, before: list[str],
              guest: str, seen: list[str], body: str = "", *, openings: bool = True) -> tuple[str, str] | None:
    """Someone's words that run over several sentences ("…," she said. "First. Second.") or a Q&A
    answer, as (quote, speaker): the longest run of its last sentences that fits a post and stands
    alone, so that a claim keeps its counterweight ("For the right patient… home is safer. For the
    wrong patient, it is not."). None when the speaker cannot be told or nothing stands alone."""
    joined = " ".join(u.text for u in group)
    found = speech.reported(joined, lang, before, guest) if not group[0].answer else None
    if found and found != speech.UNRESOLVED:
        words, speaker = found
    else:
        words = joined.strip()
        speaker = ""
        if not group[0].answer:
            if words[:1] not in "«“" or words[-1:] not in "»”":
                return None  # the quotation starts or ends inside a sentence of the story
            words = words[1:-1].strip()
            reopened = _REOPENED.search(words)
            if reopened:  # "The walnut cake,” she says, “is going in last.": one quote cut by its incise (set 148
                said = _incise_speaker(reopened.group(1).strip(), lexicon.lang_of(lang) or "")  # posted the inner
                if said is None or _REOPENED.search(words, reopened.end()):  # marks and "she says" as hers)
                    return None
                words = f"{words[:reopened.start()]} {words[reopened.end():]}"
                speaker = speech.full_name(said, seen) if said else ""
            else:
                cut = speech.incise(words, lang)  # « Nous savions, explique Ana Lima. Ce que… »: hers, incise out
                if cut:
                    words, speaker = cut
        speaker = speaker or _speaker_of(group, units, lang, before, guest)
    if not speaker:
        return None
    head, _, role = speaker.partition(", ")  # "dit Élodie": the Élodie named in full before
    speaker = f"{speech.full_name(head, seen)}, {role}" if role else speech.full_name(head, seen)
    sentences = split_sentences(words)
    openings = group[0].answer and openings  # an answer's opening words, under its question (body.ANSWER_OPENINGS)
    spans = [(0, end) for end in range(len(sentences), 0, -1)] if openings else [
        (start, len(sentences)) for start in range(len(sentences))]
    for start, end in spans:
        text = " ".join(sentences[start:end])
        if len(text) > QUOTE_MAX:
            continue
        if standalone.why_not(text, lang, item=True, speaker=True) or standalone.dialogue(text, lang) \
                or bound.leans_back(text, lang) or (start and leans_on_the_cut(text, lang)):
            continue  # cut.py: from a later sentence on, its pronouns and "now" lean on the sentences cut
        if openings and not questions.asked_before(body, text, lang):
            return None  # no question a post can show above it
        if referents.why_unreferred(text, lang, seen, speaker) and not (
                group[0].answer and questions.asked_before(body, text, lang)):
            continue  # "Depuis 1998, je les garde tous.": keeps what? (unless under its question)
        return text, speaker
    return None


def continued(quote: str, units: list[Unit], position: int, lang: str) -> tuple[str, int]:
    """“We knew,” says Jane Doe. “What we did not know…”: the words after the attribution, in the same
    paragraph and with no attribution of their own, are the rest of the quote (when it still fits), and
    so are several sentences in one pair of quotation marks (“People think a branch is about
    transactions,” she says. “It’s about trust. You can’t build that…”: without them she seems to say
    the opposite of her point, and alone they say “that” of nothing). Returns the quote and the
    quotation it took in (-1: none)."""
    after = units[position + 1] if position + 1 < len(units) else None
    if after is None or after.paragraph != units[position].paragraph:
        return quote, -1
    run = [u for u in units[position + 1:] if u.quotation == after.quotation] if after.quotation >= 0 else [after]
    text = " ".join(u.text.strip() for u in run)
    if text[:1] not in "«“" or text[-1:] not in "»”" or any(mark in text[1:-1] for mark in "«“»”"):
        return quote, -1
    if speech.incise(text[1:-1].strip(), lang) is not None:
        return quote, -1  # « …, explique Ana Lima. … »: words with their own speaker
    joined = f"{quote} {text[1:-1].strip()}"
    return (joined, after.quotation) if len(joined) <= QUOTE_MAX else (quote, -1)


def _speaker_of(group: list[Unit], units: list[Unit], lang: str, before: list[str], guest: str) -> str:
    """Who says a quotation with no attribution of its own: the person a sentence of its paragraph
    quotes ("…," she said.), else the one person the text can mean (the guest of a Q&A interview)."""
    if group[0].answer:
        return guest or speech.resolve(before, "")
    for unit in units:
        if unit.paragraph == group[0].paragraph and unit.quotation != group[0].quotation:
            found = speech.reported(unit.text, lang, before, guest)
            if found and found != speech.UNRESOLVED:
                return found[1]
    return speech.resolve(before, guest)


__all__ = ["QUOTE_MAX", "continued", "quotation"]
