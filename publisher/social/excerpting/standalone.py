"""Does a sentence make sense without its neighbours, under the brand's name? `why_not` says why not.

A sentence is refused when it opens on a connector or a word that points back (Puis, Mais, Cette…,
Then, But, This, It…; an impersonal "Il faut", "It takes", "There are" is fine), when it is dialogue
lifted from a story, when its narrator speaks in the first person outside a quotation ("ma boss"),
when it credits or thanks people, or when it talks about the page itself ("dans cet article").
"""

from __future__ import annotations

import re
from functools import lru_cache

from publisher.social.excerpting import clauses, lexicon

SENTENCE_MIN, SENTENCE_MAX = 40, 240
ITEM_MIN = 25
_ENDS = re.compile(r"[.!?…](?:[\s\u00a0\u202f]*[»”\"’)])?$")
_WORD = re.compile(r"[^\W\d_][\w’-]*")
_FIRST_WORD = re.compile(r"^[«“\"(\s\u00a0]*([\w’-]+)(.?)")
_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|\"[^\"]*\"")
_PAIRS = (("«", "»"), ("“", "”"), ("(", ")"), ("[", "]"))
_DIALOGUE_START = re.compile(r"^\s*(?:[—–-]\s|[«“\"])")
_INTRO_THEN_PRONOUN = {
    "fr": re.compile(r"^[^,;:.!?«“\"]{1,60}?,\s+(il|elle|ils|elles|ce|c’|cela|ça|celui-ci|celle-ci|son|sa|ses|leur|leurs"
                     r"|on\s+(?:lui|leur))\b", re.I),
    "en": re.compile(r"^[^,;:.!?«“\"]{1,60}?,\s+(he|she|they|it|this|these|those|that|his|her|their|its)\b", re.I),
}
_YEAR_THEN_PRONOUN = {
    # "Since 2019 she has run…", "In 1988 he signed…", "Usually it is…": a year or an adverb, no comma,
    # then a pronoun subject (in a Q&A, the answer's "it" is the question's subject).
    "fr": re.compile(r"^(?:en|depuis|dès|avant|après|jusqu’en) (?:\d{4}|[a-zéû]+ \d{4}) (il|elle|ils|elles)\b"),
    "en": re.compile(r"^(?:(?:in|since|by|until|after|before|from) (?:the )?(?:(?:early|late|mid-?)\s?)?(?:\d{4}s?"
                     r"|[a-z]+ \d{4})|usually|often|mostly|sometimes|generally|normally|honestly|well|actually"
                     r"|really|basically|mainly|partly|only) (he|she|they|it|that|this)\b(?! takes\b)"),
}
_POINTING = {
    # Anywhere in the sentence: "these questions", "cette liste", "s’y mettent" point at what came before.
    "fr": re.compile(r"(?<![\w’])(?:ces|cette|cet|s’y|s’en|n’y|celui-ci|celle-ci|ceux-ci|ci-dessus|ledit|ladite"
                     r"|ce [a-zà-ÿ]+-là|dans ce cas|en ce cas"  # "dans ce cas-là" (set 22): which case?
                     r"|comme ça|entre les deux|(?:ça|cela) (?:ne|n’|a|est|va|veut|reste|suffit|donne|marche|dépend|permet|coûte"
                     r"|prend|change|sert|se|m’|me|nous|vous))(?![\w’])"),
    "en": re.compile(r"(?<![\w’])(?:these|those|this|the latter|the former|aforementioned|between the two|both of them|that(?=\s*[,.;:!?]))(?![\w’])"),
}
_PRESUMED = {
    # Something the reader is taken to know already: "la fameuse panne de Charensat" in a summary (set 36)
    # is famous only to whoever read the story.
    "fr": re.compile(r"(?<![\w’])(?:la|le|les|cette|ce|cet|sa|son|ses)\s+(?:fameuse|fameux|fameuses|désormais"
                     r"\s+(?:célèbre|fameuse|fameux|légendaire)s?|légendaires?|inévitables?)\s"),
    "en": re.compile(r"(?<![\w’])(?:the|their|its|that)\s+(?:famous|infamous|now[- ]famous|notorious|dreaded)\s"),
}
_SOMEONE = {
    # Someone the sentence does not name: "The comments that stay with her…", "Selon elle, …".
    "fr": re.compile(r"(?<![\w’])(?:avec|pour|selon|chez|sans|à|de|d’après|comme) (?:elle|lui|eux|elles)(?![\w’-])"),
    "en": re.compile(r"(?<![\w’])(?:her|him|his|hers|himself|herself)(?![\w’])"),
}
_NAMED = re.compile(r"(?<![\w’])[A-ZÀ-Ö][a-zà-ÿ]+(?:-[A-ZÀ-Ö][a-zà-ÿ]+)?\s+[A-ZÀ-Ö][\w’-]+")
_MID_PRONOUN_OK = {"fr": ("il faut", "il y a", "il existe", "il suffit", "il reste", "il est", "il vaut",
                          "ce qui", "ce que", "c’est en", "c’est à", "cela fait"),
                   "en": ("it takes", "it is", "it’s", "it pays", "this is where")}


