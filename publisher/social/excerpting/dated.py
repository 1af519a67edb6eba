"""Sentences that carry a moment: relative time (aujourd'hui, hier, this week) is true only on the day
it was written; a calendar date (le 12 novembre, on the 12th) reads as news only around that date.

A piece recycled as evergreen offers neither (unless it opts in with ``evergreen: true``); a piece that
is not recycled (an event report, by default) keeps its dated sentences for its launch and follow-ups,
but never its relative ones: "hier" is wrong three days later.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from publisher.social.excerpting import lexicon

RELATIVE, DATE, SINCE = "relative", "date", "since"
"""SINCE: a stretch counted up to the day of writing, true at launch and for the follow-ups, not recycled."""
_TOKENS = re.compile(r"[\w’-]+")
_COUNT = {
    "fr": rf"(?:\d+|un|une|{lexicon.cardinals('fr', 2, 24)}|quelques|plusieurs)(?:[- ](?:et[- ])?"
          rf"(?:un|une|{lexicon.cardinals('fr', 2, 9)}))?",
    "en": rf"(?:\d+|a|an|{lexicon.cardinals('en', 1, 24)}|a few|several)(?:[- ](?:{lexicon.cardinals('en', 1, 9)}))?",
}
_AGO = {"fr": re.compile(rf"il y a (?:plus d’|près d’|presque )?{_COUNT['fr']} (?:ans?|années?|mois|semaines?|jours?)"),
        "en": re.compile(rf"(?<![\w’]){_COUNT['en']} (?:years?|months?|weeks?|days?) ago")}
_TO_NOW = {
    # A stretch counted up to the day of writing: "on ne regarde plus la météo de la même façon depuis un an",
    # "For twelve years, a retired clerk has presented…" (set 35), recycled two months later, are a year and
    # two months, twelve years and two months: true for the launch and its follow-ups, not as an evergreen.
    # "depuis 2014" names its start and stays true.
    "fr": re.compile(rf"(?<![\w’])(?:depuis|voilà|voici|cela fait|ça fait)\s+(?:plus d’|près d’|presque\s+|bientôt\s+)?"
                     rf"{_COUNT['fr']}\s+(?:ans?|années?|mois|semaines?|jours?)(?![\w’])"),
    "en": re.compile(rf"(?<![\w’])(?:for|over)\s+(?:the\s+(?:past|last)\s+)?(?:more than\s+|nearly\s+|almost\s+)?"
                     rf"{_COUNT['en']}\s+(?:years?|months?|weeks?|days?)(?![\w’])"),
}
_AFTER = {
    # Counted from a change to the day of writing: "Eight months after switching to our cargo bikes,
    # deliveries are on time", "Ten weeks into her new job" (set 37), "Un an après le passage au verre
    # consigné, 81 % des pots reviennent". In the present only: "Two days after the flood, 40 volunteers
    # were clearing the streets" is a story's past.
    "en": re.compile(rf"(?<![\w’]){_COUNT['en']}\s+(?:years?|months?|weeks?|days?|seasons?)\s+(?:after|into)(?![\w’])"),
    "fr": re.compile(rf"(?:^|[.!?…]\s+){_COUNT['fr']}\s+(?:ans?|années?|mois|semaines?|saisons?)\s+après(?![\w’])"),
}
_ON = {"en": re.compile(rf"(?<![\w’]){_COUNT['en']}\s+(?:years?|months?|weeks?|seasons?)\s+on(?=\s*(?:[,.;:!?…]|$))")}
""""One season on", "Ten years on, …": not "two days on the river"."""
_PRESENT = re.compile(r"(?<![\w’])(?:is|are|has|have|now|today|still)(?![\w’])|’s(?![\w’])|’re(?![\w’])|’ve(?![\w’])")
_PAST_FR = re.compile(r"[a-zé](?:ait|aient)(?![\w’])|(?<![\w’])(?:fut|furent)(?![\w’])")
_PERFECT = re.compile(r"(?<![\w’])(?:has|have|hasn’t|haven’t)(?![\w’])|’ve(?![\w’])|’s been(?![\w’])")
""""For twelve years … has presented": counted to now; "worked for twelve years at a bank" is a past."""
# A month or a season named relative to the day of writing ("en décembre dernier", "since last December",
# "cet hiver", "this winter"), a stretch that ends on that day ("ces dernières semaines", "in recent
# weeks"), and in French a bare weekday ("vous n'étiez pas là samedi": the Saturday just gone).
_SEASONS = {"fr": "hiver|printemps|été|automne", "en": "winter|spring|summer|autumn|fall"}
_LATELY = {"fr": r"ces (?:dernières|dernieres|prochaines) semaines|ces (?:derniers|prochains) (?:jours|mois)|ces jours-ci",
           "en": r"in (?:the )?(?:recent|past|last|coming|next) (?:few )?(?:days|weeks|months)|(?:these|those) days"}
_WEEKDAYS = {"fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
             "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}


# Words without which neither pattern can match, as whole words: one scan of the text finds whether either
# pattern is worth running ("été" inside "signalétiques", "mai" inside "maintenant" no longer wake them).
_CUES = {"fr": ("hiver", "printemps", "été", "automne", "ces", "noël", "pâques", "fêtes", "réveillon", "black",
                "halloween", "saint-valentin", "rentrée", "soldes", "toussaint", "fête", "vient", "viennent",
                "commencé", "démarré", "débuté", "viens", "venez", "venons", "jusqu’ici", "jusqu’à", "jour", "instant",
                "moment", "début", "saison", "inscriptions", "inscription", "places", "inscrivez-vous", "réservez", "nouvel",
                "fin", "premières", "premiers", "première"),
         "en": ("winter", "spring", "summer", "autumn", "fall", "recent", "past", "coming", "next", "last",
                "these", "those", "on", "christmas", "easter", "holidays", "holiday", "until", "till", "before",
                "after", "since", "black", "cyber", "festive", "halloween", "valentine’s", "mother’s", "father’s",
                "thanksgiving", "bonfire", "boxing", "started", "begun", "opened", "launched", "just", "far", "date",
                "counting", "stand", "season", "registration", "registrations", "booking", "bookings", "entries",
                "places", "book", "sign", "year", "first")}
# A holiday ties a text to its date like a month does: "this Christmas" is relative, "Christmas" a date
# ("Flying from Northmoor this Christmas" was recycled on 30 January).
# The days that shops and brands make their own (set 15: "This Black Friday, the best bike deal is probably
# in your shed" went out until late January) are dates too, and "festive" ("your festive food waste guide",
# set 47, recycled in spring).
_HOLIDAYS = {"fr": r"noël|pâques|(?:les |des |ces )?fêtes de fin d’année|(?:le |du )?réveillon|black friday"
                   r"|halloween|(?:la )?saint-valentin|fête des (?:mères|pères|grands-mères)|(?:la |cette )rentrée"
                   r"|(?:les |ces )soldes|toussaint",
             "en": r"christmas|easter|(?:the )?(?:christmas|summer|easter|festive) holidays|new year’s eve"
                   r"|festive(?:\s+[a-z]+){0,3}\s+(?:season|period|guide|menu|break|opening hours)"
                   r"|black friday|cyber monday|halloween|valentine’s day|mother’s day|father’s day|thanksgiving"
                   r"|bonfire night|boxing day"}


_JUST_DONE = {
    # The recent past: "le décompte que vous venez de recevoir" (set 32), "we have just opened": true the
    # week it is written, whatever the verb.
    "fr": re.compile(r"(?<![\w’])(?:viens|vient|venons|venez|viennent)\s+(?:de\s+|d’)[a-zà-ÿ’]+(?:er|ir|re|oir)(?![\w’])"),
    "en": re.compile(r"(?<![\w’])(?:has|have|’ve|’s)\s+just\s+(?:been\s+)?[a-z]+(?:ed|en|t|ne)(?![\w’])"),
}
_JUST_STARTED = {
    # News of a start, true the week it is written: "Our winter season has started, with the water at
    # 10.8°C and falling" went out as an evergreen a month later (set 24). Not "has started to" (a trend).
    # The verb ends its clause ("has started, with…", "a démarré."): "has opened every winter since 1936",
    # "a commencé sa carrière en 1998", "has launched 40 shops" say when or what, and stay true.
    "en": r"(?<![\w’])(?:has|have)\s+(?:just\s+)?(?:started|begun|opened|launched)(?=\s*(?:[,.;:!?…]|$|\s(?:with|and)\b))",
    "fr": r"(?<![\w’])(?:vient|viennent)\s+(?:de\s+|d’)(?:commencer|démarrer|débuter|ouvrir|s’ouvrir|lancer)"
          r"|(?<![\w’])(?:a|ont)\s+(?:commencé|démarré|débuté)(?=\s*(?:[,.;:!?…]|$|\s(?:avec|et)\b))",
}
_SO_FAR = {
    # A running count or a state "so far" (set 27: "Forty-seven callouts and counting: our year on the hill
    # so far" went out in January): true for the days after it is written, stale when recycled.
    "en": re.compile(r"(?<![\w’])(?:so far|to date|and counting|year to date|as things stand)(?![\w’])"),
    "fr": re.compile(r"(?<![\w’])(?:jusqu’ici|jusqu’à présent|à ce jour|pour l’instant|pour le moment|depuis le début"
                     r" de l’année)(?![\w’])"),
}
_OPEN_NOW = {
    # A call that holds while places last: "les inscriptions sont ouvertes" recycled in January (set 48), a
    # one-off sale, "book now". True at launch and in the follow-ups, not as an evergreen.
    "fr": re.compile(r"(?<![\w’])(?:inscriptions?\s+(?:sont\s+|est\s+)?(?:ouvertes?|closes?)|il reste (?:des|quelques)"
                     r" places|inscrivez-vous|réservez(?:\s+dès maintenant|\s+vite|\s+votre place))(?![\w’])"),
    "en": re.compile(r"(?<![\w’])(?:registrations?\s+(?:is|are)\s+(?:now\s+)?open|(?:booking|bookings|entries)\s+(?:is|are)"
                     r"\s+(?:now\s+)?open|places are (?:still )?available|book (?:now|your place|early)|sign up now)"
                     r"(?![\w’])"),
}
_FUTURE = {"en": re.compile(r"(?<![\w’])(?:will|’ll|is due|are due|is expected|are expected|is scheduled|planned for)"
                           r"(?![\w’])"),
           "fr": re.compile(r"(?<![\w’])(?:sera|seront|aura|auront|ira|iront|est prévue?s?|sont prévue?s?|d’ici)(?![\w’])")}
_MONTH_YEAR = {language: re.compile(rf"(?<![\w’])(?:{'|'.join(lexicon.MONTHS[language])})[\s\u00a0\u202f]+(?:19|20)\d\d")
               for language in ("en", "fr")}
_LEAVES_IN = {
    # A present that says a future, with its month in the same clause and no year: "Pippin, who leaves for
    # advanced training in January" (set 50), "La tournée repart en mars". Not a habit ("Swifts leave in
    # August", "She returns to the farm in June every year"): a third-person verb, and no "every"/"chaque".
    "en": re.compile(rf"(?<![\w’])(?:leaves|reopens|returns|moves|starts|begins)(?![\w’])[^.;!?]{{0,40}}?(?<![\w’])in\s+"
                     rf"(?P<month>{'|'.join(lexicon.MONTHS['en'])})(?![\w’])(?![\s\u00a0\u202f]+(?:19|20)\d\d)"
                     r"(?![^.;!?]*(?<![\w’])(?:every|each)(?![\w’]))"),
    "fr": re.compile(rf"(?<![\w’])(?:repart|partira|reviendra|rouvrira|fermera|démarrera|commencera)(?![\w’])[^.;!?]{{0,40}}?"
                     rf"(?<![\w’])en\s+(?:{'|'.join(lexicon.MONTHS['fr'])})(?![\w’])(?![\s\u00a0\u202f]+(?:19|20)\d\d)"
                     r"(?![^.;!?]*(?<![\w’])chaque(?![\w’]))"),
}


_Trie = dict[str, "_Trie"]
"""Next character -> the words' rest; the key "" marks a word that ends there."""


