"""What a narrator's sentence shows of a scene rather than says: never offered as their quote.

A first-person piece's sentences are its narrator's quotes (body.py). A quote is worth posting when it
says something (a judgement, a general truth, a lesson, a fact about the work), not when it shows a
moment of the story:

    Lucie m’installe à côté d’elle avec un casque.   / She hands me a spare headset.      (the narrator acted upon)
    Je vérifie la cuve avant l’arrivée du camion.     / I check the tank before the truck.  (the narrator acting)
    À 2 h 40, la ligne sonne encore.                  / By 2:40 a.m. the line rings again.  (a time of the night)
    Un homme qui ne trouve plus ses mots — un AVC…    / A man who can't find his words — …  (a character, no verb)

And in any piece, "Le chef, lui, décide…" / "The chef, for her part, decides…" sets someone against the
sentence before: it needs that sentence.
"""

from __future__ import annotations

import re

from publisher.social.excerpting.lexicon import lang_of

_S = r"[\s\u00a0\u202f]"
_LESSON = (  # What the story taught the narrator is a lesson, not a scene: "Ce métier m’a appris que…".
    r"(?:a|ont|avait)?\s*(?:appris|apprend|enseigné|enseigne|frappé|frappe|marqué|marque|étonné|étonne|"
    r"surpris|surprend|semble|semblait|paraît|rappelle|convaincu)")
_ACTED_UPON = {
    "fr": re.compile(rf"(?<!je )(?<!j’)(?<![\w’])(?:m’|me{_S}+)(?!{_LESSON}\b)[a-zà-ÿ]"
                     rf"|(?:à côté de|près de|avec|vers|devant|derrière|chez|contre){_S}+moi\b"
                     rf"|(?:\b(?:il|elle|ils|elles|on|qui)|[A-ZÀ-Ö][a-zà-ÿ]+){_S}+nous{_S}+[a-zà-ÿ]", re.I),
    "en": re.compile(r"\b(?:hands?|gives?|gave|shows?|showed|takes?|took|leads?|led|walks?|walked|sits?|sat|lets?|"
                     r"invites?|invited|introduces?|introduced|puts?|tells?|told|asks?|asked|points?|pointed|"
                     r"waves?|waved|nods?|nodded|passes|passed|brings?|brought|hands|handed)\s+(?:me|us)\b"
                     r"|\b(?:next to|beside|behind|towards?|at)\s+me\b", re.I),
}
_I_DO = {
    # The narrator doing something now: "Je contrôle le lait", "I check the tank". A thought is not a scene,
    # nor a past ("Je voulais", "I wanted": the story's past is body.py's to weigh against the title).
    "fr": re.compile(r"^(?:[^,:;]{3,40},\s*)?(?:je|j’)\s*(?!crois|pense|sais|trouve|estime|comprends|retiens|garde|reste|suis|ai\b|"
                     r"n’|ne\b|me\b|m’|dois|peux|veux|voudrais|aime|regrette|doute|mesure|sens|découvre|apprends|"
                     r"retiens|préfère|n’ai)[a-zà-ÿ]+(?<!ais)(?:e|es|s|x)\b", re.I),
    "en": re.compile(r"^(?:[^,:;]{3,40},\s*)?i\s+(?!think|believe|know|knew|learn|learned|learnt|realise|realised|realize|realized|"
                     r"understand|understood|remember|keep|still|am\b|was\b|have\b|had\b|never|find|found|feel|felt|"
                     r"doubt|wonder|suspect|would|will|can|could|should|must|do\b|did\b|don|didn|now|also|agree|"
                     r"hope|wish|love|like|prefer|trust|owe)[a-z]+(?<!ed)\b", re.I),
}
_THOUGHT = {  # "… et je me dis que c’est le métier qui me fait un clin d’œil": a reflection, whatever it shows
    "fr": re.compile(r"\b(?:je me dis|je pense|je crois|je trouve|je sais|j’ai compris|j’ai appris)\b", re.I),
    "en": re.compile(r"\b(?:i tell myself|i think|i believe|i know|i realised|i realized|i learned|i learnt)\b",
                     re.I),
}
_NIGHT_TIME = {
    "fr": re.compile(rf"\b\d{{1,2}}{_S}?h(?:{_S}?\d{{2}})?\b|\bminuit\b|\bau petit matin\b", re.I),
    "en": re.compile(rf"\b\d{{1,2}}(?::|\.)\d{{2}}{_S}*(?:a\.?m\.?|p\.?m\.?)|\b\d{{1,2}}{_S}*(?:a\.m\.|p\.m\.)"
                     r"|\bmidnight\b", re.I),
}
_PRESENTED = {
    "fr": re.compile(rf"^(?:un|une|des)(?:{_S}+[^\s,—–:;.]+){{1,4}}?{_S}+(?:qui|dont|que|qu’)(?![\w’])", re.I),
    "en": re.compile(rf"^(?:a|an|some)(?:{_S}+[^\s,—–:;.]+){{1,4}}?{_S}+(?:who|whose|that)\b", re.I),
}
_SAYS = {  # a verb of the main clause that makes a character into a point: "Un appel qui dure est un appel…"
    "fr": re.compile(r"\b(?:est|sont|reste|restent|doit|doivent|peut|peuvent|mérite|méritent|compte|comptent|vaut|valent)\b"),
    "en": re.compile(r"\b(?:is|are|needs|need|must|can|deserves|deserve|should|counts|matters)\b"),
}
_ANSWERS = {  # "Pas pour faire des photos — …": a negation that answers the sentence before
    "fr": re.compile(r"^(?:pas|non){_S}+(?:pour|parce|que|qu’|seulement|forcément|vraiment|tant|de{_S}+quoi)\b"
                     .replace("{_S}", _S), re.I),
    "en": re.compile(r"^not{_S}+(?:to|because|for|that|just|only|really|so|as|what)\b".replace("{_S}", _S), re.I),
}
_CONTRAST = {
    "fr": re.compile(rf"^[^,;:]{{2,50}},{_S}+(?:lui|elle|eux|elles)(?:-mêmes?)?,", re.I),
    "en": re.compile(rf"^[^,;:]{{2,50}},{_S}+(?:for (?:his|her|their|its) part|in (?:his|her|their) turn|in turn|"
                     r"meanwhile|by contrast|on the other hand|though|however|instead|too),", re.I),
}


def contrast(text: str, lang: str) -> bool:
    """"Le médecin, lui, décide…": someone set against the sentence before, which the post would lack
    (and "Pas pour faire des photos…", a negation answering it)."""
    language = lang_of(lang) or ""
    if language not in _CONTRAST:
        return False
    start = text.lstrip("«“\"( ")
    return bool(_CONTRAST[language].match(start) or _ANSWERS[language].match(start))


def shown(text: str, lang: str) -> bool:
    """A narrator's sentence that shows a moment of the story (the narrator acted upon or acting, a
    time of the night, a character presented without a verb) rather than says something worth quoting."""
    language = lang_of(lang) or ""
    if language not in _ACTED_UPON:
        return False
    if language == "fr" and text.lower().startswith("pour moi,"):
        return False  # a stance: "Pour moi, ce métier…"
    if _THOUGHT[language].search(text):
        return False
    return bool(_ACTED_UPON[language].search(text) or _I_DO[language].match(text)
                or _NIGHT_TIME[language].search(text) or (_PRESENTED[language].match(text) is not None and not _SAYS[language].search(text)))


__all__ = ["contrast", "shown"]