def why_not(text: str, lang: str, *, item: bool = False, after: str = "", speaker: bool = False) -> str | None:
    """None when ``text`` can be posted alone; otherwise why not, in a few words. ``after`` is the
    sentence before it in the same paragraph, if any. ``speaker``: the words are posted as a quote of
    the person who said or wrote them, so their first person is theirs."""
    language = lexicon.lang_of(lang)
    low = text.lower()
    shape = _shape(text, item)
    if shape:
        return shape
    if after.rstrip("»”\"’) \u00a0\u202f").endswith("?") and not item:
        return "answers the question before it"
    marked = "«" in text or "“" in text or '"' in text
    outside = _QUOTED.sub(" ", low) if marked else low
    if language:
        pointing = _points_back(text, low, language)
        if pointing:
            return pointing
        if not speaker and _SOMEONE[language].search(outside) and not _NAMED.search(text):
            return "a pronoun for someone it does not name"
        leaning = clauses.dependent(low if speaker else outside, language, low)
        if leaning:
            return leaning
    if _DIALOGUE_START.match(text) and not item and not speaker:
        return "dialogue lifted from the story"
    if language:
        quoted = " ".join(m.group() for m in _QUOTED.finditer(low)) if marked else ""
        if quoted and dialogue(quoted, lang):
            return "dialogue lifted from the story"
        if not speaker and in_first_person(text, lang):
            return "the narrator's first person, not the brand's voice"
        if _phrases("credits", language).search(low):
            return "a credits or thanks line"
        if _phrases("self", language).search(outside):
            return "talks about the page itself"
    return None


def presumes_known(text: str, lang: str) -> str | None:
    """What ``text`` takes its reader to know already ("la fameuse panne de Charensat"), or None."""
    language = lexicon.lang_of(lang)
    found = _PRESUMED[language].search(text.lower().replace("'", "’")) if language else None
    return f"'{found.group().strip()}' takes the reader to know it already" if found else None


def thanks(text: str, lang: str) -> str | None:
    """"Thanks to Bradworth Adaptive Sports Club for co-running the day again" (set 39): a credits or thanks
    line, which says nothing to a feed."""
    low = text.lower().replace("'", "’").lstrip("«“\" ")
    return "a thanks line" if _THANKS.match(low) else None  # "Thanks to the new pump, …" says why: kept


_THANKS = re.compile(r"(?:(?:many |special |huge |a (?:big|huge) )?thanks?(?: you)? to\b[^,;:]*\bfor\b[^,;:]*$|we (?:would like to )?thank"
                     r"|(?:un )?(?:grand |immense )?merci (?:à|aux|beaucoup)\b|nous remercions|remerciements)")


