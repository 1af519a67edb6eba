"""What a piece's title and link card say, and whose words a title quotes: the line under an excerpt
(`placed_title`), the card's words (`card_words`), a guest quoted by the title (`guest_in_title`) and a title
quote the piece never gives its speaker (`misquoted_by_title`). Moved out of excerpts.py, which asks for them
while it draws a piece's candidates; the rules are the same.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from publisher.content.model import Piece
from publisher.content.typography import typeset
from publisher.social.excerpting import (
    lexicon,
    misquotes,
    questions,
    signatures,
    speech,
    standalone,
    summaries,
)
from publisher.social.excerpting.body import body_candidates
from publisher.social.excerpting.signatures import guest_name, guest_placed, role_after_name, with_role

_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # a no-break space the writer typed is meant
_WRAPPING_QUOTES = (("«", "»"), ("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"))
_CARD = "the card"
"""Who "speaks" a first-person piece's sentences when they are read for its card (never shown)."""

def normalized(text: str) -> str:
    """Text as compared and hashed: NFC, whitespace collapsed."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)  # most texts are tidy already: `in` scans at C speed
    return text.strip()


def unquoted(text: str) -> str:
    """A quote's words without the quotation marks a writer may have typed around them."""
    text = normalized(text)
    for left, right in _WRAPPING_QUOTES:
        if len(text) > 2 and text.startswith(left) and text.endswith(right) and text.count(right) == (
                1 if left != right else 2):
            return text[1:-1].strip()
    return text


UNSAID: tuple[str, str] = ("", "")
"""guest_in_title's answer for a title that quotes a person the body introduces, in words the body never gives
them: neither their quote nor the title is posted. Compared by identity; true as a value, as any title quote."""

_NAMED_QUOTE = re.compile(r"^(?P<name>[^:«“\"‘]{3,60}?)[\s\u00a0\u202f]*:[\s\u00a0\u202f]*[«“\"‘'](?P<words>[^«»“”\"]{12,}?)"
                          r"[»”\"’']\.?$")

letters = questions.letters
"""Words only, lower-cased (one definition with the question look-up's)."""


def guest_in_title(piece: Piece) -> tuple[str, str] | None:
    """(words, attribution) when the title is the guest's name and a quote of theirs ("Fiona Hartley:
    “A machine that runs…”", "Yannick Le Goff : « Une sonde… »") and the piece says who they are: posted
    as the title, the name alone signs nothing (set 10's reader failed six such titles)."""
    guest, name = piece.guest, guest_name(piece)
    found = _NAMED_QUOTE.match(piece.title.strip())
    if guest is None and found:  # "Salomé Aubertin: “A pipe tells you…”" with no `guest:` (set 57)
        return _speaker_in_title(piece, found.group("name").strip(), unquoted(found.group("words")))
    if guest is None or not found or not _names_guest(found.group("name").strip(), name) or not (
            guest.role or guest.organization):
        return None
    words = unquoted(found.group("words"))
    for source in (*(q.text for q in piece.quotes), piece.body):  # the quotes the author picked are theirs
        if letters(words) in letters(source):
            break  # said as the title gives it
        said = _as_said(words, source)
        if said != words:
            return said, with_role(name, piece)
    return words, with_role(name, piece)


def _names_guest(named: str, name: str) -> bool:
    """The title's speaker is the guest: "Odile Kervella" or "Odile Kervella, L’Atelier des Lampes" (set 158: the
    organisation after the name hid that the title quoted her, and her quote went out over the card that says it)."""
    return named == name or named.startswith(f"{name}, ")


def title_person(piece: Piece) -> str:
    """An interview without `guest:` is about the person its title names ("Orla Breslin on the night of…",
    "Josiane Carrel-Mignot, trente-quatre ans de clarinette"): its "she" and its answers are hers (sets 59,
    70). Nobody for other pieces, or when the title names no one the body names too."""
    if piece.type != "interview":
        return ""
    return next((name for name in speech.names_in(piece.title) if name in piece.body and not any(
        word.lower() in lexicon.ORGANISATION_WORDS for word in name.split())), "")


