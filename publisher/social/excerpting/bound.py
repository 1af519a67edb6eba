"""Sentences that read whole but are bound to their piece: `why_bound` says why, or None.

What they lean on, in French and English (background and logistics, the event's programme and scenes
are background.py's, asked first):

- anaphora: an adverbial pronoun y/en before a verb ("46 000 objets y sont conservés"), an object
  pronoun before an auxiliary ("La commune l’a retenu") or in the first clause ("Je ne les reprends
  pas"), "them" with nothing named, a contrastive "X, lui, …";
- a definite or quantified subject the piece introduced and its title does not ("Les participants
  ont…", "Some volumes", "The completed index"), unless a name says which before the verb; two bare
  definite phrases the piece introduced ("the depot", "the bakeries");
- numbered parts of the piece ("stages 1 to 4"), a count given before ("the 22 hectares", "les 84
  panneaux"), a case study's figure that says nobody's;
- a label or timetable line that needs its heading ("Objectif : …", "Février 2027 : …") and a verbless
  enumeration ("Une matinée de…, un après-midi de…", "Les consoles, les projecteurs, la motorisation");
- "that number", "ce chiffre", "shared the numbers" without them: what it points at is elsewhere;
- what continuing.py finds: "also", "there", "Together", "Among the …".
"""

from __future__ import annotations

import re

from publisher.social.excerpting import background, clauses, continuing, lexicon, salience

_ADVERBIAL_PRONOUN = {
    # "46 000 objets y sont conservés", "nous en avons produit": y/en for a place or thing named before.
    "fr": re.compile(r"(?<![\w’])(?<!il )(?<!qu’il )(?:y|en) (?:ne |n’)?([\w’]+)"),
}
_AUXILIARIES = lexicon.words("a ont ai avons avez avait avaient aura auront est sont était étaient sera seront")
_OBJECT_BEFORE_AUXILIARY = {
    "fr": re.compile(r"(?<![\w’])(?:l’|les )(?:a|ont|avait|avaient|aura|auront|avons|avez|ai|aurait)(?![\w’])"),
    "en": re.compile(r"(?!)"),
}
# "…we'd like your help to transcribe them.", "They wrote it all down": an object pronoun whose things the
# sentence never names (no plural noun before "them").
_THEM = re.compile(r"(?<![\w’])(?:them|it all)(?![\w’])")
_PLURAL = re.compile(r"(?<![\w’])(?!(?:this|his|its|was|is|has|us|yes|less|unless|across|thus|plus|perhaps|always"
                     r"|sometimes|towards|afterwards|does|goes|versus|whereas|focus|status|process|business|access"
                     r"|address|progress|success|campus|bus|gas|basis|analysis|crisis|series|news)(?![\w’]))"
                     r"[a-z][a-z’-]*[a-rt-z]s(?![\w’])|(?<![\w’])(?:people|children|staff|data|media|men|women)(?![\w’])"
                     r"|\d")
# "…pour le rendre compatible", "afin de les former": le/la/les before a common infinitive stands for
# something named before (a list of verbs, not an ending: "de la mer", "pour le dîner" are nouns).
_CLITIC_FIRST_CLAUSE = re.compile(
    # "Je ne les reprends pas, je les continue.", "…qu’ils l’apprennent": le/la/les before the verb of the
    # first clause, where nothing in the sentence can be what it stands for.
    r"^[«“\s]*[^,;:«“]*?(?:(?<![\w’])|(?<=qu’))(?:je|j’|tu|il|elle|on|nous|vous|ils|elles)\s*(?:ne\s|n’)?"
    r"(?:les\s|la\s|le\s|l’)"
    r"(?!un\b|une\b|des\b|plus\b|moins\b|même|mieux|seul|premier|dernier|temps\b|cas\b|jour\b|mois\b|matin\b"
    # "On le sait, …", "Je le dis souvent : …": a pronoun for what follows, not for what came before.
    r"|sai[st]\b|savons|savez|savent|dis\b|dit\b|disons|répète|rappelle|rappelons|crois\b|pense\b|avoue|reconnai"
    r"|admets|constate|voi[st]\b|voyons|répétons)"
    r"(?:y\s|en\s)?[a-zà-ÿ]{2,}(?:e|es|ent|ons|ez|s|t|ai|ais|ait|é|ée|és|ées|a|ont|ra|rons)\b")
