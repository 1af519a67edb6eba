"""Candidate posts drawn from a piece, each with where it came from.

In order of preference: the author's hand-written posts (per network), each pull quote (with who
said it), each takeaway, the summary, then, for a piece with no hand-written posts, quotes or
takeaways, what its body offers (excerpting/): reported speech whose speaker is named, as a quote
with its attribution, and the sentences and list items that stand alone and say what the piece is
about, best first, above a quality bar; the title last. Texts are taken whole: a sentence is never
cut, and a candidate too long for a network is dropped there (render.py says why), never shortened.

Sentences tied to a moment (excerpting/dated.py) are left out unless the piece opts in with
``evergreen: true``: relative ones ("aujourd'hui", "this week") always, calendar dates when the piece
is recycled as evergreen.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from publisher.content import text as textlib
from publisher.content.model import Piece
from publisher.content.typography import typeset
from publisher.performance import fast_constructor
from publisher.posts.model import Excerpt
from publisher.social import headlines
from publisher.social.excerpting import (
    background,
    bound,
    continuing,
    dated,
    lexicon,
    misquotes,
    placing,
    questions,
    referents,
    signatures,
    standalone,
    summaries,
)
from publisher.social.excerpting.body import BODY_QUOTES, BODY_SENTENCES, body_candidates
from publisher.social.excerpting.signatures import (
    guest_name,
    guest_placed,
    quote_refused,
    quote_signed,
    unplaced_name,
    with_role,
)
from publisher.social.titles import (
    UNSAID,
    card_words,
    given,
    guest_in_title,
    letters,
    misquoted_by_title,
    normalized,
    placed_title,
    title_person,
    unmarked,
    unquoted,
)

SENTENCE_MIN, SENTENCE_MAX = standalone.SENTENCE_MIN, standalone.SENTENCE_MAX
BODY_FILL = 0
"""A body-only piece offers sentences lifted from its body in the brand's voice only until it has this
many texts, its title counted: 0, never. Its summary, title and named quotes are its posts, and when they
are too few the plan says so and plans fewer (`publisher doctor`: "add takeaways or quotes"). Until set 20
it was 4 (a last resort): on the four unseen sets 17-20 a reader published 16 of 52 lifted sentences
unchanged (31 %) against 73 % of every other text, even after the finding bar (body.FACTS_ONLY), which
passed 19 of 23 on the texts it was made from and 44 % on the next unseen sets. The packing-list line, the
refund terms, the "Le plafond d’épargne passe…" of a benefit nobody named: a sentence picked from a body
needs the page around it far more often than anything an author or a speaker chose to say alone."""
_TURN = {
    # The paragraph after the opening turns it round: "…tout se passe bien. / Mais quand un sinistre…".
    "fr": re.compile(r"^(?:mais|pourtant|or|sauf que|seulement|cependant|toutefois|hélas|jusqu’au jour où)\b"),
    "en": re.compile(r"^(?:but|however|yet|except|still|then one day|the trouble is|the problem is)\b"),
}
UNPLACED = "a quote from the body whose speaker the piece gives no role"
"""Reported speech is posted only when the post can say who speaks: the piece introduced them with a
role ("Olivier Mazeau, directeur général de Traverse"), or they are its guest or narrator with one.
Three unseen readings failed quotes signed with a bare name (15 texts on set 5, 2 on set 9): a reader
cannot place "— Mathieu Vergnes". An author's own front-matter quote keeps the name they gave."""
_new_excerpt = fast_constructor(Excerpt)  # a plan draws 70,000 excerpts


def excerpt_id(piece_key: str, text: str, network: str | None = None) -> str:
    """Stable id of a candidate: the same text in the same piece always gets the same id, whatever
    else changes in the piece (hand-written posts also carry their network)."""
    return _hashed(piece_key, normalized(text), network)


def _hashed(piece_key: str, text: str, network: str | None) -> str:
    raw = f"{piece_key}\x1f{network or ''}\x1f{text}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10]


def _paragraphs(text: str) -> str:
    """A hand-written post as its author laid it out: its paragraphs and line breaks kept, each line tidied. Set 21
    and 22's readers both noticed an author's three paragraphs run together into one block."""
    out = []
    for block in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n")):
        lines = [line for line in (normalized(line) for line in block.split("\n")) if line]
        if lines:  # a line break YAML kept (a folded block's paragraph, a quoted "\n") is the author's too
            out.append("\n".join(lines))
    return "\n\n".join(out)


_FRONT_MATTER = frozenset({"summary", "takeaway", "title"})