def _speaker_in_title(piece: Piece, name: str, words: str) -> tuple[str, str] | None:
    """A title that quotes someone the front matter does not name as its guest: their words, signed with
    the role the body gives them ("Salomé Aubertin, voicer at Atelier Morvan"), when the body says them;
    else UNSAID (the title is no post of its own: its words are only the headline's,
    set 57's reader failed both). None when the body introduces nobody by that name."""
    role = signatures.roles_in(piece.body, piece.lang).get(name, "")
    if not role:
        return None  # "Green Week: “Every small step counts”": nobody the body introduces; the title as it was
    if letters(words) in letters(piece.body):
        return words, f"{name}, {role_after_name(role, piece.lang)}"
    return UNSAID


def _as_said(words: str, body: str) -> str:
    """The title's quote as the body gives it, when the title cut words out of its middle ("Monter un
    théâtre en deux heures, c’est de la chorégraphie" for "…en deux heures dans une salle des fêtes, c’est
    de la chorégraphie"): a quote is the person's words, word for word (set 15's reader failed the
    shortened one). Unchanged when the body has the words as the title gives them, or not at all."""
    said = re.findall(r"[^\W_]+", words)
    if len(said) < 6 or letters(words) in letters(body):
        return words
    head, tail = said[:3], said[-3:]
    pattern = (r"(?<![^\W_])" + r"[\W_]+".join(map(re.escape, head)) + r"[^.!?«»“”\"\n#]{1,160}?"
               + r"[\W_]+".join(map(re.escape, tail)) + r"(?![^\W_])")
    plain = re.sub(r"[*_]{1,2}(?=\w)|(?<=\w)[*_]{1,2}", "", body)  # "*salle des fêtes*": the words, not the markup
    found = re.search(pattern, plain, re.I)
    if not found:
        return words
    text = " ".join(found.group().split())
    return text[:1].upper() + text[1:]


def card_words(piece: Piece) -> tuple[str, str, str]:
    """(title, description, image alt) of the piece's link card, typeset like its posts: a card
    leaves for the networks under the brand's name too. The description is the summary; when the
    loader took it from the body's opening and that opening is no text the brand would post (a
    narrator's "je", a sentence cut short), the best whole sentence the body offers that does not say
    "je", else none."""
    found = _CARDS.get(id(piece))
    if found is not None and found[0] is piece:  # the same piece again: one look-up, no hashing of its texts
        return found[1]
    words = _card_words(piece.title, piece.summary, piece.body if piece.summary_from_body else "", piece.lang,
                        piece.cover_alt)
    if len(_CARDS) >= _CARDS_KEPT:
        _CARDS.clear()
    _CARDS[id(piece)] = (piece, words)
    return words


def placed_title(piece: Piece) -> str:
    """The title as the line under an excerpt shows it: an interview's "Karim Benali : « … »" says who
    he is ("Karim Benali, boulanger de Pains de Garonne : « … »"), as his quotes do; set 16's reader failed
    nine takeaways for the bare name under them. A title quote the piece never gives its speaker word for word is
    left out, and the line says only who they are ("Maëlle Quéré,
    founder at Studio Petit Pas": sets 126 and 127 failed every post under a headline quote nobody said).
    Otherwise the card's title."""
    title = card_words(piece)[0].strip()
    unsaid = misquoted_by_title(piece)
    if unsaid:
        return unsaid
    said = guest_in_title(piece)
    found = _NAMED_QUOTE.match(title) if said else None
    if not said or not found:
        return guest_placed(title, piece)
    name = found.group("name").strip()
    if ", " in name:
        return title  # "Odile Kervella, L’Atelier des Lampes: “…”" says where she works already
    who = said[1] if said is not UNSAID else (
        f"{name}, {role_after_name(signatures.roles_in(piece.body, piece.lang).get(name, ''), piece.lang)}")
    if ", " not in who or not who.partition(", ")[2].strip():
        return guest_placed(title, piece)
    role = signatures.headline_role(typeset(who.partition(", ")[2], piece.lang), piece)  # as typed (set 41)
    if said is UNSAID:
        return guest_placed(title, piece)  # words a front-matter quote gives them: the title as it is
    end = found.end("name")
    return f"{title[:end]}, {role}{title[end:]}"


