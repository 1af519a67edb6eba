"""How a kit text speaks: as the person sharing it, in the piece's language, ending on one question.

    I just read our new white paper, “Sovereign cloud ...”. One figure stood out: Most mid-size
    companies need the strictest level for only 15 to 25 percent of their workloads. What would you add?

Every kind of excerpt has a few wordings, so the texts of one kit do not all start alike; each wording
has a long form (naming the piece's title) and a short one for networks where the title and the link
leave little room. The title alone has three wordings, so even a piece with nothing else to quote
gets three texts. Pure data and string work: texts.py decides which wording fits which network.

French wordings avoid « m'a marqué » and the like (the participle would agree with the speaker, whom
we do not know) and pronouns that would need the piece's gender, so one text suits every ambassador
and every type of piece.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.content.typography import typeset
from publisher.social.render import wording

FIGURE, POINT, QUOTE, QUOTE_ANONYMOUS, SUMMARY, TITLE = "figure", "point", "quote", "quote-anonymous", "summary", "title"
KINDS = (FIGURE, POINT, QUOTE, QUOTE_ANONYMOUS, SUMMARY, TITLE)
"""What a kit text is built around: a number, an idea, someone's words, the summary, or the title alone."""


@dataclass(frozen=True, slots=True)
class Wording:
    """One way to say it. Fields: {thing} {title} {text} {who} {de_who} {question}."""

    long: str
    short: str


@dataclass(frozen=True)
class Voice:
    """The personal voice of one language."""

    things: dict[str, str]
    """Type key -> how the speaker names the piece ('our new white paper')."""
    thing_default: str
    colleague: str
    """How the speaker names a colleague quoted in the piece; {name} is the author's name."""
    wordings: dict[str, tuple[Wording, ...]]
    questions: tuple[str, ...]
    """One of these ends every text: the one question to the reader."""


EN = Voice(
    things={"article": "our new article", "white_paper": "our new white paper", "case_study": "our new case study",
            "interview": "our new interview", "event_report": "our event report"},
    thing_default="our latest piece",
    colleague="my colleague {name}",
    wordings={
        FIGURE: (
            Wording("I just read {thing}, {title}. One figure stood out: {text} {question}",
                    "One figure from {thing} stood out to me: {text} {question}"),
            Wording("Reading {thing}, {title}, I stopped at this number: {text} {question}",
                    "I stopped at this number in {thing}: {text} {question}"),
        ),
        POINT: (
            Wording("I just read {thing}, {title}. The point I keep coming back to: {text} {question}",
                    "The point I keep coming back to from {thing}: {text} {question}"),
            Wording("My main takeaway from {thing}, {title}: {text} {question}",
                    "My main takeaway from {thing}: {text} {question}"),
        ),
        QUOTE: (
            Wording("I keep thinking about what {who} says in {thing}, {title}: {text} {question}",
                    "I keep thinking about what {who} says in {thing}: {text} {question}"),
            Wording("One line from {who} in {thing}, {title}, stays with me: {text} {question}",
                    "One line from {who} stays with me: {text} {question}"),
        ),
        QUOTE_ANONYMOUS: (
            Wording("One line in {thing}, {title}, stays with me: {text} {question}",
                    "One line from {thing} stays with me: {text} {question}"),
        ),
        SUMMARY: (
            Wording("I'm sharing {thing}, {title}, because it is worth your time. In short: {text} {question}",
                    "I'm sharing {thing} because it is worth your time: {text} {question}"),
        ),
        TITLE: (
            Wording("I just read {thing}, {title}, and I would love your view. {question}",
                    "I just read {thing}. {question}"),
            Wording("I recommend {thing}, {title}. {question}", "I recommend {thing}. {question}"),
            Wording("I think {thing}, {title}, is worth your time. {question}",
                    "I think {thing} is worth your time. {question}"),
        ),
    },
    questions=("How is your team handling it?", "Does this match what you see in your company?",
               "Where does your organisation stand on this?", "What would you add?", "Would you agree?"),
)