def excerpts_for(piece: Piece) -> list[Excerpt]:
    """Every candidate post of ``piece``, most preferred first, without duplicate texts."""
    out: list[Excerpt] = []
    seen: set[tuple[str | None, str]] = set()
    key, lang = piece.key, piece.lang
    moments = _allowed_moments(piece)

    def add(kind: str, text: str, *, attribution: str = "", network: str | None = None, question: str = "",
            asked: str | None = None) -> None:
        raw, text = text, normalized(text)
        if kind in _FRONT_MATTER:
            text = unmarked(text)  # "premiered Maëlle Tanguy’s *Cale sèche*" (set 182): the page shows italics
        folded = text.lower()
        if not text or (network, folded) in seen:
            return
        moment = dated.moment_in(text, lang) if network is None else None
        if asked is not None and moment is None:
            moment = asked  # "What has changed for you over the past two years?" above the answer: not recycled
        if moment not in moments and moment != dated.SINCE and not (kind == "title" and moment == dated.DATE):
            return  # "Aujourd'hui…" a month later, "Le 12 novembre…" in January. A title that names its date
            # makes its piece an announcement, never recycled (planner.plan.announces), and rides on every
            # post of the piece as its title line: posted alone, it is no staler (set 47's festive guide)
        seen.add((network, folded))
        shown = _paragraphs(raw) if kind == "hand-written" and "\n" in raw.strip() else text  # its id: as before
        out.append(_new_excerpt(_hashed(key, text, network), key, kind, shown, lang, attribution, network, question,
                                moment != dated.SINCE or dated.SINCE in moments))  # "depuis un an": not recycled

    for network, posts in piece.social.items():
        for post in posts:
            add("hand-written", post, network=network)
    for quote in piece.quotes:  # "— Sandrine Boisseau, présidente": who is speaking, not only a name
        signed = quote_signed(quote, piece)
        words = misquotes.as_said(unquoted(quote.text), piece.body) if signed is not None else None
        if words and not unplaced_name(words, piece, signed or "") and not signatures.unsaid_by_speaker(quote, piece):
            # "…and Lowri does the ringing"; words the body never gives the speaker it names
            add("quote", words, attribution=signed)  # as the body has them said: a reader checks
    for takeaway in piece.takeaways:
        if not takeaway_refused(takeaway, piece):
            add("takeaway", takeaway)  # "All six farms will keep…", "Son amplitude…": the next bullet, not a post
    if not (piece.social or piece.quotes or piece.takeaways):
        derived = piece.summary and piece.summary == _first_paragraph(piece.body)
        offered = not ((derived and (summaries.refused(piece.summary, lang) or _turned(piece.summary, piece.body, lang)))
                       or summaries.leans(piece.summary, lang) or unplaced_thing(piece.summary, piece)
                       or summary_repeats_title(piece))
        if offered:
            add("summary", summaries.without_teaser(piece.summary, lang))
        guest = guest_name(piece) or title_person(piece)
        summary = typeset(normalized(piece.summary), lang) if offered else ""
        client = "case_study" if piece.type == "case_study" else ""  # a client's story: results must say whose
        titled = not standalone.in_first_person(piece.title, lang)
        # Whose "I" a body told in the first person is: its author's in a column or a white paper, never in
        # an interview (the answers' "I" is the guest's; set 59 signed a vet's answers with the writer's
        # name) nor in an event report (its lines are moments of the day: set 59's "Bundles of ten… Ever."
        # signed by the secretary). Readers of sets 51-61 published 0 of 11 and 3 of 11 such lines.
        narrator = "" if piece.type in _NOT_THE_AUTHORS_WORDS else piece.byline
        for kind, text, attribution in body_candidates(piece.body, lang, f"{piece.title}\n{piece.summary}", guest,
                                                         narrator, client):
            if kind == "sentence" and len(out) + titled >= BODY_FILL:
                continue  # enough of the author's words and named quotes: no sentence lifted from the body
            signed = with_role(attribution, piece) if attribution else ""
            if kind == "quote" and (", " not in signed or not _placed_speaker(signed, piece)):
                continue  # UNPLACED: "— Mathieu Vergnes", and nobody knows who he is; "— Yannick Le Dû, le chauffeur":
                # whose? (signatures.role_places)
            if text not in summary:  # a summary taken from the first paragraph says it already
                asked = questions.asked_before(piece.body, text, lang) if guest and kind == "quote" and \
                    signed.startswith(guest) else ""  # "What about adults who are frightened…?" above her answer
                when = dated.moment_in(asked, lang) if asked else None
                if when not in moments and when != dated.SINCE:
                    continue  # "What have you changed this winter?": the question dates the post
                add(kind, text, attribution=signed, question=asked, asked=when)
    elif not summaries.leans(piece.summary, lang) and not unplaced_thing(piece.summary, piece) and \
            not summary_repeats_title(piece):
        # "la fameuse panne de Charensat": known to whom? "…a record for the station": which?
        add("summary", summaries.without_teaser(piece.summary, lang))
    said = guest_in_title(piece)
    if said is UNSAID:
        pass  # someone's words in the title that the body never gives them
    elif said:  # "Fiona Hartley: “A machine that runs…”": her words, signed with who she is, unless a quote says them
        words = letters(said[0])
        verbatim = given(said[0], piece)
        if verbatim and not any(e.kind == "quote" and words in letters(e.text) for e in out):
            add("quote", said[0] if said[0][-1:] in ".!?…" else said[0] + ".", attribution=said[1])
        # not verbatim: the title puts words in the guest's mouth that the piece never gives her ("Un chien
        # d’avalanche, c’est dix minutes d’avance" for "Quand une victime n’a pas de détecteur, le chien, c’est
        # dix minutes d’avance…", set 30): neither her signed quote nor the bare title is posted
        speaker = said[1].partition(", ")[0]
        said_again = [e for e in out if e.kind == "quote" and words in letters(e.text) and e.attribution.startswith(
            speaker) and (len(letters(e.text)) <= 2.5 * len(words) or words in map(letters, _SENTENCE.split(e.text)))]
        # hers, and little more than the title, or the title's words a whole sentence of it: the card under it says
        # them again (sets 135, 136, 139 failed "Nobody over seventy wants to be talked down to at breakfast. They
        # want company…" over the card that quotes its first sentence)
        if said_again and len(out) > len(said_again):
            out = [e for e in out if e not in said_again]  # the card's headline says it, and the line under the
            # others: « Un accordéon, ça ne meurt pas… » — Odile Varenne over a card that quotes her the same
            # (sets 117, 118, 121, 122 failed it as repetition); kept when it is all the piece has
    elif not standalone.in_first_person(piece.title, lang) and not background.announces_only(piece.title, lang) \
            and not misquoted_by_title(piece):  # a quote nobody in the piece says (sets 126, 127)
        add("title", guest_placed(piece.title, piece))  # "Une nuit au Centre 15 : j’ai suivi…" is a narrator's
    return out