_CLITIC_INFINITIVE = re.compile(
    r"(?:(?<![\w’])|(?<=qu’))(?:pour|de|d’|à|sans|afin de|pouvoir|peut|peuvent|faut|doit|doivent|va|vont)\s*(?:le|la|les|l’)\s*"
    r"(?:rendre|faire|mettre|remettre|prendre|reprendre|voir|revoir|suivre|garder|tenir|convaincre|aider|accompagner"
    r"|former|utiliser|installer|adapter|tester|lire|écrire|dire|transformer|réparer|remplacer|vendre|acheter|trouver"
    r"|retrouver|laisser|porter|ramener|conserver|protéger|financer|déplacer|ouvrir|fermer|recevoir|accueillir)(?![\w’])")
_CONTRASTIVE = {
    "fr": re.compile(r",\s(?:lui|elle|eux|elles)(?:-mêmes?)?,"),
    "en": re.compile(r",\s(?:for (?:its|their|his|her) part|in turn),"),
}
_DEFINITE_SUBJECT = {
    # "Some volumes", "Every page", "Chaque exemplaire": a share of a set the piece introduced, too.
    "fr": re.compile(r"^(?:[^,]{1,40},\s)?(?:les\s|le\s|la\s|l’|certains\s|certaines\s|chaque\s|tous les\s"
                     r"|toutes les\s)([\w-]+)"
                     r"((?:\s[\w’-]+){0,3})"),
    "en": re.compile(r"^(?:[^,]{1,40},\s)?(?:the|some|every|each)\s([\w-]+)((?:\s[\w’-]+){0,3})", re.I),
}
_SUBJECT_WORDS = 5
"""How far a name still tells which thing a definite subject is ("The Harlow depot's vans…")."""
_COPULAS = {"fr": lexicon.words("est sont était étaient sera seront reste restent représente consiste"),
            "en": lexicon.words("is are was were will remains means")}
_FINITE_AFTER_NOUN = lexicon.words("will is are was were has have had can could may might must should would does do"
                                   " did remains remain stays stay")
