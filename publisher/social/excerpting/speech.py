"""Reported speech in a body, as a quote with who said it.

    « Nous achetons moins de serveurs », a-t-elle résumé.   -> « Nous achetons… » — Hélène Fabre
    “We buy fewer servers,” says Hélène Fabre.               -> “We buy fewer servers.” — Hélène Fabre
    Hélène Fabre résume : « Nous achetons moins de serveurs. »

An incise inside the quotation marks is cut out of the words and becomes their attribution, with the
role the text gives ("role"):

    « Nous savions, explique Ana Lima, maire de Berzac. Ce que… »  -> « Nous savions. Ce que… » — Ana Lima, maire de Berzac
    “We knew,” says Jane Doe, the mayor.                            -> “We knew.” — Jane Doe, mayor

A pronoun speaker (elle, he…) is resolved to the one person named in the paragraphs just before (or
the interview's guest when nobody is); when that is not clear the sentence is `UNRESOLVED` and dropped:
a quote without its speaker, or with the wrong one, is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from publisher.social.excerpting import clauses, lexicon

UNRESOLVED = ("", "")
QUOTE_WORDS = 7
"""Fewer words are a reply in a scene, not a quote to post: "I was ready to defend 80," she said (set 12)."""
"""Reported speech whose speaker cannot be told from the text."""
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zà-öø-ÿ"
NAME = (rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
        rf"(?:\s+(?:de\s+|du\s+|van\s+|von\s+|da\s+|le\s+|la\s+)?[{_UPPER}][\w’-]+){{1,2}}")
_NAME = re.compile(rf"(?<![\w’]){NAME}")
_S = r"[\s\u00a0\u202f]"
_QUOTE_FIRST = re.compile(rf"^[«“]{_S}*(?P<q>.+?)[,.]?{_S}*[»”][,.]?{_S}*(?P<tail>[^«“»”]+)$")
_SPEAKER_FIRST = re.compile(rf"^(?P<lead>[^«“»”]{{3,80}}?){_S}*[:,]{_S}*[«“]{_S}*(?P<q>[^«“»”]+?){_S}*[»”]{_S}*\.?$")
_TAIL = {
    "fr": (re.compile(r"^(?:a|avait|aura)-t-(?P<pro>il|elle)\s+(?P<verb>[\w’]+)"),
           re.compile(r"^(?P<verb>[\w’]+)(?:-t)?-(?P<pro>il|elle|ils|elles)\b"),
           re.compile(rf"^(?:a\s+)?(?P<verb>[\w’]+)\s+(?P<name>{NAME})")),
    "en": (re.compile(r"^(?P<pro>she|he|they)\s+(?P<verb>\w+)", re.I),
           re.compile(rf"^(?P<verb>\w+)\s+(?P<name>{NAME})"),
           re.compile(rf"^(?P<name>{NAME})\s+(?P<verb>\w+)")),
}
_LEAD = {
    "fr": (re.compile(rf"^(?:selon|pour|d’après|comme le dit|comme le résume)\s+(?P<name>{NAME})$", re.I),
           re.compile(rf"^(?P<name>{NAME})\s+(?:le\s+|l’)?(?P<verb>[\w’]+)(?:\s+[\w’]+)?$"),
           re.compile(r"^(?P<pro>il|elle)\s+(?:le\s+|l’)?(?P<verb>[\w’]+)(?:\s+[\w’]+)?$", re.I)),
    "en": (re.compile(rf"^(?:according to|for|as)\s+(?P<name>{NAME})(?:\s+puts it)?$", re.I),
           re.compile(rf"^(?P<name>{NAME})\s+(?P<verb>\w+)(?:\s+\w+)?$"),
           re.compile(r"^(?P<pro>she|he)\s+(?P<verb>\w+)(?:\s+\w+)?$", re.I)),
}
_ROLE = re.compile(r"^,\s+(?:the\s+|le\s+|la\s+|l’)?(?P<role>[^,.;:!?«»“”]{3,80}?)\s*[.!?…]?$", re.I)
_NOT_A_ROLE = frozenset({
    "qui", "que", "dont", "où", "en", "avant", "après", "puis", "et", "mais", "comme", "lorsque", "quand", "sans",
    "who", "which", "whose", "when", "as", "before", "after", "while", "and", "but", "adding", "noting", "pointing",
    "explaining", "with", "without", "then", "now", "in", "at", "on",
    # a preposition opens a circumstance, not a role ("Solenn Guérin, devant 40 élèves")
    "devant", "avec", "pendant", "lors", "dans", "sur", "chez", "depuis", "durant", "face", "aux", "au",
    "during", "for", "from", "to", "outside", "inside", "near", "by", "under", "among",
    # a stage direction, not a role ("Gérard Lebouc, appuyé contre la barrière": set 19 signed his words so)
    "appuyé", "appuyée", "adossé", "adossée", "accoudé", "accoudée", "assis", "assise", "debout", "penché", "penchée",
    "souriant", "souriante", "installé", "installée", "encore", "toujours", "visiblement",
    "leaning", "sitting", "standing", "smiling", "laughing", "holding", "looking", "still", "visibly", "clearly",
})
_INCISE = {
    "fr": re.compile(rf",{_S}+(?:(?:a|avait)-t-(?P<aux>il|elle){_S}+)?(?:a{_S}+)?(?:se{_S}+|s’)?(?P<verb>[\w’]+)(?:-t)?"
                     rf"(?:-(?P<pro>il|elle))?"
                     rf"(?:{_S}+par{_S}+(?P<then>[\w’]+))?"  # "a-t-elle fini par dire": the verb after "par" says it
                     rf"(?:{_S}+(?:(?:le|la){_S}+(?:professeure?|docteure?|maire|présidente?|directeur|directrice"
                     rf"|capitaine|commandante?|cheffe|chef|pasteure?|juge|général|générale){_S}+)?"
                     rf"(?:(?P<name>{NAME})|(?P<first>[{_UPPER}][{_LOWER}]{{2,}})))?"
                     # "sourit la maire": a title with no name, resolved like a pronoun
                     rf"(?:{_S}+(?P<titled>(?:le|la|l’){_S}*(?:maire|présidente?|directeur|directrice|adjointe?"
                     rf"|architecte|gardienne?|cheffe?|responsable|conseillère|conseiller|coordinatrice|coordinateur"
                     rf"|fondatrice|fondateur|animatrice|animateur|secrétaire|trésorière|trésorier|infirmière|infirmier"
                     rf"|bénévole|gérante?|patronne|patron)))?"  # "sourit la coordinatrice" (set 158)
                     # "raconte Olivier Lamarque, directeur de l’école Paul-Bert, aux Tilleuls.": a role and its
                     # place when the incise ends the sentence (set 16 moved "aux Tilleuls" into his words)
                     rf"(?:,{_S}+(?P<role>[^.,;:!?«»“”]{{3,80}}?(?:,{_S}+(?:à|au|aux|dans|près de|in|at|near){_S}+"
                     rf"[^.,;:!?«»“”]{{2,40}}?(?=\.))?)"
                     # "…, géomètre à la retraite, qui coordonne l’inventaire." (set 91 pasted the relative
                     # clause into his words): the incise runs to the sentence's end, the role stops before it
                     rf"(?:,{_S}+(?:qui|dont|où){_S}+[^.,;:!?«»“”]{{2,120}}?(?=[.!?…]))?)?"
                     # "dit-elle en enlevant son masque." (set 165 posted the gesture inside her words)
                     rf"(?:{_S}+en{_S}+[\w’]+ant\b[^.;:!?«»“”]{{0,120}}(?=[.!?…]))?{_S}*"  # "…, fendue sur deux
                     # mètres." is the narrator's too: the gesture's phrase runs to the sentence's end
                     rf"(?P<end>[.,!?…])"),
}
_RELATIVE_WORDS = frozenset({"qui", "que", "dont", "où"})
"""A relative clause after the speaker's name says who they are in the narrator's words: no role, not theirs."""
_HAS_QUOTE = re.compile(r"[«“][^«“»”]{12,}[»”]")
_AGE = re.compile(r"\d{1,3}(?:[\s\u00a0\u202f]?ans)?|aged \d{1,3}|an? \d{1,3}-year-old|\d{1,3} years old")
"""An age is no role: "Odette Prunier, 84 ans" tells a reader her age, not who she is."""


def reported(text: str, lang: str, names_before: Sequence[str], guest: str = "") -> tuple[str, str] | None:
    """(quote, speaker) when ``text`` is reported speech whose speaker is known; `UNRESOLVED` when it is
    reported speech whose speaker is not; None when it is not reported speech. ``names_before`` are the
    people named in the paragraphs before, nearest last."""
    language = lexicon.lang_of(lang)
    if not language or not _HAS_QUOTE.search(text):
        return None
    found = _quote_first(text, language) or _speaker_first(text, language)
    if found is None and text.strip()[:1] in "«“" and text.strip()[-1:] in "»”":
        inner = incise(text.strip()[1:-1], language)
        found = (inner[0], inner[1], not inner[1]) if inner else None
    if found is None:
        return UNRESOLVED  # words in quotation marks inside a sentence of the story: not ours to post
    quote, speaker, pronoun = found
    if pronoun:
        speaker = resolve(names_before, guest)
    if not speaker or len(quote.split()) < QUOTE_WORDS:
        return UNRESOLVED
    quote = quote.strip().rstrip(",")
    if quote[-1:] not in ".!?…":
        quote += "."
    return quote[0].upper() + quote[1:], speaker


def _quote_first(text: str, language: str) -> tuple[str, str, bool] | None:
    match = _QUOTE_FIRST.match(text)
    if not match:
        return None
    tail = match.group("tail").strip()
    for pattern in _TAIL[language]:
        found = pattern.match(tail)
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("name"):
            if groups["verb"].lower() not in lexicon.SPEECH_VERBS[language]:
                continue
            name = _clean(groups["name"])
            role = _role(tail[found.end():])
            return match.group("q"), f"{name}, {role}" if name and role else name, False
        return match.group("q"), "", True
    return None


def _speaker_first(text: str, language: str) -> tuple[str, str, bool] | None:
    match = _SPEAKER_FIRST.match(text)
    if not match:
        return None
    lead = match.group("lead").strip()
    for pattern in _LEAD[language]:
        found = pattern.match(lead)
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("verb") and groups["verb"].lower() not in lexicon.SPEECH_VERBS[language]:
            continue
        if groups.get("pro"):
            return match.group("q"), "", True
        return match.group("q"), _clean(groups["name"]), False
    return None


def incise(words: str, lang: str) -> tuple[str, str] | None:
    """(words without their incise, speaker) when quoted ``words`` carry who says them inside ("Nous
    savions, explique Ana Lima, maire de Berzac. Ce que…"): the speaker is "" when the incise is a
    pronoun (explique-t-elle) and the caller resolves it. None when there is no incise."""
    language = lexicon.lang_of(lang) or ""
    pattern = _INCISE.get(language)
    if pattern is None:
        return None
    for found in pattern.finditer(words):
        verb = (found.group("then") or found.group("verb")).lower()
        if verb not in lexicon.SPEECH_VERBS[language] or not (found.group("name") or found.group("first")
                                                                 or found.group("pro") or found.group("aux")
                                                                 or found.group("titled")):
            continue
        name = _clean(found.group("name") or "") or found.group("first") or ""  # "dit Élodie": a first name
        if found.group("name") and not name:
            continue
        role = found.group("role") or ""
        end, after = found.group("end"), found.end()
        if role and role.split()[0].lower() in _RELATIVE_WORDS:
            # "…, explique Hervé Castagné, qui dirigera le tournoi." (set 104): the narrator's words about him,
            # cut with the incise to the sentence's end ("qui, depuis 2019, dirige…" too); skipped, the words
            # kept the incise and went out signed by the piece's guest
            role = ""
            if end == ",":
                stop = re.search(r"[.!?…]", words[after:])
                if stop is None:
                    continue
                end, after = stop.group(), after + stop.end()
        elif role and role.split()[0].lower() in _NOT_A_ROLE:
            continue
        if _AGE.fullmatch(role.strip()):
            role = ""
        rest = words[after:].lstrip()
        cut = words[:found.start()] + (" " if end == "," else end + (" " if rest else "")) + rest
        return cut.strip(), f"{name}, {role.strip()}" if name and role else name
    return None


def _role(rest: str) -> str:
    """The role after a speaker's name in an attribution (", the mayor of Ashby." -> "mayor of Ashby")."""
    found = _ROLE.match(rest.strip())
    if not found or found.group("role").split()[0].lower() in _NOT_A_ROLE:
        return ""
    return found.group("role").strip()


_PRESENTS = frozenset({  # verbs that open a list of someone's points, beside the verbs of speech
    "présenté", "présente", "listé", "énuméré", "cité", "avancé", "exposé", "partagé", "donné", "défendu",
    "presented", "presents", "listed", "lists", "outlined", "outlines", "cited", "cites", "shared", "shares",
    "gave", "gives", "set", "sets", "made", "makes",
})


def leads_someones_points(text: str, lang: str) -> bool:
    """"Corinne Lafargue a rappelé les chiffres du diagnostic :", "Dr Hale argued three points:": the
    list after it is that person's points, not the organisation's claims."""
    language = lexicon.lang_of(lang)
    stripped = text.rstrip()
    if not language or not stripped.endswith(":"):
        return False
    words = {w.lower() for w in re.findall(r"[\w’]+", stripped)}
    said = not words.isdisjoint(lexicon.SPEECH_VERBS[language] | _PRESENTS) or bool(_LEAD[language][0].search(
        stripped.rstrip(" :\u00a0\u202f")))
    return said and bool(names_in(stripped))


_TALK = {
    # A sentence that opens someone's talk: the rest of its paragraph reports what they said.
    "en": re.compile(r"(?<![\w’])(?:keynote|talk|presentation|lecture|session|speech)(?![\w’])[^.;]*(?<![\w’])"
                     r"(?:focused on|focussed on|was about|looked at|covered|addressed|dealt with|turned to)(?![\w’])"
                     r"|(?<![\w’])(?:presented|explained|argued|told (?:the )?(?:audience|delegates|room|participants"
                     r"|conference))(?![\w’])"),
    "fr": re.compile(r"(?<![\w’])(?:conférence|intervention|keynote|exposé|présentation|plénière)(?![\w’])[^.;]*"
                     r"(?<![\w’])(?:portait sur|consacrée? à|a porté sur|s’est penchée? sur|traitait de)(?![\w’])"
                     r"|(?<![\w’])(?:a|ont) (?:présenté|expliqué|montré|défendu|détaillé|exposé|plaidé)(?![\w’])"
                     r"|(?<![\w’])est revenue? sur(?![\w’])"),
}
_SPEAKER_ROLE = {
    "en": re.compile(r"(?<![\w’])(?:researcher|economist|professor|speaker|lecturer|historian|scientist|analyst"
                     r"|consultant|expert)(?![\w’])"),
    "fr": re.compile(r"(?<![\w’])(?:chercheu(?:r|se)|économiste|professeure?|intervenante?|historienne?|scientifique"
                     r"|analyste|consultante?|experte?|sociologue|universitaire)(?![\w’])"),
}


def opens_a_talk(text: str, lang: str) -> bool:
    """"The closing keynote from a researcher at the University of Leeds focused on returns.", "Claire
    Morin a présenté l’étude…": the sentences after it, in its paragraph, are that speaker's claims, not
    the organisation's."""
    language = lexicon.lang_of(lang)
    if not language or not _TALK[language].search(text.lower()):
        return False
    return bool(names_in(text)) or bool(_SPEAKER_ROLE[language].search(text.lower()))


def names_in(text: str) -> list[str]:
    """People (and organisations) named in ``text`` by at least two capitalised words, in order."""
    out = []
    for match in _NAME.finditer(text):
        name = _clean(match.group())
        first = match.group().split()[0]
        if first.lower() in lexicon.NAME_STOPWORDS:  # "Pour Yvonne Le Meur": the name starts after "Pour", and
            again = _NAME.match(text, match.start() + len(first) + 1)  # runs past the words the first match took
            if again:
                name = _clean(again.group()) or name
        if name:
            out.append(name)
    return out


def _clean(name: str) -> str:
    """The name without a leading word that is not part of it ("Pour Hélène Fabre" -> "Hélène Fabre")."""
    words = name.split()
    while words and words[0].lower() in lexicon.NAME_STOPWORDS:
        words = words[1:]
    if len(words) < 2 or words[-1].lower() in lexicon.NAME_STOPWORDS:
        return ""
    return " ".join(words)


_FIRST_NAME_AGED = re.compile(rf"(?:^|(?<=[.!?»”]\s))(?P<first>[{_UPPER}][{_LOWER}]{{2,}}),\s(?:\d{{1,3}}(?:\s?ans)?,"
                              r"|aged \d{1,3}|an? \d{1,3}-year-old)"
                              rf"|(?:appellerons|appellerai|(?:we|I)(?:’ll|\s+will)\s+call\s+(?:him|her|them))\s+"
                              rf"(?P<called>[{_UPPER}][{_LOWER}]{{2,}})(?![\w’-])"
                              rf"|(?<=\s)(?P<aged>[{_UPPER}][{_LOWER}]{{2,}}),\s\d{{1,3}}(?:\s?ans|\syears old),")


_FULL_NAME_END = re.compile(rf"[{_UPPER}][{_LOWER}’-]+\s$")


def first_names_in(text: str) -> list[str]:
    """People the text names by a first name and an age ("Jacqueline, 78 ans, habite…", "Sam, 34, drives…", "…que
    nous appellerons Karim"):
    a pronoun after them may be theirs, so it no longer points at the only full name before."""
    return [match.group("first") or match.group("called") or match.group("aged") for match in _FIRST_NAME_AGED.finditer(text)
            if not (match.group("aged") and _FULL_NAME_END.search(text, 0, match.start()))]  # "Odette Prunier, 84 ans"
    # "Un salarié que nous appellerons Karim, 34 ans" (set 145: his words went out signed by the guest)


_INTRODUCED = re.compile(rf"(?P<name>{NAME}),{_S}+(?P<role>[^,.;:!?«»“”()]{{3,80}}?){_S}*(?:,|\.|$)")
_ROLE_FIRST = re.compile(rf"(?:(?<![\w’])(?:le|la|the|our|notre|leur|their){_S}+|(?<![\w’])l’)"
                         rf"(?P<role>[a-zà-ÿ][^,.;:!?«»“”()]{{2,80}}?),{_S}+(?P<name>{NAME}){_S}*(?=[,.]|$)")
"""The role before the name: "coupé par l’adjointe au maire chargée de la culture, Solenn Guérin, en…"."""


_THAT_TIME = re.compile(r"(?:\s+|,\s*)(?:that|this|last) (?:night|day|evening|morning|afternoon|week|weekend|shift)$"
                        r"|(?:\s+|,\s*)(?:on the night|tonight|today|on the day)$"
                        r"|(?:\s+|,\s*)(?:ce (?:soir|jour|matin|week-end)-là|cette (?:nuit|semaine|soirée|journée)-là|ce soir"
                        r"|cette nuit|aujourd’hui|ce jour-là)$")  # lower case: "presenter of Today" keeps its programme


def timeless(attribution: str) -> str:
    """"Sam Okoro, the dispatcher covering Gloucestershire that night" -> "…covering Gloucestershire": the
    night is the story's; posted later, the attribution says which night of nothing (set 15)."""
    return _THAT_TIME.sub("", attribution) if attribution else attribution


_TWO_CAPITALS = re.compile(rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?(?:\s+[{_UPPER}][{_LOWER}’-]+){{1,2}}")
"""A name, two or three capitalised words and nothing else ("Jean-Yves Hamelin"), where a French role is
written in lower case ("rédacteur en chef"); "Directrice Générale de Traverse" is still a role."""


def roles_in(text: str, lang: str) -> dict[str, str]:
    """Who the text introduces with a role: "Olivier Mazeau, directeur général de Traverse, …" ->
    {"Olivier Mazeau": "directeur général de Traverse"}, so a quote of theirs later says who they are;
    "l’adjointe au maire chargée de la culture, Solenn Guérin, …" too. A clause after the name ("Pour voir Patrick Vernet, il faut descendre…") is no role."""
    language = lexicon.lang_of(lang)
    out: dict[str, str] = {}
    if not language:
        return out
    found_all = [*_INTRODUCED.finditer(text), *_ROLE_FIRST.finditer(text)]
    for found in found_all:
        name, role = _clean(found.group("name")), found.group("role").strip()
        if name in out:
            continue
        if _AGE.fullmatch(role):
            continue
        if found.re is _ROLE_FIRST and _AFTER_PREPOSITION.search(text, 0, found.start()):
            continue  # "After the meeting, Jane Doe, …", "Dans la foulée, Marie Dupont, …": when or where
        if language == "fr" and _TWO_CAPITALS.fullmatch(role):  # "réunissait Annick Lecoq, Jean-Yves Hamelin,
            following = _INTRODUCED.search(text, found.start("role"))  # rédacteur…": the next name of a list
            if following and found.re is _INTRODUCED:
                found_all.append(following)
            continue
        named = _TWO_CAPITALS.match(role)
        if named and re.match(r"\s+(?:et|and|&)\s", role[named.end():]):
            continue  # "élus Annick Rouvière, Karim Belhadj et Odile Chassang" (set 42): a list of names
        words = role.lower().split()
        after = found.re is _INTRODUCED  # "the mayor of Ashby, Jane Doe,": an article says it is a noun
        if not name or not words or words[0] in _NOT_A_ROLE or words[0] in _NOT_A_ROLE_START \
                or _LOOKS_LIKE_A_CLAUSE.search(role.lower()) or (after and clauses.has_verb(role.lower(), language, sentence=False)) \
                or (language == "en" and _A_VERB_THEN.match(role)) or role.lower().startswith(_ASIDES) \
                or (not after and _RELATIVE.search(role.lower())):
            continue
        out[name] = role
    return out


_NOT_A_ROLE_START = frozenset({
    "il", "elle", "ils", "elles", "on", "je", "j’", "nous", "vous", "c’est", "ce", "ça", "cela", "he", "she", "they",
    "it", "we", "i", "you", "this", "that", "there", "from", "of", "to", "for", "who", "whose",
    # « Corentin Le Meur, lui, … » (sets 126, 128): the stress on him, no role
    "lui", "eux", "moi", "toi", "aussi", "quant",  # « quant à lui »
})
_ASIDES = ("de son côté", "de leur côté", "de mon côté", "pour sa part", "pour leur part", "for her part", "for his part")
"""« Corentin Le Meur, de son côté, … »: whose turn it is, no role ("Laurent Pujol, du peloton de…" is one)."""
_A_VERB_THEN = re.compile(r"^(?:also\s+|now\s+|still\s+|then\s+)?(?:[a-z]+[^s\W]s|[a-z]+ed|brought|took|ran|led|made"
                          r"|gave|won|built|kept|held|told|left|began|became|came|went|grew|drew|met|set|put)\s+"
                          r"(?:the|a|an|together|up|out|her|his|their|its|our|my|your|every|each|some|more|over|on|in"
                          r"|into|with|\d+)\b")
"""An English verb after a name, not a role: "…by the midwife Armelle Jacquet, brings together volunteer knitters"
(set 123 signed her quote with it). Not "events manager" nor "parks officer": a post's plural noun."""
_LOOKS_LIKE_A_CLAUSE = re.compile(r"(?<![\w’])(?:a|ont|est|sont|faut|was|were|is|are|has|have|had|said|says|dit"
                                  r"|explique)(?![\w’])")


_AFTER_PREPOSITION = re.compile(r"(?<![\w’])(?:after|before|at|in|on|during|from|near|outside|inside|since"
                                 r"|dans|à|après|avant|pendant|depuis|sur|sous|devant|chez|lors|vers|près)\s+$", re.I)
"""Time and place: "After the meeting, Jane Doe, …" (not "cut by the mayor of Ashby, Jane Doe,")."""
_RELATIVE = re.compile(r"(?<![\w’])(?:that|who|which|whose|where|qui|que|qu’|dont|où)(?![\w’])")
"""A relative clause before a name is a description, not a role ("the team that runs the depot, Jane Doe")."""


def full_name(speaker: str, names: Sequence[str]) -> str:
    """"Élodie" -> "Élodie Marchal", "Ferrand" (from "le professeur Ferrand") -> "Anne Ferrand" when the
    piece named them in full before; else as given."""
    if not speaker.strip():
        return speaker
    if " " in speaker:  # "says Le Goff": Maryvonne Le Goff, named in full before (set 149)
        return next((name for name in reversed(names) if name.endswith(f" {speaker}") and name != speaker), speaker) \
            if speaker.split()[0] in _PARTICLES else speaker
    return next((name for name in reversed(names) if speaker in (name.split()[0], name.split()[-1])), speaker)


_PARTICLES = frozenset({"Le", "La", "De", "Du", "Van", "Von", "Da", "Mac", "Mc", "Di"})


def resolve(names_before: Sequence[str], guest: str) -> str:
    """The one person a pronoun can point at: the only name in the paragraphs before, else the guest. In a
    piece about a guest, someone else named just before leaves "Elle a réfléchi longtemps. « … »" unclear
    (set 70 signed the retiring teacher's words with her director's name): nobody."""
    distinct = [name for name in dict.fromkeys(names_before)
                if not any(word.lower() in lexicon.ORGANISATION_WORDS for word in name.split())]
    if guest:
        return guest if not distinct or distinct[-1] == guest else ""
    return distinct[0] if len(distinct) == 1 else ""


__all__ = ["NAME", "UNRESOLVED", "first_names_in", "full_name", "incise", "leads_someones_points", "names_in", "opens_a_talk",
           "reported", "resolve", "roles_in"]