def _placed_speaker(signed: str, piece: Piece) -> bool:
    """Does the signature of a quote from the body say where its speaker works? The guest and the brand's own people
    are placed by the piece (its `guest:`, authors.yml); anyone else by a name in the role the body gives them."""
    name, _, role = signed.partition(", ")
    guest = piece.guest
    if (guest and name in (guest.name, guest_name(piece))) or name in piece.team:
        return True
    return signatures.role_places(role)


_NOT_THE_AUTHORS_WORDS = frozenset({"interview", "event_report"})
"""Piece types whose first-person body is no quote of their author (sets 51-61: 0 of 11 interviews', 3 of 11
event reports' such lines were published unchanged; articles' 15 of 27, white papers' 9 of 12)."""



_SENTENCE = re.compile(r"(?<=[.!?…])[\s\u00a0\u202f]+")


def takeaway_refused(takeaway: str, piece: Piece) -> str | None:
    """Why a takeaway the author wrote is not posted, or None: it reads as the next bullet of a list
    ("All six farms will keep…", "Son amplitude…"), or, in a case study, gives a figure without saying
    whose ("Invoices more than 60 days overdue dropped from £38,400 to £4,100."). `publisher doctor`
    says which and how to fix it: the tool never rewrites an author's words."""
    lang = piece.lang
    language = lexicon.lang_of(lang)
    if not language:
        return None
    start = takeaway.lower().lstrip("«“\" ").replace("'", "’")  # the rules read typeset apostrophes
    why = continuing.why_continues(start, language) or standalone.opens_back(takeaway, lang) or \
        standalone.presumes_known(takeaway, lang) or _leads_a_list(start, language) or \
        standalone.thanks(takeaway, lang)
    why = why or continuing.names_the_one_before(takeaway.replace("'", "’"), piece.takeaways, language,
                                                 itself=takeaway)
    if not why and piece.type == "case_study" and bound.ownerless_figure(takeaway, lang):
        why = "a figure that does not say whose it is"
    return why or referents.someone_unnamed(takeaway, lang, signatures.names_in_body(piece.body)) or \
        unplaced_name(takeaway, piece) or unplaced_thing(takeaway, piece) or _headline_figure(takeaway, piece)