"""After an English subject's head noun: "The completed index will be…" (its head is "index")."""
_DEFINITE = {
    # Any bare definite phrase in the sentence, with the word after it (a complement defines it).
    "fr": re.compile(r"(?<![\w’])(?:les\s|le\s|la\s|l’|aux\s|au\s)([\w-]+)((?:\s[\w’-]+){0,1})"),
    "en": re.compile(r"(?<![\w’])the\s([\w-]+)((?:\s[\w’-]+){0,1})"),
}
_SUBJECT_COMPLEMENT = {
    # "Aucun autre bâtiment de la commune ne pouvait…": the subject's complement is the described thing.
    "fr": re.compile(r"^(?:[^,\s]+\s){1,4}?(?:de la\s|du\s|des\s|de l’)([\w-]+)((?:\s[\w’-]+){0,3})"),
    "en": re.compile(r"^(?:[^,\s]+\s){1,4}?of the\s([\w-]+)((?:\s[\w’-]+){0,3})"),
}
_DEFINES = {
    # What makes a definite description name its own referent: a complement or a relative clause.
    "fr": lexicon.words("de d’ du des qui que qu’ dont où avec à au aux pour chez"),
    "en": lexicon.words("of who that which whose with for at in from"),
}
_MONTHS = {language: "|".join(months) for language, months in lexicon.MONTHS.items()}
_TIMETABLE = {
    "fr": re.compile(rf"^(?:(?:\d{{1,2}}(?:er)? )?(?:{_MONTHS['fr']})(?: {background.YEAR})?|{background.YEAR}|jusqu’(?:au|à|en) [^:]{{1,25}}"
                     rf"|(?:à partir|à compter) d[u’e] [^:]{{1,25}}|(?:d’ici|avant|fin|début|mi-)\s?[^:]{{1,20}})"
                     r"[\s\u00a0\u202f]*:", re.I),
    "en": re.compile(rf"^(?:(?:{_MONTHS['en']})(?: \d{{1,2}})?(?: {background.YEAR})?|{background.YEAR}|(?:until|by|from|before|early"
                     rf"|late|mid-)\s?[^:]{{1,25}})[\s\u00a0\u202f]*:", re.I),
}
_LABEL = re.compile(r"^([^:;,.!?]{1,60}?)[\s\u00a0\u202f]*:[\s\u00a0\u202f]")
_ENUMERATED = {
    "fr": ("un ", "une ", "des ", "du ", "de la ", "de l’", "beaucoup ", "plusieurs ", "quelques ", "et un ",
           "et une ", "et des ", "et du ", "et beaucoup ", "et quelques ", "et plusieurs "),
    "en": ("a ", "an ", "some ", "plenty ", "lots ", "many ", "several ", "and a ", "and an ", "and some ",
           "and plenty ", "and lots ", "and many "),
}
_DEFINITE_LISTED = {"fr": ("les ", "le ", "la ", "l’", "et les ", "et le ", "et la ", "et l’"),
                    "en": ("the ", "and the ")}
_DEMONSTRATIVE = {
    # "Put that number in front of…", "Présentez ce chiffre…": the thing it points at is elsewhere.
    "en": re.compile(r"(?<![\w’])(?:put|use|take|keep|share|send|bring|show|give|make|check|with|of|in|on|for|from"
                     r"|into|about|at|by|to) that (?!is|was|are|were|it|they|we|you|he|she|the|a|an|every|each"
                     r"|any|no|all|most|some|our|your|their|its|his|her|this|these)([a-z][\w-]+)"),
    "fr": re.compile(r"(?<![\w’])ce (?!qui|que|qu’|dont|sont|soit|serait|sera|fut|n’|ne|faisant|disant|jour-là"
                     r"|matin|soir)([a-zà-ÿ][\w’-]+)"),
}
_GENERIC = {
    # "La ventilation n’est pas une option…": a definition holds of any such thing, not one named before.
    "fr": re.compile(r"^\s(?:n’)?(?:est|sont)(?: pas)? (?:une?|des)\s"),
    "en": re.compile(r"^\s(?:is|are)(?: not)? (?:an?)\s"),
}
_REFERRING_NOUNS = {
    # Subjects that always refer back when nothing completes them ("Le point sera étudié…").
    "fr": lexicon.words("point sujet question idée proposition piste mesure solution chiffre décision objectif but"
                        " cible enjeu économie gain résultat bilan projet démarche"),
    "en": lexicon.words("point issue question idea proposal measure solution figure number decision goal aim target"
                        " objective saving savings gain result outcome project approach"),
}
_ANNOUNCES = re.compile(r"(?<![\w’])(?:sont les suivant(?:e)?s|est le suivant|est la suivante|as follows|are the following)"
                        r"(?![\w’])")
_TEASES = {
    # "Martin Hale shared the numbers from our depot": the numbers are in the next sentence, not in the post.
    "en": re.compile(r"(?<![\w’])(?:shared|presented|gave|showed|set out|walked (?:us|the room|delegates) through)"
                     r" (?:the|his|her|their|our|its|some) (?:key )?(?:numbers|figures|results|findings|data|lessons)"
                     r"(?![\w’])"),
    "fr": re.compile(r"(?<![\w’])(?:a|ont) (?:présenté|partagé|détaillé|livré|exposé|donné) (?:les|ses|leurs|nos|des)"
                     r" (?:premiers )?(?:chiffres|résultats|conclusions|enseignements|données)(?![\w’])"),
}
_NAMED = re.compile(r"(?<=[\s’(])[A-ZÀ-Ö][\w’-]+")