FR = Voice(
    things={"article": "notre nouvel article", "white_paper": "notre nouveau livre blanc",
            "case_study": "notre nouvelle étude de cas", "interview": "notre nouvel entretien",
            "event_report": "notre compte rendu"},
    thing_default="notre dernière publication",
    colleague="{name}",
    wordings={
        FIGURE: (
            Wording("Je viens de lire {thing}, {title}. Le chiffre que je retiens : {text} {question}",
                    "Le chiffre que je retiens de {thing} : {text} {question}"),
            Wording("En lisant {thing}, {title}, un chiffre retient mon attention : {text} {question}",
                    "Un chiffre de {thing} retient mon attention : {text} {question}"),
        ),
        POINT: (
            Wording("Je viens de lire {thing}, {title}. L’idée que je retiens : {text} {question}",
                    "L’idée que je retiens de {thing} : {text} {question}"),
            Wording("Ce qui me frappe dans {thing}, {title} : {text} {question}",
                    "Ce qui me frappe dans {thing} : {text} {question}"),
        ),
        QUOTE: (
            Wording("Je retiens ce que dit {who} dans {thing}, {title} : {text} {question}",
                    "Je retiens ce que dit {who} dans {thing} : {text} {question}"),
            Wording("Une phrase {de_who} que je garde en tête, dans {thing}, {title} : {text} {question}",
                    "Une phrase {de_who} que je garde en tête : {text} {question}"),
        ),
        QUOTE_ANONYMOUS: (
            Wording("Une phrase de {thing}, {title}, que je garde en tête : {text} {question}",
                    "Une phrase que je garde en tête : {text} {question}"),
        ),
        SUMMARY: (
            Wording("Je partage {thing}, {title} : à lire si le sujet vous concerne. En bref : {text} {question}",
                    "Je partage {thing}, à lire si le sujet vous concerne : {text} {question}"),
        ),
        TITLE: (
            Wording("Je viens de lire {thing}, {title}, et j’aimerais avoir votre avis. {question}",
                    "Je viens de lire {thing}. {question}"),
            Wording("Je vous recommande {thing}, {title}. {question}", "Je vous recommande {thing}. {question}"),
            Wording("Je vous conseille de lire {thing}, {title}. {question}",
                    "Je vous conseille de lire {thing}. {question}"),
        ),
    },
    questions=("Et chez vous, comment abordez-vous le sujet ?",
               "Est-ce que cela correspond à ce que vous voyez dans votre entreprise ?",
               "Où en est votre organisation sur ce point ?", "Qu’ajouteriez-vous ?", "Vous êtes d’accord ?"),
)

VOICES = {"en": EN, "fr": FR}
_ENDS = re.compile(r"[.!…»”\"’)]$")
_ELIDES = re.compile(r"[aeiouyhàâäéèêëîïôöûüAEIOUYHÀÂÄÉÈÊËÎÏÔÖÛÜ]")


def voice_for(lang: str) -> Voice:
    """The voice of ``lang`` (fr-CA speaks French); English for a language we have no voice for."""
    return VOICES.get(lang.split("-", 1)[0].lower(), EN)


def sentence(text: str) -> str:
    """An excerpt as a whole sentence: a final full stop added when the writer left none (never cut)."""
    text = text.strip()
    return text if _ENDS.search(text) else text + "."


_FR_INNER = re.compile(r"«[\s\u00a0\u202f]*|[\s\u00a0\u202f]*»")


def in_quotes(text: str, lang: str) -> str:
    """Words between the quotation marks of their language, as the social posts write them; quotation
    marks already inside become the second-level ones (« … “…” … », “… ‘…’ …”), never « « … » »."""
    marks = wording(lang)
    if lang.startswith("fr"):
        text = _FR_INNER.sub(lambda m: "“" if "«" in m.group() else "”", text)
    else:
        text = text.replace("“", "‘").replace("”", "’")
    return f"{marks['open']}{text}{marks['close']}"


def de(name: str) -> str:
    """French 'de' before a name: « d’Amina », « de Thomas »."""
    return f"d’{name}" if _ELIDES.match(name) else f"de {name}"


def say(form: str, *, lang: str, thing: str, title: str, text: str = "", who: str = "", question: str) -> str:
    """Fill one wording, with its language's typography (content/typography.py)."""
    filled = form.format(thing=thing, title=in_quotes(title, lang), text=text, who=who, de_who=de(who),
                         question=question)
    return typeset(filled, lang)


__all__ = ["EN", "FIGURE", "FR", "KINDS", "POINT", "QUOTE", "QUOTE_ANONYMOUS", "SUMMARY", "TITLE", "VOICES",
           "Voice", "Wording", "de", "in_quotes", "say", "sentence", "voice_for"]