def _headline_figure(takeaway: str, piece: Piece) -> str | None:
    """A takeaway that gives the headline's figure without the headline's names ("In its first year the kitchen
    cooked 4,380 meals…" over "One year of the Fourth Trimester Kitchen: 4,380 meals…"): under its headline it says
    the figure twice (sets 137 and 140 failed it as repetition), and without it, not whose."""
    counted = headlines.title_counts(piece.title)
    if not counted or not headlines.might_share(counted, takeaway):
        return None  # the plain title's counts first, the cheap answer: the placed title only adds a role
    given = headlines.figures(takeaway) | headlines.spelled(takeaway)  # "nearly 11 hours" under "Eleven hours"
    if not headlines.shared_count(counted, given):
        return None
    headline = headlines.headline_of(placed_title(piece))
    if not headlines.shared_count(headline.counts, given) or headline.said_by("takeaway", takeaway):
        return None  # none, or it names what the headline does: it goes with "Read more:"
    return "it repeats the headline's count without saying whose"


def summary_repeats_title(piece: Piece) -> bool:
    """The summary gives the title's count and not the title's names: over its headline it says the count twice,
    alone it does not say whose (headlines.Headline.repeated_by): no post; the title is one."""
    summary = piece.summary
    return bool(summary) and headlines.might_share(headlines.title_counts(piece.title), summary) and \
        headlines.headline_of(piece.title).repeated_by(summary)


def summary_held_back(piece: Piece) -> str | None:
    """Why the summary is not posted by this session's rules (for `publisher doctor`), or None."""
    if not piece.summary:
        return None
    if summary_repeats_title(piece):
        return "it gives the headline's count without the headline's names"
    return unplaced_thing(piece.summary, piece)


def unplaced_thing(text: str, piece: Piece) -> str | None:
    """Why ``text`` (a takeaway, the summary) is no post even over its headline: it says "the rink", « l’atelier »
    and neither it nor the headline says which (excerpting/placing.py; sets 135-140 failed 18 such texts)."""
    if not placing.unplaced(text, piece.lang):
        return None  # the cheap answer first: most texts name no such noun
    return placing.unplaced(text, piece.lang, placed_title(piece))


_THESE = {
    # "Nids signalés dans ces communes : −41 %" (set 37): the communes of the takeaway before.
    "fr": re.compile(r"(?<![\w’])ces\s+(?!(?:[\w-]+\s+)?(?:dernières|derniers|prochaines|prochains)\b|jours-ci\b)"
                     r"[a-zà-ÿ]"),
    "en": re.compile(r"(?<![\w’])(?<!of )(?:these|those)\s+(?!(?:days|who|whose|which|that|with|living|aged|in|on|over"
                     r"|under|past|last|few)\b)[a-z]"),
}


def _leads_a_list(start: str, language: str) -> str | None:
    """A takeaway that ends on a colon ("Three sources explain most of the change:", set 38) or names "these"
    things of the takeaway before."""
    if start.rstrip().endswith(":"):
        return "it announces a list that is not in the post"
    found = _THESE[language].search(start)
    return f"'{found.group()[:-1].strip()}' points at the takeaway before" if found else None


def held_back(piece: Piece) -> list[tuple[str, str]]:
    """(takeaway, why) for each takeaway of ``piece`` that is not posted."""
    return [(t, why) for t in piece.takeaways if (why := takeaway_refused(t, piece))]


@lru_cache(maxsize=4096)
def _first_paragraph(body: str) -> str:
    """What the loader takes as a summary when the front matter has none (cached: it reads the body)."""
    return textlib.first_paragraph(body)


@lru_cache(maxsize=4096)
def _turned(summary: str, body: str, lang: str) -> bool:
    """The opening the loader took as a summary is only the set-up: what comes right after it (the rest
    of a paragraph it cut short, or the next one) turns it round ("Mais quand un sinistre survient…",
    "But…"), so the summary stops before the point."""
    language = lexicon.lang_of(lang)
    paragraphs = textlib.paragraphs(body)[:2]
    if not language or not paragraphs:
        return False
    first = paragraphs[0]
    rest = first[len(summary):] if first.startswith(summary) and len(first) > len(summary) else (
        paragraphs[1] if len(paragraphs) > 1 else "")
    return bool(_TURN[language].match(typeset(rest.strip(), lang).lower().lstrip("«“\" ")))


def _allowed_moments(piece: Piece) -> tuple[str | None, ...]:
    if piece.evergreen:  # opted in: its "today" is timeless
        return (None, dated.RELATIVE, dated.DATE, dated.SINCE)
    if piece.evergreen is False:  # never recycled: dates read as news at launch and follow-ups
        return (None, dated.DATE)
    return (None,)


__all__ = [
    "BODY_FILL",
    "BODY_QUOTES",
    "BODY_SENTENCES",
    "body_candidates",
    "card_words",
    "excerpt_id",
    "excerpts_for",
    "guest_in_title",
    "held_back",
    "normalized",
    "placed_title",
    "quote_refused",
    "summary_held_back",
    "takeaway_refused",
    "unquoted",
]