def in_first_person(text: str, lang: str) -> bool:
    """The narrator says "je", "ma boss", "I", "my" outside a quotation."""
    language = lexicon.lang_of(lang)
    if not language:
        return False
    outside = _QUOTED.sub(" ", text.lower()) if ("«" in text or "“" in text or '"' in text) else text.lower()
    words = set(_words(outside))
    mine = lexicon.FIRST_PERSON[language]
    return not words.isdisjoint(mine) or any(_elided(w) in mine for w in words if "’" in w)


def dialogue(text: str, lang: str) -> bool:
    """Words spoken to one person in a story ("Tu penses que ça suffira ?"), not to the readers."""
    language = lexicon.lang_of(lang)
    if not language:
        return False
    words = set(_words(text.lower()))
    yours = lexicon.FAMILIAR_YOU[language]
    return not words.isdisjoint(yours) or any(_elided(w) in yours for w in words if "’" in w)


def _shape(text: str, item: bool) -> str | None:
    low_bound = ITEM_MIN if item else SENTENCE_MIN
    if not low_bound <= len(text) <= SENTENCE_MAX:
        return f"{'too short' if len(text) < low_bound else 'too long'} to post alone"
    if not item and not _ENDS.search(text):
        return "not a finished sentence"
    if text.rstrip().endswith((":", ",", ";")):
        return "announces what follows"
    segments = [part.strip().split(" ", 1)[0].lower() for part in text.split(",")]
    if len(segments) >= 3 and len(set(segments)) == 1:
        return "a list of fragments (« Moins de…, moins de… »)"
    first = text.lstrip("«“\"( \u00a0")[:1]
    if not (first.isupper() or first.isdigit()):
        return "starts mid-thought"
    if any(text.count(a) != text.count(b) for a, b in _PAIRS) or text.count('"') % 2:
        return "a quotation or parenthesis that opens or closes elsewhere"
    return None


def fronted_pronoun(text: str, lang: str) -> str | None:
    """Why a line whose subject is a pronoun after an opening phrase ("Depuis 2021, elle pilote…", "Since 2019, she
    has run…") needs the sentence before, or None: not an impersonal « il fallait », nor a phrase that names the
    person ("Quand Odile Brun a repris la péniche, elle…")."""
    language = lexicon.lang_of(lang)
    if not language:
        return None
    shown = text.lstrip("«“\"( \u00a0")
    start = shown.lower().replace("'", "’")
    fronted = _FRONTED_PRONOUN.match(start)
    if fronted and not start[fronted.start(1):].startswith(lexicon.IMPERSONAL[language]) \
            and not _IMPERSONAL_PAST.match(start, fronted.start(1)) and not _CAPITALISED.search(shown, 1, fronted.start(1)):
        return f"its subject is '{fronted.group(1)}': it needs the sentence before"
    return None


def opens_back(text: str, lang: str) -> str | None:
    """Why a line the author wrote alone (a takeaway) still opens on the one before it ("Son amplitude
    de journée…", "It also…", "Mais…"), or None: the opening word only, the cheap part of `why_not`."""
    language = lexicon.lang_of(lang)
    if not language:
        return None
    fronted = fronted_pronoun(text, lang)
    if fronted:
        return fronted
    low = text.lower().replace("'", "’")
    start = low.lstrip("«“\"( \u00a0")
    if start.startswith(lexicon.IMPERSONAL[language]):
        return None
    if start.startswith(_opening_prefixes(language)):
        return "opens on a connector: it needs the sentence before"
    another = _ANOTHER[language].match(start)
    if another:
        return f"opens on '{another.group()}': it needs what was said before"
    match = _FIRST_WORD.match(low)
    if match and (match.group(1) in lexicon.OPENERS[language] or _elided(match.group(1)) in lexicon.OPENERS[language]):
        return f"opens on '{match.group(1)}': it needs the sentence before"
    return None