def _trie(words: Iterable[str]) -> str:
    """An alternation of ``words`` factored by common prefixes (``ma(?:rch|y)`` for ``march|may``): it
    matches the same strings as ``march|may|…``, so a search finds a match where the plain alternation
    does, but the regex engine tries one branch per next character instead of every word at each place
    (moment_in runs on every candidate of a plan: its cue-word search, 0.35 -> 0.23 s over 107,000 texts of
    the corpora, every answer unchanged)."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [re.escape(char) + emit(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        ends = "" in node
        if len(branches) == 1 and not ends:
            return branches[0]
        return f"(?:{'|'.join(branches)})" + ("?" if ends else "")

    return emit(tree)


@lru_cache(maxsize=8)
def _lexicon(language: str) -> tuple[dict[str, tuple[tuple[str, ...], ...]], re.Pattern[str], re.Pattern[str],
                                     re.Pattern[str], re.Pattern[str]]:
    """Relative phrases by their first word, the cue words the patterns need, the date pattern, the longest
    word of each phrase (a substring search that clears most texts before they are split into words), and
    the pattern of relative months, seasons, recent stretches and bare weekdays."""
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lexicon.RELATIVE_TIME[language]:
        words = tuple(_TOKENS.findall(phrase))
        phrases.setdefault(words[0], []).append(words)
    # Does the text hold one of these as a substring: one search of their trie, not a Python test per word.
    telling = re.compile(_trie({max(_TOKENS.findall(p), key=len) for p in lexicon.RELATIVE_TIME[language]}))
    months = "|".join(lexicon.MONTHS[language])
    months_en = "|".join(m for m in lexicon.MONTHS["en"] if m not in VERBS_TOO)  # "the march to the town hall"
    days = "|".join(_WEEKDAYS[language])
    # A month with no year after a word of time ("dès janvier", "since May", "until March"): this year's,
    # as stale in February as a dated day.
    year = r"(?![\s\u00a0\u202f]+(?:19|20)\d\d)"
    if language == "fr":
        date = (rf"(?<!\w)\d{{1,2}}(?:er)?[\s\u00a0\u202f]+(?:{months})(?!\w)|(?<!\w)(?:le|du|au|ce)\s+(?:{days})(?!\w)"
                rf"|(?<![\w’])(?:dès|depuis|jusqu’en|d’ici|à partir de|à compter de|fin|début|mi-|avant|après)\s?(?:{months})"
                rf"(?!\w){year}"
                # a story's month: "En septembre, Jo a traversé…" (set 51: "In September" recycled a year on)
                rf"|(?:^|[.!?…]\s+)en\s+(?:{months}){year}\s*,"
                # an event of a month: "l’inventaire d’octobre" (set 52), recycled into the next October
                rf"|(?<![\w’])(?:l’|le\s|la\s|les\s)(?:{_EVENTS['fr']})\s(?:d’|de\s)(?:{months})(?!\w){year}")
    else:
        date = (rf"(?<!\w)(?:{months})\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\w)|(?<!\w)\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})(?!\w)"
                rf"|(?<!\w)on\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)(?!\w)"
                rf"|(?<!\w)(?:since|until|till|from|by|starting in|early|late|mid-|before|after)\s?(?:{months})(?!\w){year}"
                rf"|(?<!\w)(?:until|till|by|from|before|after|since)\s+the\s+\d{{1,2}}(?:st|nd|rd|th)(?!\w)"
                rf"|(?<!\w)the\s+(?:{months_en})\s+(?:{_EVENTS['en']})(?!\w)|(?<!\w)(?:{months_en})’s\s+(?:{_EVENTS['en']})(?!\w)"
                rf"|(?:^|[.!?…]\s+)in\s+(?:{months}){year}\s*,")  # "In September, Jo became…" (set 51)
    words = (*lexicon.MONTHS[language], *_WEEKDAYS[language], *_CUES[language])
    cues = re.compile(r"(?<!\w)(?:" + _trie(words) + r")s?(?!\w)")  # only ever asked whether it is found
    seasons = _SEASONS[language]
    date = rf"{date}|(?<![\w’])(?:{_HOLIDAYS[language]})(?![\w’])"
    # A season as a deadline: "les 212 prises qui restent à faire avant l’été" (set 40), "by the summer".
    # The year's turn too: "twelve more volunteer drivers before the new year" (set 98, recycled in February).
    date += (rf"|(?<![\w’])(?:avant|d’ici|dès|pour|jusqu’à|à partir de)\s+(?:l’|le\s)(?:{seasons})(?![\w’])"
             rf"|(?<![\w’])(?:avant|d’ici(?:\s+à)?|pour|jusqu’à|jusqu’aux)\s+(?:le\s+nouvel\s+an|(?:la\s+)?fin\s+d(?:e\s+l’|’)année"
             rf"|(?:les\s+)?premi(?:ères|ers)\s+(?:(?:grandes|grands|grosses|fortes)\s+)?(?:gelées|gels|neiges|froids|tempêtes)"
             rf"|la\s+première\s+(?:(?:grosse|grande|forte)\s+)?(?:gelée|neige|tempête))(?![\w’])"
             if language == "fr" else
             rf"|(?<![\w’])(?:before|until|till|in time for|ahead of)\s+(?:the\s+)?(?:{seasons})(?![\w’])"
             rf"|(?<![\w’])by\s+(?:the\s+)?(?:{seasons})(?!\s+[a-z])"  # not "closed by winter storms"
             rf"|(?<![\w’])(?:before|by|until|till|in time for|ahead of)\s+(?:the\s+)?(?:new\s+year|end\s+of\s+the\s+year"
             rf"|first\s+(?:(?:big|major|real|hard|heavy)\s+)?(?:frosts?|snow|snowfall|storms?|freeze|cold\s+snap))(?![\w’])")  # "before the first frost" (set 98, recycled in February)
    if language == "fr":
        relative = (rf"(?<!\w)(?:{months})\s+(?:dernier|prochain)(?!\w)|(?<!\w)(?:cet|ce)\s+(?:{seasons})(?!\w)"
                    rf"|(?<![\w’])depuis\s+(?:le\s+|l’)(?:{seasons})(?![\w’])(?![\s\u00a0]+(?:19|20)\d\d)"
                    rf"|(?<![\w’])(?:ce|à ce|pour ce|ce dernier|le prochain)\s+(?:noël|black friday|halloween)(?![\w’])"
                    rf"|cette fin d’année|cette rentrée|cette saint-valentin|cette fête des (?:mères|pères|grands-mères)"
                    rf"|(?<![\w’])ces soldes|cette toussaint|cette saison(?![\w’])"
                    rf"|(?<![\w’-])(?<!le )(?<!les )(?<!chaque )(?<!tous les )(?<!du )(?<!au )(?<!ce )(?:{days})(?![\w-])"
                    rf"|{_LATELY[language]}"
                    rf"|{_JUST_STARTED[language]}")
    else:
        relative = (rf"(?<!\w)(?:last|next|this past|this coming)\s+(?:{months}|{seasons}|christmas|easter|{days})(?!\w)"
                    rf"|(?<!\w)(?:{days})’s(?!\w)|(?<!\w)this\s+(?:{days}|{months})(?!\w)"  # "this August" (set 28)
                    rf"|(?<!\w)this\s+(?:{seasons}|christmas|easter|black friday|cyber monday|halloween|thanksgiving"
                    rf"|valentine’s day|mother’s day|father’s day|bonfire night|boxing day)(?!\w)"
                    rf"|{_LATELY[language]}"
                    # "on Saturday" with no date: the Saturday just gone, wrong nine days later (set 11)
                    rf"|(?<!\w)on\s+(?:{days})(?!\w)(?!,?\s+\d)(?!,?\s+(?:{months}))"
                    rf"|(?<!\w)since\s+(?:the\s+)?(?:{seasons})(?!\w)"
                    rf"|(?<!\w)this\s+(?:(?!every|each|and|is|was|the)[a-z]+\s+)?season(?!\w)"  # "this planting season"
                    rf"|{_JUST_STARTED[language]}")
    return ({k: tuple(v) for k, v in phrases.items()}, cues, re.compile(date, re.I), telling,
            re.compile(relative, re.I))


def moment_in(text: str, lang: str) -> str | None:
    """`RELATIVE`, `DATE`, `SINCE` or None: the kind of moment ``text`` is tied to. Word look-ups first: a plan
    asks this of every candidate, and most have no time word at all."""
    language = lexicon.lang_of(lang)
    if not language:
        return None
    phrases, cues, date, telling, relative = _lexicon(language)
    low = text.lower().replace("'", "’")  # summaries and takeaways are matched as written, before typesetting
    if telling.search(low):
        words = [w[:-2] if w.endswith("’s") else w for w in _TOKENS.findall(low)]  # "last year’s", "today’s"
        for i, word in enumerate(words):
            for phrase in phrases.get(word, ()):
                if len(phrase) == 1 or tuple(words[i:i + len(phrase)]) == phrase:
                    return RELATIVE
    if ("ago" in low or "il y a" in low) and _AGO[language].search(low):
        return RELATIVE
    if cues.search(low) is None:  # one scan for every cue word below: most texts have none
        return SINCE if _counts_to_now(low, language, text) else _present_for_month(low, language)
    if _JUST_DONE[language].search(low):
        return RELATIVE
    if _SO_FAR[language].search(low):
        return DATE  # "Forty-seven callouts and counting: our year so far", true until the count moves on
    if _OPEN_NOW[language].search(low):
        return DATE
    if relative.search(low):
        return RELATIVE
    if any(language == "fr" or _a_month_as_written(found, text) for found in date.finditer(low)):
        return DATE
    if _FUTURE[language].search(low) and _MONTH_YEAR[language].search(low):
        return DATE  # "will be published … in January 2027": stale once January is past
    leaves = _LEAVES_IN[language].search(low)
    if leaves and (language == "fr" or _capitalised(text, leaves.start("month"))):
        return DATE  # "leaves … in January" (not "in may")
    # a date or "last Saturday" says more; then a present with its month and year
    return SINCE if _counts_to_now(low, language, text) else _present_for_month(low, language)


def _present_for_month(low: str, language: str) -> str | None:
    """DATE for "rejoignent le dispositif en janvier 2027": said in the present, stale once January is past;
    asked last, so a relative word or a count to now keeps its own kind."""
    return DATE if ("20" in low or "19" in low) and _PRESENT_FOR_MONTH[language].search(low) else None


_PRESENT_FOR_MONTH = {
    # A present that says a future, with a month and its year in the same clause: "Deux autres EHPAD rejoignent
    # le dispositif en janvier 2027" (set 85). With the year it is one moment, never a habit; a historical
    # present ("En mars 2019, le service ouvre…") is not recycled either, which costs a recycle, not a fault.
    # Not a noun after its article ("The changes in January 2025", "la ferme des Salines"), not a participle
    # after its auxiliary ("Elle a rejoint l’équipe en mars 2019"), not the preposition "entre".
    "en": re.compile(r"(?<!\bthe )(?<!\btax )(?<!\bits )(?<!\bour )(?<!\ba )(?<!\ban )(?<!\btheir )"
                     r"(?<![\w’])(?:joins?|opens?|reopens?|starts?|begins?|returns?|moves?|arrives?|launch(?:es)?|closes?"
                     r"|goes live|go live|comes? into force|takes? effect|switch(?:es)?|changes?)(?![\w’])[^.;!?]{0,60}?"
                     rf"(?<![\w’])(?:in|from|on|by)\s+(?:(?:early|late|mid-?)\s*)?(?:{'|'.join(lexicon.MONTHS['en'])})"
                     r"[\s\u00a0\u202f]+(?:19|20)\d\d"),
    "fr": re.compile(r"(?<!\bla )(?<!\ble )(?<!\bles )(?<!\bune )(?<!\bun )(?<!\bdes )(?<!\bdu )(?<!\bsa )(?<!\bson )"
                     r"(?<!\ba )(?<!\bont )(?<!\bavait )(?<!\best )(?<!\bsont )(?<!\bl’)"
                     r"(?<![\w’])(?:rejoin(?:t|ts)|rejoignent|ouvren?t?|rouvren?t?|commencen?t?|démarren?t?|arriven?t?"
                     r"|repart(?:ent)?|reprend|reprennent|entrent|passen?t?|devien(?:t|nent)|bascule(?:nt)?|lancen?t?)"
                     r"(?![\w’])[^.;!?]{0,60}?(?<![\w’])(?:en|dès|à partir de|début|fin|mi-)\s*"
                     rf"(?:{'|'.join(lexicon.MONTHS['fr'])})[\s\u00a0\u202f]+(?:19|20)\d\d"),
}
_AGE = {
    # Someone's age on the day of writing, matched as written: "At 84, Stan still turns bowls" (set 62), "Stan,
    # 84, …", "À 84 ans, Stan…". Not a time ("At 10, the doors open"), a wine "aged 12 months", "children aged
    # 5 to 11".
    "en": re.compile(r"(?:^|[.!?…]\s+)At\s+\d{2,3},\s+[A-Z][a-z]+\s+[a-z]|(?<=[a-z]),?\s[A-Z][a-z]+,\s+\d{2,3},\s"
                     r"|^[A-Z][a-z]+,\s+\d{2,3},\s"),
    "fr": re.compile(r"(?:^|[.!?…]\s+)À\s+\d{2,3}\s+ans,\s+[A-ZÀ-Ö][a-zà-ÿ]+\s+[a-zà-ÿ]"),
}
_AGED = re.compile(r"\d,\s")
"""What every English `_AGE` needs ("84, "): a scan for it is a tenth of the cost of `_AGE`'s."""
_NOW_VERBS = r"have|has|work|count|counts|number|numbers|serve|serves|employ|employs|run|runs|total|totals"
_NOW_COUNT = re.compile(
    # "We now have 64 runners" / "Two now work for the shelter" (set 61): a count right beside "now" and its
    # verb; "Members now have two ways to vote" has no count of who or what the piece counts: a way is no count.
    rf"(?<![\w’])now\s+(?:{_NOW_VERBS})\s+(?:more than\s+|over\s+|nearly\s+|almost\s+|about\s+)?\d"
    rf"|(?:^|[.!?…]\s+|,\s+)(?:\d[\d,]*|{lexicon.cardinals('en', 2, 24)})\s+(?:[a-z]+\s+)?now\s+(?:{_NOW_VERBS})(?![\w’])")