_PARTS = {
    # "Done properly, stages 1 to 4 cost…": numbered parts of the piece's own method.
    "en": re.compile(r"(?<![\w’])(?:stages?|steps?|phases?|points?|recommendations?|sections?) (?:\d+(?:(?: to |-| and |–)\d+)?"
                     rf"|{lexicon.cardinals('en', 1, 10)})(?![\w’])"),
    "fr": re.compile(r"(?<![\w’])(?:étapes?|phases?|points?|recommandations?|parties?|sections?) (?:\d+(?:(?: à |-| et |–)\d+)?"
                     rf"|une|{lexicon.cardinals('fr', 2, 10)})(?![\w’])"),
}
_POSSESSOR = re.compile(r"^[A-ZÀ-Ö][\w-]*(?:’s|’)\s")
""""Brookhill’s missed visits…": the sentence's first word names whose figures they are."""


_COUNTED = {
    # "the 22 hectares", "les 84 panneaux", "these three changes": a count the piece gave before, pointed at
    # ("I wouldn't put the 22 hectares on a poster", set 11). Not a year, not a ranking ("the 10 largest").
    "en": re.compile(r"(?<![\w’])(?:the|these|those)\s+(?!(?:19|20)\d\d\b)(?:\d[\d,.]*"
                     rf"|{lexicon.cardinals('en', 2, 12)}|{lexicon.cardinals('en', 20, 23)}|hundred)\s+(?!(?:first|last|largest|biggest"
                     r"|smallest|most|best|worst|main|top|of|thirds?|quarters?|halves)\b)[a-z][\w-]*"),
    "fr": re.compile(r"(?<![\w’])(?:les|ces)\s+(?!(?:19|20)\d\d\b)(?:\d[\d\s\u00a0\u202f,.]*"
                     rf"|{lexicon.cardinals('fr', 2, 12)}|{lexicon.cardinals('fr', 20, 23)}|cent)\s+"
                     r"(?!(?:premiers?|premières?|derniers?|dernières?|plus|principaux|principales|d’entre|tiers|quarts)\b)"
                     r"[a-zà-ÿ][\wà-ÿ-]*"),
}


def counted_before(text: str, lang: str) -> str | None:
    """"the 22 hectares", "les 84 panneaux": a count the piece gave before, or None."""
    language = lexicon.lang_of(lang)
    found = _COUNTED[language].search(text.lower()) if language else None
    return f"'{found.group().strip()}' points at a count given before" if found else None


def why_bound(text: str, lang: str, *, earlier: str = "", headline: str = "", item: bool = False,
              client: bool = False) -> str | None:
    """Why ``text`` is bound to its piece, or None. ``earlier``: the piece's sentences before it;
    ``headline``: its title (a noun the title gives is the piece's subject, never a reference back);
    ``client``: the piece tells a client's story, so a result must say whose it is."""
    language = lexicon.lang_of(lang)
    if not language:
        return None
    low = text.lower()
    start = low.lstrip("«“\"( \u00a0")
    background_line = background.why_background(text, lang)
    if background_line:
        return background_line
    anaphor_found = anaphor(low, language)
    if anaphor_found:
        return anaphor_found
    if _PARTS[language].search(low):
        return "refers to numbered parts of the piece"
    counted = counted_before(text, lang)
    if counted:
        return counted
    if client and ownerless_figure(text, lang):
        return "a client's figure that says nobody's (whose figures?)"
    label = _label(start, language)
    if label:
        return label
    if _ANNOUNCES.search(low) or (_TEASES[language].search(low) and not re.search(r"\d", low)):
        return "announces what follows"
    if not item and _enumeration(start, language):
        return "a verbless enumeration"
    demonstrative = _DEMONSTRATIVE[language].search(low)
    if demonstrative:
        return f"'{demonstrative.group()}' points at something said before"
    continues = continuing.why_continues(start, language)
    if continues:
        return continues
    if earlier and not item:
        described = _described_before(text, start, language, earlier, headline)
        if described:
            return described
    return None


