"""Someone's words taken from the middle of what they said: `leans_on_the_cut` says why the later
sentences still need the first ones, or None.

A quotation too long for a post, or whose first sentence cannot stand alone, may be posted from a later
sentence on (body._quotation). The sentence just before is then the one its pronouns, its "now" and its
comparisons lean on, and a reader of the post never sees it. Readers of sets 4-98 failed 24 of the 86
such cuts the code posts today (three times the failure rate of other texts), almost all for that:
« Nous allons graver leurs noms… » (the donors were in the sentence cut), « Maintenant c’est fait… »,
« Ce qui reste est beaucoup moins problématique… », "We just want people to have a go somewhere a bit
gentler first.", "You cannot get that with a machine.", « On a dit oui. Il est parti à 4 euros. ».

A whole quotation is read with the ordinary rules (referents.py, bound.py); these are stricter, and apply
only to what follows a cut: a pronoun or possessive with no noun before it in the words kept, an opening
that carries on ("Now", « Après, », « Certains… »), or a comparison whose other term was cut.
"""

from __future__ import annotations

import re

from publisher.social.excerpting import bound, lexicon

_CARRIES_ON = {
    # An opening that answers or follows the sentence cut: a time after it, a part of a set it named, a reason.
    # "Ce qui reste est…" (what remains of what?), but not a cleft that says it: « Ce qui me manquait, c’était… »,
    # « Ce que je retiens : … »; "Certains" as a pronoun ("Certains repartent…"), not "Certains soirs, …";
    # "ceux", "those" unless a relative says who ("Ceux qui viennent une fois…"); « Ça fait dix ans que… ».
    "fr": re.compile(r"^(?:maintenant|après,|après (?:ça|cela)|ensuite|depuis,|du coup|résultat|au final"
                     r"|certaine?s(?=\s*(?:[,.]|ne\b|n’|[a-zà-ÿ]+ent\b))|d’autres|les autres|eux|elles|parfois parce"
                     r"|surtout parce|c’est pour (?:ça|cela)|(?:ça|cela)(?!\s+fait\s+\S+\s+(?:ans|mois|semaines|jours))"
                     r"|celui(?!\s+qu)|celle(?!s?\s+qu)|ceux(?!\s+qu)|là)(?![\w-])"
                     r"|^ce (?:(?:qui|que)(?![\w-])|qu’(?=\w))(?![^.!?…]*(?:,\s*(?:c’est|c’était|ce sont|ce fut)|:))"),
    "en": re.compile(r"^(?:now|then|after that|afterwards|since then|some of (?:them|us)|others|the others|the rest"
                     r"|that’s|that is|this is|those(?!\s+who)|these|it’s|it (?:is|was)(?!\s+(?:hard|easy|important|never"
                     r"|not|difficult|impossible|possible|true|worth|time)\b)|which|sometimes because|mostly because"
                     r"|even so|still)(?![\w’-])"),
}
_POINTER = {
    # A third person the words kept never name: "leurs noms", « Il est parti à 4 euros », « qu’il reviendra ».
    # French "il" only where it is someone or something: not "il faut", "il y a", "il pleut", "il est difficile de".
    "fr": re.compile(r"(?:(?<![\w’-])|(?<=qu’)|(?<=s’))(?:leurs?|eux|lui|ils|elles|elle|il(?!\s+(?:ne\s+|n’)?(?:faut"
                     r"|fallait|faudra|faudrait|y|suffit|suffisait|reste|restait|s’agit|s’agissait|manque|manquait|fait"
                     r"|paraît|semble|arrive|vaut|valait|pleut|pleuvait|neige|neigeait|existe|existait|a fallu|est temps)\b)"
                     r"(?!\s+(?:n’)?(?:est|était|sera|serait)\s+(?:[\w’]+\s+){0,2}(?:de|d’|que|qu’)))(?![\w’-])", re.I),
    "en": re.compile(r"(?<![\w’-])(?:they|them|their|theirs|he|him|his|she|her|hers)(?:’(?:s|ll|d|re|ve))?(?![\w’-])"
                     # "that" as a thing, after a verb or a preposition ("get that with a machine"), never the
                     # conjunction ("We knew from day one that with a bit of luck…")
                     r"|(?<![\w’])(?:get|got|do|did|see|saw|hear|heard|want|need|needed|say|said|with|like|about|for"
                     r"|without)\s+that(?=\s+(?:with|from|in|at|by|for|on|without|again|anymore|any more)\b|[.!?…,])",
                     re.I),
}
_NOUN_BEFORE = {
    # A noun with its determiner (or a name) before the pointer: what it can stand for, inside the words kept.
    # "le/la/les" before a verb is a pronoun, not a determiner ("on les a tous gardés", "à les aider").
    "fr": re.compile(r"(?<![\w’])(?:(?i:un|une|des|du|ces|cette|ce|cet|mon|ma|mes|ton|ta|tes|son|sa|ses|notre|nos|votre"
                     r"|vos|chaque|quelqu’un|personne|aucun|aucune|beaucoup de|certains|plusieurs)\s+[a-zà-ÿ]"
                     r"|(?i:le|la|les)\s+(?!(?:ai|as|a|avons|avez|ont|avait|avaient|aura|auront)\b|[a-zà-ÿ]+(?:er|ir|ez)\b)[a-zà-ÿ])"
                     r"|(?<![\w’])(?i:d’)[a-zà-ÿ]|(?<![\w’])(?i:l’)(?!(?:ai|as|a|avons|avez|ont|avait|avaient|aura|auront)\b|[a-zà-ÿ]+(?:er|ir|ez)\b)"
                     r"[a-zà-ÿ]|(?<![\w’])[A-ZÀ-Ö][a-zà-ÿ]+\s+[A-ZÀ-Ö]|(?<![.!?…]\s)(?<=\s)[A-ZÀ-Ö][a-zà-ÿ]{2,}"),
    "en": re.compile(r"(?<![\w’])(?i:a|an|the|my|our|your|this|these|those|each|every|any|no|some|many|most|all|one"
                     r"|people|someone|somebody|anyone|nobody|everyone|everybody)\s+[a-z]"
                     r"|(?<![\w’])(?i:people|someone|somebody|anyone|anybody|nobody|everyone|everybody|children|kids"
                     r"|parents|families|staff|volunteers|members)(?![\w’])|(?<![.!?…]\s)(?<=\s)[A-Z][a-z]{2,}"
                     # a plural noun that opens the words: "Pipes don’t know anything. […] talking to them."
                     r"|^(?!(?:This|These|Those|Thus|Is|Was|Has|Does|Yes|Its|His|Unless|Perhaps|Always|Sometimes"
                     r"|Afterwards)\b)[A-Z][a-z]+s(?![\w’])"),
}
_COMPARED = {
    # A comparison whose other term was in the sentence cut: "somewhere a bit gentler first", « moins bon ».
    # French "plus"/"moins" is also a negation ("ne peut plus venir"), a superlative ("le moins cher") or an
    # implicit comparison that reads well ("on rentre chez soi plus tranquille"): only a graded one, or one of
    # a judgement's adjectives.
    "fr": re.compile(r"(?<![\w’])(?:(?:un peu|beaucoup|bien|encore|nettement|tellement|autrement)\s+(?:plus|moins)\s+"
                     r"(?!de\b|d’|en\b|que\b|qu’)[a-zà-ÿ]{3,}|(?<!le )(?<!la )(?<!les )(?<!au )(?:plus|moins)\s+(?:bon|bonne"
                     r"|bons|bonnes|grave|graves|simple|simples|facile|faciles|difficile|difficiles|cher|chère|chers|chères"
                     r"|rapide|rapides|fiable|fiables|sûr|sûre|sûrs|sûres)(?![\w’]))", re.I),
    "en": re.compile(r"(?<![\w’])(?:a bit|a little|a lot|much|far|even|slightly|way)\s+(?:more\s+[a-z]+|less\s+[a-z]+"
                     r"|(?!(?:after|under|over|ever|never|remember|consider|other|either|whether|rather|another|together"
                     r"|whatever|wonder|enter|offer|answer|order|water|winter|summer|number|better known)\b)[a-z]{3,}er)"
                     r"(?![\w’])", re.I),
}
_THAN = {"fr": re.compile(r"(?<![\w’])(?<!parce )(?<!pour )(?<!afin )(?<!bien )(?<!alors )(?<!tandis )(?<!sans )"
                          r"(?<!dès )(?:que|qu’)"),
         "en": re.compile(r"(?<![\w’])than(?![\w’])", re.I)}


def leans_on_the_cut(text: str, lang: str) -> str | None:
    """Why ``text``, someone's words from their second sentence or later (no quotation marks), needs the
    sentences before it that were cut, or None."""
    language = lexicon.lang_of(lang)
    if not language:
        return None
    low = text.lower()
    start = low.lstrip("«“\"( \u00a0\u202f")
    found = _CARRIES_ON[language].match(start)
    if found:
        return f"'{found.group()}' carries on from the words cut before it"
    for pointer in _POINTER[language].finditer(text):
        if not _NOUN_BEFORE[language].search(text, 0, pointer.start()):
            return f"'{pointer.group()}' stands for someone or something in the words cut before it"
    noun = _NOUN_BEFORE[language].search(text)
    anaphor = bound.anaphor(low[:noun.start()] if noun else low, language, contrast=False)
    if anaphor:
        return f"{anaphor}, in the words cut before it"
    for sentence in re.split(r"(?<=[.!?…])\s+", text):
        compared = _COMPARED[language].search(sentence)
        if compared and not _THAN[language].search(sentence, compared.end()):
            return f"'{compared.group()}' than what? the words cut before it said"
    return None


__all__ = ["leans_on_the_cut"]