def _a_month_as_written(found: re.Match[str], text: str) -> bool:
    """A date match whose "may" or "march" is a month in the text as written ("12 May", not "Children
    under 5 may attend free", which the lower-cased match read as 5 May)."""
    for word in VERBS_TOO:
        at = found.group().find(word)
        if at >= 0 and re.fullmatch(rf"(?:.*\W)?{word}(?:\W.*)?", found.group(), re.S):
            return _capitalised(text, found.start() + at)
    return True


def _capitalised(text: str, at: int) -> bool:
    """Is the letter at ``at`` of the text as written a capital ("in January", not "in may")?"""
    return text[at:at + 1].isupper()


_RAISED_SO_FAR = {
    # A running total of an appeal that is still open: "The appeal for a second four has raised £17,600 of its
    # £29,500" (set 94, stale when recycled two months on); « nous avons déjà collecté 8 200 € », « 8 200 €
    # réunis sur les 12 000 nécessaires ». French's passé composé alone is a plain past (a closed campaign).
    # An amount, or a count "of" a target ("12 of our 20 places"): not "have raised 12 objections".
    "en": re.compile(r"(?:(?<![\w’])(?:has|have)|’ve)\s+(?:now\s+|already\s+|so far\s+)?(?:raised|collected|gathered)\s+"
                     r"(?:a total of\s+)?(?:more than\s+|over\s+|nearly\s+|almost\s+|about\s+)?(?:[£€$]\s?\d"
                     r"|\d[\d,.]*\s*(?:euros?|pounds|dollars|k\b)|\d[\d,.]*\s+of\s+(?:its|our|the|their|a)\s)"),
    "fr": re.compile(r"(?<![\w’])déjà\s+(?:récolté|collecté|réuni|levé|rassemblé)\s+(?:plus de\s+|près de\s+)?\d"
                     r"|(?:récolté|collecté|réuni|levé|rassemblé)s?\s+[^.;]{0,25}?sur\s+(?:les|un objectif de)\s+\d"
                     r"|(?<![\w’])déjà\s+\d[\d\s\u00a0\u202f]*(?:€|euros)"),
}


