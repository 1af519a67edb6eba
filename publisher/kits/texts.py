"""Ready-to-post kit texts: 3 to 5 per network, in a personal voice, each fitting its network whole.

Candidates come from publisher.social.excerpts (quotes, takeaways, the summary, strong sentences,
the title) and take turns by kind, so a kit mixes a quote, a figure, an idea and the summary rather
than offering five takeaways. Each is said in the speaker's words (voice.py) and counted as the
network counts it (publisher.networks.counting), link included, with room for the longest ambassador
key: a text that fits here fits whoever shares it. A wording too long for a network tries the other
questions, then its short form, then gives way to the next candidate; nothing is ever cut.

Left out: hand-written posts (they speak for the brand) and excerpts that ask a question themselves
(each text ends on exactly one question, ours).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from publisher.content.ambassadors import KEY_MAX
from publisher.content.model import Piece
from publisher.kits import voice
from publisher.kits.links import advocacy_link, personal_link, post_text
from publisher.networks import counting as networks
from publisher.posts.model import Excerpt
from publisher.social.excerpting.referents import why_unreferred
from publisher.social.excerpting.standalone import in_first_person
from publisher.social.excerpts import excerpt_id, excerpts_for
from publisher.social.titles import guest_in_title, normalized

PER_NETWORK = 5
MIN_PER_NETWORK = 3
_FIGURE = re.compile(r"\d")
KEY_ROOM_MIN = 12
"""Room kept for an ambassador key when the ambassadors file has only short ones (or none yet)."""


@dataclass(frozen=True, slots=True)
class KitText:
    """One ready-to-post text for one network."""

    network: str
    kind: str
    """What it is built around: one of voice.KINDS."""
    excerpt_id: str
    body: str
    """The words, without the link."""
    link: str
    """The piece's advocacy link for this network, without utm_content."""
    length: int
    """Length as the network counts body + link, with room for the longest ambassador key."""
    limit: int

    def text(self, ambassador: str | None = None) -> str:
        """The post as copied: the words, then the link (credited to ``ambassador`` when given)."""
        return post_text(self.body, personal_link(self.link, ambassador))


@dataclass(frozen=True, slots=True)
class Candidate:
    """An excerpt with the kind of text it makes, said the way the text says it."""

    kind: str
    excerpt: Excerpt
    words: str
    """The excerpt as the text quotes it: in quotation marks, or as a whole sentence ('' for the title)."""
    who: str = ""
    """Who said it (quotes)."""


def candidates(piece: Piece) -> list[Candidate]:
    """Usable excerpts, taking turns by kind (quote, figure, idea, summary...), the title last."""
    groups: dict[str, list[Candidate]] = {kind: [] for kind in voice.KINDS}
    common: frozenset[str] | None = None
    for excerpt in excerpts_for(piece):
        if excerpt.kind == "hand-written" or "?" in excerpt.text or (
                excerpt.question and why_unreferred(excerpt.text, piece.lang)):
            continue  # a guest's answer that needs the question a brand's post puts above it ("Do it if…")
        if excerpt.kind != "quote" and in_first_person(excerpt.text, piece.lang):
            continue  # the narrator's "ma boss" would become the employee's boss
        if excerpt.kind == "quote":
            kind = voice.QUOTE if excerpt.attribution else voice.QUOTE_ANONYMOUS
            groups[kind].append(Candidate(kind, excerpt, voice.in_quotes(excerpt.text, piece.lang),
                                          excerpt.attribution))
            continue
        if excerpt.kind == "title":
            groups[voice.TITLE].append(Candidate(voice.TITLE, excerpt, ""))
            continue
        if excerpt.kind == "summary":
            kind = voice.SUMMARY
        else:  # takeaways and strong sentences of the body
            kind = voice.FIGURE if _FIGURE.search(excerpt.text) else voice.POINT
        words = voice.sentence(excerpt.text)
        if piece.lang.startswith("fr"):
            common = common_words(piece.body) if common is None else common
            words = after_colon(words, common)
        groups[kind].append(Candidate(kind, excerpt, words))
    if not groups[voice.TITLE] and (guest_in_title(piece) or not in_first_person(piece.title, piece.lang)):
        # An interview titled "Name: « words »" posts those words as the guest's quote rather than its
        # title, and a title that only announces ("Ce que 212 habitants nous ont dit") is no post of its
        # own (social.excerpts); a kit names the piece anyway ("I just read our new interview, …").
        text = normalized(piece.title)
        groups[voice.TITLE].append(Candidate(voice.TITLE, Excerpt(excerpt_id(piece.key, text), piece.key, "title",
                                                                   text, piece.lang), ""))
    order = [voice.QUOTE, voice.FIGURE, voice.POINT, voice.QUOTE_ANONYMOUS, voice.SUMMARY]
    out: list[Candidate] = []
    for turn in range(max((len(groups[k]) for k in order), default=0)):
        out.extend(groups[k][turn] for k in order if turn < len(groups[k]))
    return out + groups[voice.TITLE]


_WORD = re.compile(r"[^\W\d_]+")


def common_words(body: str) -> frozenset[str]:
    """Words the piece writes in lowercase somewhere: not names, not acronyms."""
    return frozenset(w for w in _WORD.findall(body) if w.islower())


