"""What a line lifted from a body names as known ("the switch", "la cave", "the causeway") and its post
does not: `unanchored` lists those words.

A post is the line and the piece's title (render.Fitter.lead), nothing else a reader can count on: the
link card may not show, and the summary is not in the post. A definite phrase ("the medical center
charger", "le questionnaire") refers to something; when neither the title nor the line itself has named
it before, the reader is asked to know the story. Held-out readers failed such lines more than any
other kind ("the switch" when the post never says the route goes electric, "la cave", "the causeway
path", "le camion", "The system", "La plus petite…"). On the texts that the readers of sets 9 to 14
judged, lifted sentences that state a finding (background.states_a_finding) and name nothing
unanchored passed 19 times in 23 (counting those failed only for a hashtag since blocked), the other
lifted sentences 48 times in 129. Quotes are not held to it: someone's words may speak of "the pay" or
"the rain", and on the same texts the quotes it would have dropped passed as often as those it kept.

Words are compared by their first five letters ("squad" / "squads", "réseau" / "réseaux"), which is
enough to tell that a title names what a line points at, not to parse it. Not counted: definites that
point at nothing in particular ("the same", "the rest", "the world", "le temps", "l’eau"), a name ("the
Parkway train", "la Région"), and a phrase that says which itself ("la facture d’électricité", "the cost
of a visit", "le niveau le plus strict"). A superlative with no noun opening the line ("La plus petite
compte 212 habitants") is counted: the smallest what?
"""

from __future__ import annotations

import re

from publisher.social.excerpting import lexicon

_DEFINITE = {
    # "the" and a word: the word after it is what is pointed at (or its first adjective: "the new loop"
    # counts "new", which no title anchors, so a modified phrase is never taken as anchored by chance).
    "en": re.compile(r"(?<![\w’])(?:the|this|these|those)\s+(?:(?:new|old|big|small|main|other|whole|central|local"
                     r"|only|real|current|original|final)\s+)?([A-Za-z][a-z’-]+)", re.I),
    # le/la/les/l’ and a word; "l’a", "les a" (pronouns before a verb) are not phrases, nor "le plus".
    "fr": re.compile(r"(?<![\w’])(?:l’|(?:le|la|les|ce|cet|cette|ces)\s+)(?:(?:bon|bonne|grand|grande|petit|petite"
                     r"|nouveau|nouvel|nouvelle|vieux|vieille|seul|seule|vrai|vraie)\s+)?([a-zà-ÿA-ZÀ-Ö][a-zà-ÿ’-]+)", re.I),
}
_GENERIC = {
    "en": lexicon.words(
        "same rest first last next most best only whole world end way time times day days year years week weeks month"
        " months morning evening night people public other others right wrong moment number numbers case fact point"
        " idea future past present kind sort start beginning middle question answer difference problem truth reason"
        " one two three four five six seven eight nine ten hundred thousand more less least few many country city"
        " uk government economy market weather sun rain wind sea summer winter spring autumn weekend"
        # what the organisation's own account always is ("the team", "the club" on its own page)
        " team organisation organization company club charity society staff board"
        # "this means", "those who": a pronoun before a verb or a relative, not a phrase
        " means meant is was are were has had have will would can could may might should must shows showed"
        " makes made gives gave says said who which whom whose what where when how why of in on at for with"
        # what there is only one of, or none in particular: "the water", "the money"
        " water air money energy electricity food climate environment internet web law"),
    "fr": lexicon.words(
        "même mêmes reste premier première premiers premières dernier dernière derniers dernières prochain prochaine"
        " plupart plus moins mieux monde temps jour jours année années an ans semaine semaines mois matin soir nuit"
        " gens public autre autres moment nombre cas fait point idée avenir passé présent fin début milieu question"
        " réponse différence problème vérité raison pays ville état économie marché météo soleil pluie vent mer été"
        " hiver printemps automne week-end équipe association entreprise structure société"
        " eau air argent énergie électricité nourriture climat environnement internet loi"
        # a verb after a clitic (l’a, les a, le fait, la voir): not a phrase
        " a ai as ont avait avaient est sont était étaient fait font faire voir dire"
        " avons avez sommes êtes serons sera seront aurons auront qui que quoi dont"
        " un une deux trois quatre cinq six sept huit neuf dix onze douze vingt cent mille"
        " sien sienne leur leurs"),
}


_SAYS_WHICH = {
    "en": re.compile(r"\s+(?:of|who|which|whose)\s"),
    "fr": re.compile(r"(?:\s+(?:de|des|du|qui|que|dont)\s|\s+d’|\s+qu’|\s+(?:le|la|les) (?:plus|moins) )"),
}


_ELLIPTIC = {
    # A superlative with no noun opening a line: "La plus petite…", "The largest…", "Les deux autres…".
    "fr": re.compile(r"(?:le|la|les|l’)\s*(?:plus|moins)\s+[a-zà-ÿ]+(?=\s+(?:est|sont|a|ont|était|étaient"
                     r"|compte|comptent|comptait|reste|restent|fait|font|vient|arrive|arrivent|se)\b)", re.I),
    "en": re.compile(r"the\s+(?:(?:most|least)\s+[a-z]+|largest|biggest|smallest|oldest|newest|highest|lowest|longest"
                     r"|shortest|busiest|best|worst|latest|earliest|first|second|other)(?=\s+(?:is|was|are|were|has|had"
                     r"|compt|counts|takes|took|came|comes)\b)", re.I),
}
_ELISION = re.compile(r"^(?:[ldjnsmtc]|qu)[’']", re.I)


def _stem(word: str) -> str:
    return word.lower().replace("’", "'")[:5]


def unanchored(text: str, lang: str, context: str = "") -> list[str]:
    """The words that ``text`` points at with a definite ("the", "le", "cette"…) and that neither
    ``context`` (the title shown in the post) nor ``text`` before them names."""
    language = lexicon.lang_of(lang)
    if not language:
        return []
    named = {_stem(_ELISION.sub("", w)) for w in re.findall(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*", context)}
    out: list[str] = []
    elliptic = _ELLIPTIC[language].match(text.lstrip("«“\" \u00a0"))
    if elliptic:
        out.append(elliptic.group(0).lower())  # "La plus petite compte 212 habitants": the smallest what?
    for match in _DEFINITE[language].finditer(text):
        if match.group(1)[:1].isupper():
            continue  # "the Parkway train", "la Région": a name says which
        word = match.group(1).strip("’-").lower().removesuffix("’s")  # "the team’s survey": the team
        if len(word) < 3 or word in _GENERIC[language]:
            continue
        if _SAYS_WHICH[language].match(text.lower(), match.end()):
            continue  # "la facture d’électricité", "the cost of a visit", "the tenants who…": it says which
        before = text[:match.start()].lower()
        if _stem(word) in named or re.search(rf"(?<![\w’]){re.escape(word[:5])}", before):
            continue
        out.append(word)
    return out


__all__ = ["unanchored"]