_IMPERSONAL_PAST = re.compile(r"il (?:fallait|faudra|faudrait|y avait|y aura|y a eu|n’y a|n’y avait|n’y aura|ne reste"
                              r"|ne restait|restait|restera|suffisait|suffira|manquait|manquera|était temps|est|était|sera"
                              r"|semble|semblait|pleut|pleuvait|neige|neigeait|gèle|gelait|fait|faisait|fera|s’agit"
                              r"|s’agissait|devient|devenait|vaut|valait)(?![\w’])")
""""Dans l’ouest de la Somme, il fallait parfois 60 kilomètres…", « Au printemps, il fait encore froid »: impersonal."""
_CAPITALISED = re.compile(r"(?<![\w’-])[A-ZÀ-Ö][\w’-]+")
_FRONTED_PRONOUN = re.compile(r"[^,.;:!?«»“”]{2,40},\s+(il|elle|ils|elles|he|she|they)(?![\w’])")
""""Depuis 2021, elle pilote La Liseuse…" (set 167's summary), "Since 2019, he has run…": the pronoun after an opening
phrase points where the first word would."""


_ANSWERED = {
    # « J’ai dit oui sans réfléchir. » (set 114): yes to what? Not when it says: "We said yes to the council’s offer".
    "fr": re.compile(r"^(?:j’ai|on a|nous avons|elle a|il a|ils ont|elles ont)\s+(?:dit|répondu)\s+(?:oui|non)"
                     r"(?![\w’])(?!\s+(?:à|au|aux)\b)"),
    "en": re.compile(r"^(?:i|we|she|he|they)\s+(?:said|answered)\s+(?:yes|no)(?![\w’])(?!\s+to\b)"),
}
_ANOTHER = {
    # "Deux autres EHPAD du plateau rejoignent le dispositif en janvier 2027." (set 85, a takeaway), "Another
    # school…", "Other councils…", "Three more dogs went on…" (set 92), "The ones who depend on the bus…" (set
    # 82, a quote): more of, or the ones of, something the post never names. Not "Many more people cycle than in
    # 2019" (a comparison), nor "30 more buses", "Thirty more buses run from January" (past ten, a figure of its
    # own), nor "Other than the bus…", "Other people’s data…".
    "fr": re.compile(rf"^(?:(?:(?:{lexicon.cardinals('fr', 2, 24)}|\d+|plusieurs|quelques|les|des|une?|d’)\s*)?autres?"
                     # « Tout sera corrigé avant la réouverture » (set 98): everything said before, not "Tout le monde"
                     r"|tout(?=\s+(?:sera|est|était|a|avait|va|doit|devra|reste|se|s’|sera|semble|dépend|change)\b))(?![\w’-])"),
    "en": re.compile(rf"^(?:another|(?:{lexicon.cardinals('en', 1, 10)}|several|a few)\s+more(?=\s+[a-z])"
                     rf"|(?:(?:{lexicon.cardinals('en', 2, 24)}|\d+|several|a few|some|many)\s+)?others"
                     r"|other(?=\s+(?!than\b)[a-z]+s\b)"
                     r"|(?:(?:usually|mostly|often|mainly|generally|always|especially|mainly)\s+)?the ones)(?![\w’-])"),
}
_LAST_CLAUSE_POINTS = re.compile(r"^[«“\"(\s]*(?:for|to|in|on|at|with|as|after|before|without|like|when|if|once)\s[^.!?]*"
                                 r",\s+that(?:’s)?\s+(?:[\w’-]+\s+){0,3}[\w’-]+\s*[.!?…]+[\s”\"]*$")
"""English: "For a deaf club, where a lot of our members have nowhere else to play, that hurts." (set 82): a
short last clause whose subject points at what was said before the sentence, after an opening that has no
verb of its own ("For a deaf club, where…"); not "We raised £12,000 in a weekend, that’s a club record." (its
own clause is what "that" is). Not French: "voir un bassin plein, ça fait quelque chose" (set 85) takes up its own opening."""
_SHORT_ANSWER = {
    # "Soulagement, parce que…", "Auditions remain, because…": one or two words, then why: an answer to a
    # question the post does not ask (set 18).
    "fr": re.compile(r"^[^\s,.;:!?]+(?:\s[^\s,.;:!?]+)?,\s+parce\s+qu(?:e\s|’)"),
    "en": re.compile(r"^[^\s,.;:!?]+(?:\s[^\s,.;:!?]+)?,\s+because\s"),
}