def ownerless_figure(text: str, lang: str) -> bool:
    """A figure that says nobody's: no name, no "we"/"nous", no "Brookhill’s" ("Invoices more than 60 days
    overdue dropped from £38,400 to £4,100."). In a case study, the client's; a reader cannot tell."""
    language = lexicon.lang_of(lang)
    low = text.lower()
    if not language or not re.search(r"\d", low):
        return False
    return not (lexicon.OURS.search(low) or _names(text, language) or _POSSESSOR.match(text))


def leans_back(text: str, lang: str) -> str | None:
    """For someone's quoted words: an object pronoun in the first clause, before anything it could stand
    for ("Je ne les reprends pas, je les continue."). Later pronouns usually have their noun in the quote."""
    language = lexicon.lang_of(lang)
    if language == "fr" and _CLITIC_FIRST_CLAUSE.match(text.lower()):
        return "an object pronoun for something named before"
    if language and _PARTS[language].search(text.lower()):
        return "refers to numbered parts of the piece"  # “Step three was the one nobody wanted…”
    return counted_before(text, lang)  # “I wouldn’t put the 22 hectares on a poster.”


def anaphor(low: str, language: str, *, contrast: bool = True) -> str | None:
    """Why a lower-cased sentence leans on a thing or place named before it (y/en, an object pronoun, a
    contrastive pronoun unless ``contrast`` is false), or None."""
    if language == "fr":
        for match in _ADVERBIAL_PRONOUN["fr"].finditer(low):
            word = match.group(1)
            if _verb_like(match.group().split(" ")[0], word) and not low[max(0, match.start() - 3):match.start()].endswith(("s’", "n’")):
                return f"'{match.group().split(' ')[0]}' stands for a place or thing named before"
    if _OBJECT_BEFORE_AUXILIARY[language].search(low):
        return "an object pronoun for something named before"
    if contrast and _CONTRASTIVE[language].search(low):
        return "a contrastive pronoun ('X, lui, …'): it answers the sentence before"
    if language == "fr" and _CLITIC_FIRST_CLAUSE.match(low):
        return "an object pronoun for something named before"
    if language == "fr" and _CLITIC_INFINITIVE.search(low):
        return "an object pronoun for something named before"
    if language == "en":
        them = _THEM.search(low)
        if them and (them.group() == "it all" or not _PLURAL.search(low[:them.start()])):
            return f"'{them.group()}' stands for things named before"
    return None


def _verb_like(pronoun: str, word: str) -> bool:
    """After y/en: a finite verb ("y sont", "en avons", "y travaillent"), not "en 2027", "en ligne",
    "en double file" (after "en", only an auxiliary or a verb ending tells)."""
    if word in _AUXILIARIES or (pronoun == "y" and word in lexicon.FINITE_VERBS["fr"]):
        return True
    return word.endswith(("ent", "ons", "ait", "aient", "era", "eront")) and not word.endswith("ment") and len(word) > 4


def _label(start: str, language: str) -> str | None:
    if _TIMETABLE[language].match(start):
        return "a timetable entry: it needs its heading"
    match = _LABEL.match(start)
    if not match:
        return None
    head = match.group(1)
    words = head.split()
    if len(words) <= 2 or (len(words) <= 8 and not clauses.has_verb(head, language)):
        return "a labelled line: it needs its heading"
    return None