def misquoted_by_title(piece: Piece) -> str:
    """Who the title quotes, when it quotes them in words the piece never gives them ("Armelle Hamel, Port-Vauquelin
    coastguard station: “The pager doesn’t care that it’s Christmas”", which the interview never has her say):
    "Armelle Hamel, Station Chief at Port-Vauquelin Volunteer Coastguard Station". The title is then no post of its
    own and no line under the others (sets 126 and 127 failed every post that carried such a headline; the card
    still shows it, and `publisher doctor` says so). "" otherwise, and for a slogan that quotes nobody."""
    title = card_words(piece)[0].strip()
    found = _NAMED_QUOTE.match(title)
    if found is None:
        return ""
    words, name = unquoted(found.group("words")), found.group("name").strip()
    guest = guest_name(piece)
    speaker = guest if guest and name.startswith(guest) else next(
        (person for person in signatures.roles_in(piece.body, piece.lang) if name.startswith(person)), "")
    if not speaker or given(words, piece):
        return ""
    signed = with_role(speaker, piece) if speaker == guest else \
        f"{speaker}, {role_after_name(signatures.roles_in(piece.body, piece.lang)[speaker], piece.lang)}"
    if ", " not in signed:
        return name
    return f"{speaker}, {signatures.headline_role(typeset(signed.partition(', ')[2], piece.lang), piece)}"


def given(words: str, piece: Piece) -> bool:
    """Does the piece give ``words`` to its speaker, word for word (across an incise, whatever the typography), in
    a quote of the front matter, the body, the summary or a takeaway?"""
    quoted = (q.text for q in piece.quotes if not signatures.unsaid_by_speaker(q, piece))  # a quote the body
    # never gives its speaker gives the title nothing (set 146: « c’est 40 000 coups » for « c’est environ 40 000 »)
    return any(misquotes.said_in(words, source) for source in (*quoted, piece.body, piece.summary or "",
                                                                *piece.takeaways) if source)


_CARDS: dict[int, tuple[Piece, tuple[str, str, str]]] = {}
"""Card words by piece object: the planner asks for them once for each of a piece's posts."""
_CARDS_KEPT = 65536


_EMPHASIS = re.compile(r"(?<![\w*])(\*\*|\*)(?=\S)([^*\n]+?)(?<=\S)\1(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]*\)")


def unmarked(text: str) -> str:
    """Front-matter text without the Markdown a writer typed in it: *italics*, **bold**, [a link](url) keeps its
    words (set 182 posted "premiered Maëlle Tanguy’s *Cale sèche*"). The page renders them; a post would show them."""
    if "*" not in text and "](" not in text:
        return text
    return _MD_LINK.sub(r"\1", _EMPHASIS.sub(r"\2", text))


@lru_cache(maxsize=65536)  # one entry a piece, read for each of its posts: a plan of 10,000 pieces makes 100,000 cards
def _card_words(title: str, summary: str, body: str, lang: str, alt: str) -> tuple[str, str, str]:
    """``body`` only when the summary was taken from it ("" otherwise: nothing to read)."""
    summary = unmarked(summary) if summary else summary
    description = summary
    if summary and body and summaries.refused(summary, lang):
        # A whole sentence the body offers, in the brand's voice or (a first-person piece) one that
        # does not say "je": the card is the page's blurb, never its narrator's opening cut short.
        offered = body_candidates(body, lang, f"{title}\n{summary}", "", _CARD)
        description = next((text for kind, text, _ in offered if kind == "sentence"), "") or next(
            (text for kind, text, _ in offered if kind == "quote" and not standalone.in_first_person(text, lang)
             and not any(q in text for q in "«»“”")), "")
    return (typeset(normalized(title), lang), typeset(normalized(description), lang) if description else "",
            typeset(normalized(alt), lang) if alt else "")




__all__ = ["UNSAID", "card_words", "given", "guest_in_title", "letters", "misquoted_by_title", "normalized",
           "placed_title", "title_person", "unmarked", "unquoted"]