def _points_back(text: str, low: str, language: str) -> str | None:
    start = low.lstrip("«“\"( \u00a0")
    impersonal = start.startswith(lexicon.IMPERSONAL[language])
    if not impersonal and start.startswith(_opening_prefixes(language)):
        return "opens on a connector: it needs the sentence before"
    if _ANSWERED[language].match(start):
        return "answers a question the post does not ask: yes or no to what?"
    if not impersonal and start.startswith(lexicon.STORY_TIME[language]) and not start[:2].isdigit():
        return "opens on a moment of the story"
    match = None if impersonal else _FIRST_WORD.match(low)
    if match:
        word, after = match.group(1), match.group(2)
        if word in lexicon.OPENERS[language] or _elided(word) in lexicon.OPENERS[language]:
            return f"opens on '{text[match.start(1):match.end(1)]}': it needs the sentence before"
        if word in lexicon.INTERJECTIONS[language] and after == ",":
            return f"opens on '{text[match.start(1):match.end(1)]},': it answers something before"
    another = _ANOTHER[language].match(start)
    if another:
        return f"opens on '{another.group()}': it needs what was said before"
    last = _LAST_CLAUSE_POINTS.search(_QUOTED.sub(" ", low) if low[:1] not in "«“\"" else low) \
        if language == "en" else None
    if last:
        return f"its last clause '{last.group().strip(' ,.!?…»”')}' points at something said before"
    if _SHORT_ANSWER[language].match(start):
        return "a short answer and its reason ('Soulagement, parce que…'): it answers a question before"
    pointing = _POINTING[language].search(_QUOTED.sub(" ", low))
    if pointing:
        return f"'{pointing.group().strip()}' points at something said before"
    dated = _YEAR_THEN_PRONOUN[language].match(start)
    if dated:
        return f"its subject '{dated.group(1)}' points at someone named before"
    intro = _INTRO_THEN_PRONOUN[language].match(low)
    cleft = impersonal and start.startswith(("ce qui", "ce que", "ce dont", "celui qui", "celle qui", "ceux qui",
                                             "celles qui", "what ", "those who"))  # "Ce qui compte, c’est…"
    rest = low[intro.start(1):] if intro else ""
    if intro and not cleft and not any(rest.startswith(ok) and not rest[len(ok):len(ok) + 1].isalpha()
                                       for ok in _MID_PRONOUN_OK[language]):  # "il est", never "il estime"
        return f"its subject '{intro.group(1)}' points at someone named before"
    return None


@lru_cache(maxsize=8)
def _phrases(which: str, language: str) -> re.Pattern[str]:
    """One pattern for a list of phrases, matched as whole words."""
    phrases = (lexicon.CREDITS if which == "credits" else lexicon.SELF_REFERENCE)[language]
    alternatives = "|".join(re.escape(p.strip()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w’])(?:{alternatives})(?![\w’])")


@lru_cache(maxsize=8)
def _opening_prefixes(language: str) -> tuple[str, ...]:
    """Each opening phrase followed by a space or a comma, for one str.startswith call."""
    out: list[str] = []
    for phrase in lexicon.OPENING_PHRASES[language]:
        out.append(phrase + (" " if phrase[-1] not in " ’" else ""))
        out.append(phrase + ",")
    return tuple(out)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _elided(word: str) -> str:
    """c’est -> c’, j’ai -> j’ (French elision), so the lists need only the elided form."""
    cut = word.find("’")
    return word[:cut + 1] if cut > 0 else word


__all__ = ["ITEM_MIN", "SENTENCE_MAX", "SENTENCE_MIN", "dialogue", "fronted_pronoun", "in_first_person", "opens_back", "presumes_known",
           "thanks", "why_not"]