def _enumeration(start: str, language: str) -> bool:
    """"Une matinée de présentations, un après-midi d’ateliers, et beaucoup de discussions.": no verb."""
    parts = [part.strip() for part in start.rstrip(".!…").split(",")]
    listed = [part for part in parts if part.startswith(_ENUMERATED[language])]
    if len(listed) >= 2 and parts[0] in listed:
        return not clauses.has_verb(start, language)
    # "Les consoles à mémoire, les projecteurs LED, la motorisation des cintres.": three definite things
    # and no verb, the answer to a lead-in ("Les outils, d'abord.") the post does not carry.
    definite = [part for part in parts if part.startswith(_DEFINITE_LISTED[language])]
    return len(definite) >= 3 and parts[0] in definite and not clauses.has_verb(start, language)


def _described_before(text: str, start: str, language: str, earlier: str, headline: str) -> str | None:
    """"Les participants se sont répartis…" after a sentence about the participants: which ones? A
    definite subject with no complement, whose head noun the piece used before and its title does not,
    in a sentence that names nobody before its verb ("The visits are planned in Rounds, an app…": the
    name comes too late to say which visits)."""
    pointing = [] if _names(text, language) else _pointing_back(start, language, earlier, headline)
    if len(pointing) >= 2:
        return f"'{pointing[0]}' and '{pointing[1]}' stand for what the piece described before"
    if _names(" ".join(text.split()[:_SUBJECT_WORDS]), language):
        return None
    match = _DEFINITE_SUBJECT[language].match(start) or _SUBJECT_COMPLEMENT[language].match(start)
    if not match:
        return None
    noun = match.group(1)
    following = match.group(2).split()
    if noun in _REFERRING_NOUNS[language] and following[:1] and following[0] in _COPULAS[language]:
        return f"its subject '{noun}' stands for what the piece described before"  # "L’objectif est de…"
    following = [w.strip(",;:") for w in following]
    if not noun.isalpha() and following[:1] and following[0].isalpha():
        noun, following = following[0], following[1:]  # "The three-storey building, …": its head is "building"
    if language == "en" and following[:1] and following[0] not in _FINITE_AFTER_NOUN:
        verb = next((n for n, w in enumerate(following) if w in _FINITE_AFTER_NOUN), -1)
        if verb > 0 and not any(w in _DEFINES[language] for w in following[:verb]):
            noun, following = following[verb - 1], following[verb:]  # "the completed index will…": "index"
    if not noun.isalpha() or len(noun) < 3 or any(w in _DEFINES[language] for w in following[:2]):
        return None
    if _GENERIC[language].match(start[match.end(1):]):
        return None
    head = salience.stem(noun)
    if noun in _REFERRING_NOUNS[language] or (_uses(earlier, head) and not _uses(headline, head)):
        return f"its subject '{noun}' stands for what the piece described before"
    return None


def _names(text: str, language: str) -> bool:
    """A capitalised word past the first that is not a month ("until the end of March" names nobody)."""
    return any(word.lower() not in lexicon.MONTHS[language] for word in _NAMED.findall(text))


def _pointing_back(start: str, language: str, earlier: str, headline: str) -> list[str]:
    """The nouns of bare definite phrases ("the hospice", "les boutiques") the piece used before and its
    title does not: two of them and the sentence leans on the one before."""
    nouns = []
    for match in _DEFINITE[language].finditer(start):
        noun, following = match.group(1), match.group(2).split()
        if not noun.isalpha() or len(noun) < 3 or any(w in _DEFINES[language] for w in following[:1]):
            continue
        head = salience.stem(noun)
        if _uses(earlier, head) and not _uses(headline, head) and noun not in nouns:
            nouns.append(noun)
    return nouns


def _uses(text: str, head: str) -> bool:
    """A word of ``text`` with the stem ``head`` (only the words that start with it are stemmed)."""
    low = text.lower()
    if head not in low:
        return False
    return any(salience.stem(w) == head for w in re.findall(rf"(?<![\w-]){re.escape(head)}[\w-]*", low))


__all__ = ["anaphor", "leans_back", "ownerless_figure", "why_bound"]