def after_colon(text: str, common: frozenset[str]) -> str:
    """French puts no capital after « : »: 'Dans la plupart...' becomes 'dans la plupart...', but
    'Clairval...' or 'ETI...' stay, since the piece never writes them in lowercase."""
    first = _WORD.match(text)
    word = first.group() if first else ""
    acronym = len(word) > 1 and word.isupper()
    if word[:1].isupper() and not acronym and word.lower() in common:
        return text[0].lower() + text[1:]
    return text


def key_room(keys: Iterable[str]) -> int:
    """How long an ambassador key the texts leave room for: the longest in the file (at least
    KEY_ROOM_MIN, at most KEY_MAX). kit.js treats a longer ?a= as no key, so no text ever overflows."""
    return min(KEY_MAX, max([KEY_ROOM_MIN, *(len(k) for k in keys)]))


def network_texts(piece: Piece, network: str, *, url: str, campaign: str, colleagues: Iterable[str] = (),
                  limit: int | None = None, count: int = PER_NETWORK, room: int = KEY_MAX,
                  pool: Sequence[Candidate] | None = None) -> list[KitText]:
    """Up to ``count`` texts for ``network``, each fitting its limit whole with a key of ``room`` characters."""
    speaks = voice.voice_for(piece.lang)
    thing = speaks.things.get(piece.type, speaks.thing_default)
    colleagues = set(colleagues)
    limit = limit or networks.limit_for(network)
    link = advocacy_link(url, network=network, campaign=campaign)
    counted = _Counted(network, personal_link(link, "k" * room))
    out: list[KitText] = []
    used: dict[str, int] = {}
    offset = sum(map(ord, network))  # networks start on different questions
    pool = candidates(piece) if pool is None else pool
    titles = [c for c in pool if c.kind == voice.TITLE][:1]
    # The title's other wordings top up a kit that has too little else to say.
    for candidate in [*pool, *titles * (len(speaks.wordings[voice.TITLE]) - 1)]:
        if len(out) >= count or (candidate.kind == voice.TITLE and len(out) >= MIN_PER_NETWORK
                                 and used.get(voice.TITLE)):
            continue
        who = candidate.who
        name = who.split(", ", 1)[0]  # "Thomas Bérard, Co-founder and CTO": a colleague is named, not titled
        if name and name in colleagues:
            who = speaks.colleague.format(name=name)
        wordings = speaks.wordings[candidate.kind]
        chosen = wordings[used.get(candidate.kind, 0) % len(wordings)]
        first = len(out) + offset
        questions = [speaks.questions[(first + i) % len(speaks.questions)] for i in range(len(speaks.questions))]
        fitted = _first_fit(piece, network, limit, counted, (chosen.long, chosen.short), questions,
                            thing=thing, text=candidate.words, who=who)
        if fitted is not None:
            body, length = fitted
            out.append(KitText(network, candidate.kind, candidate.excerpt.id, body, link, length, limit))
            used[candidate.kind] = used.get(candidate.kind, 0) + 1
    return out


@dataclass(frozen=True, slots=True)
class _Counted:
    """The link every text of a network ends with, counted once (with a stand-in key)."""

    network: str
    link: str

    def length(self, body: str) -> int:
        """How the network counts ``body`` + blank line + link. A plain body adds up with the link
        exactly (networks.measure_post), so most texts cost one pass over the body and no cache
        entry; anything else goes to the network's library."""
        network, link = self.network, self.link
        if network == "linkedin":
            return len(body) + 2 + len(link)
        tail = networks.quick_length(network, link)
        plain = networks.plain_lengths(body) if tail is not None else None
        rule = networks.rule(network)
        if plain is not None and rule in plain:
            return plain[rule] + 2 + tail  # type: ignore[operator]
        return networks.measure(network, post_text(body, link))


def _first_fit(piece: Piece, network: str, limit: int, counted: _Counted, forms: Sequence[str],
               questions: Sequence[str], *, thing: str, text: str, who: str) -> tuple[str, int] | None:
    """The first (body, length) that fits: the long form before the short, the text's own question
    before the others (a shorter question can save a good excerpt on X)."""
    for form in forms:
        for question in questions:
            body = networks.normalize(voice.say(form, lang=piece.lang, thing=thing, title=piece.title, text=text,
                                                who=who, question=question))
            length = counted.length(body)
            if networks.fits(network, length, limit, networks.utf8_size(post_text(body, counted.link))):
                return body, length
    return None


def kit_texts(piece: Piece, *, url: str, campaign: str, networks_shown: Sequence[str],
              colleagues: Iterable[str] = (), count: int = PER_NETWORK, room: int = KEY_MAX) -> dict[str, list[KitText]]:
    """Texts of every network of a kit: network -> up to ``count`` texts, most varied first."""
    pool = candidates(piece)
    names = set(colleagues)
    return {network: network_texts(piece, network, url=url, campaign=campaign, colleagues=names, count=count,
                                   room=room, pool=pool)
            for network in networks_shown}


__all__ = ["KEY_ROOM_MIN", "MIN_PER_NETWORK", "PER_NETWORK", "Candidate", "KitText", "after_colon", "candidates",
           "common_words", "key_room", "kit_texts", "network_texts"]