def _counts_to_now(low: str, language: str, text: str = "") -> bool:
    """A stretch of time counted up to the day of writing ("depuis un an", "for twelve years … has").
    The cue words are tested with chained ``in``, not ``any()`` over a generator: the same answers without
    a generator per text (every candidate of a plan without a cue word ends here)."""
    if ("raised" in low or "collected" in low or "gathered" in low or "déjà" in low or "récolté" in low
            or "collecté" in low or "réunis" in low or "levés" in low or "rassemblé" in low) and \
            _RAISED_SO_FAR[language].search(low):  # its verbs as cues: every candidate of a plan passes here
        return True
    if language == "fr":
        return (("depuis" in low or "voilà" in low or "voici" in low or "fait" in low)
                and bool(_TO_NOW["fr"].search(low))) or (
            "après" in low and bool(_AFTER["fr"].search(low)) and not _PAST_FR.search(low)) or (
            " ans" in low and bool(_AGE["fr"].search(text)))
    if _AGED.search(text) and _AGE["en"].search(text):  # the cheap test first: its unanchored branch is slow
        return True  # "At 84, Stan still turns bowls" (set 62), "Stan, 84, …": 85 a year on
    if "now" in low and _NOW_COUNT.search(low):
        return True  # "We now have 64 runners and 131 guides" (set 61): the count moves on
    if not ("year" in low or "month" in low or "week" in low or "days" in low or "season" in low):
        return False
    if (" for " in low or " over " in low or low.startswith(("for ", "over "))) and _TO_NOW["en"].search(low) and \
            _PERFECT.search(low):
        return True
    after = (" after " in low or " into " in low) and _AFTER["en"].search(low)
    # "N weeks into her new job" is now; "N months after switching" only with a present ("deliveries are")
    return bool((after and (after.group().endswith("into") or _PRESENT.search(low)))
                or (" on" in low and _ON["en"].search(low)))


VERBS_TOO = ("may", "march")
"""English months that are words too: a month only with its capital."""
_EVENTS = {
    # What happens in a month and is over by the next one: "l’inventaire d’octobre" (set 52), "the October
    # count"; not "la lune de mars", "the August sun", "les semis de mai" (advice for every May).
    "en": r"counts?|surveys?|inventory|census|sale|fair|meeting|session|intake|edition|deadline|round|draw|ballot"
          r"|closure|market|festival|exhibition|concert|show|open day|appeal|campaign|strike|storm|flood",
    "fr": r"inventaires?|comptages?|recensements?|fêtes?|foires?|marchés?|ventes?|bourses?|sessions?|réunions?"
          r"|assemblées?|éditions?|fermetures?|tournées?|collectes?|vendanges?|concerts?|salons?|festivals?|stages?"
          r"|permanences?|tempêtes?|crues?|grèves?|campagnes?",
}
__all__ = ["DATE", "RELATIVE", "SINCE", "VERBS_TOO", "moment_in"]
