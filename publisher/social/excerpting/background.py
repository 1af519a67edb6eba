"""Background and logistics: sentences true and whole but with no hook. `why_background` says why, or None.

- a founding, tenure or location line ("Fondée en 2009, …", "X dirige le musée depuis 2019", "est installé
  depuis 1987 sur la commune de…", "is based in Stroud"), someone described ("X brings together…",
  "Elmfield has 412 homes"), a past year's state ("En 2024, le séchoir a traité…");
- housekeeping and calls to act: slides and downloads, get in touch, give, apply, a question to the reader
  ("Vous êtes producteur… ?"); practical details: hours, tickets, bookings ("Staff will be at the Transit
  Center from 10 a.m. to 2 p.m.", "Les billets … sont en vente à l’accueil");
- a scene set at an hour or on "Un matin de décembre", the event's own programme ("L'après-midi, …",
  "The closing keynote…", "Les participants…").

Split from bound.py, which reads what a sentence leans on; these read what it is worth.
"""

from __future__ import annotations

import re

from publisher.social.excerpting import clauses, lexicon, salience

YEAR = r"(?:1[89]|20)\d\d"
"""A year a piece may name (1800-2099)."""

_TENURE = {
    # "depuis 2019" with no other figure: how long, not what changed.
    "fr": re.compile(rf"(?<![\w’])depuis (?:sa création en |sa fondation en |l’an |l’année |(?:un|une|le|la|l’)[^,.;]{{0,40}}?"
                     rf"(?:en |de )){{0,1}}{YEAR}(?![\w’])"),
    "en": re.compile(rf"(?<![\w’])since (?:its founding in |it was founded in |it opened in |(?:an?|the)[^,.;]{{0,40}}?"
                     rf"in )?{YEAR}(?![\w’])"),
}

_FOUNDED = {
    "fr": re.compile(rf"^(?:(?:fondée?s?|créée?s?|construite?s?|bâtie?s?|ouverte?s?|née?s?|inaugurée?s?|lancée?s?)"
                     rf"(?: en| dans les années)? {YEAR}|(?:entre|de) {YEAR} (?:et|à) {YEAR},)"),
    "en": re.compile(rf"^(?:(?:founded|built|established|created|set up|opened|launched|started)(?: in)? {YEAR}"
                     rf"|(?:between|from) {YEAR} (?:and|to) {YEAR},)"),
}

_INVENTORY = {
    # "Le port de Saint-Aurèle a 46 salariés, une criée, un terminal…", "The port of Hull has 46 staff, …":
    # what an organisation has, counted, as a subject named in full: who it is, not what changed.
    "fr": re.compile(r"^(?:[Ll]e|[Ll]a|[Ll]es|[Ll]’)\s?[\wà-ÿ’-]+(?:\s[\wà-ÿ’-]+)?\s(?:de|d’|du|des)\s?[A-ZÀ-Ö][\w’ -]{1,40}?"
                     r"\s(?:a|compte|emploie|possède|dispose d[e’]|gère|exploite)\s?\d"),
    "en": re.compile(r"^[Tt]he\s[\w-]+(?:\s[\w-]+)?\sof\s[A-Z][\w’ -]{1,40}?\s(?:has|employs|runs|operates|manages|counts)"
                     r"\s\d"),
}
_STARTED = {
    # "Ashwold Flex started in October 2024 in three zones": when something began, with no figure of its own.
    "en": re.compile(rf"^(?:[A-Z][\w’&-]*\s+){{1,5}}(?:started|began|launched|opened|was launched|was founded|was set up"
                     rf"|was created|first ran|came into service) in (?:(?:early|late|mid-?)\s?)?(?:[A-Z][a-z]+ )?{YEAR}\b"),
    "fr": re.compile(rf"^(?:[A-ZÀ-Ö][\w’&-]*\s+){{1,5}}(?:a (?:démarré|commencé|ouvert|débuté|été lancée?|été créée?"
                     rf"|été fondée?|été mise? en service)|est née?) (?:en|au|à l’|à la) (?:(?:début|fin|mi-)\s?)?"
                     rf"(?:[a-zéû]+ )?{YEAR}\b"),
}

_HOUSEKEEPING = {
    "fr": re.compile(r"(?<![\w’])(?:téléchargeables?|à télécharger|supports présentés|diaporamas?|les présentations"
                     r" des intervenants|enregistrements? des|replay|sont en ligne sur|sont disponibles sur le site"
                     r"|est disponible sur le site|rendez-vous sur (?:le|notre) site)(?![\w’])"),
    "en": re.compile(r"(?<![\w’])(?:downloadable|can be downloaded|slides|recordings? of|are available on (?:the|our)"
                     r"|is available on (?:the|our)|are on our|is on our|available to download)(?![\w’])"),
}

_ASKS_THE_READER = {
    "fr": re.compile(r"^(?:vous êtes|vous avez|vous cherchez|vous souhaitez|vous voulez|vous aussi|êtes-vous|avez-vous)\b"),
    "en": re.compile(r"^(?:are you|do you|have you|would you|looking for|want to|interested in|thinking of)\b"),
}

_BASED = {
    # "Le GAEC est installé depuis 1987 sur la commune de…", "The firm is based in Leeds": where, not what changed.
    "fr": re.compile(r"(?<![\w’])(?:est|sont) (?:installée?s?|implantée?s?|basée?s?|établie?s?) (?:depuis|à|en|sur|dans)(?![\w’])"),
    "en": re.compile(r"(?<![\w’])(?:is|are) (?:based|located|headquartered) in(?![\w’])"),
}

_CONTACT = {
    # The closing call to get in touch: logistics, and the link card already says where to go.
    "fr": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w’])(?:contactez|écrivez|joignez)[- ]nous|(?:prenez|prendre|entrer|entrez)"
                     r" (?:contact|rendez-vous)|n’hésitez pas à|(?:écrire|écrivez) à (?:notre|l’équipe)"
                     # a recruitment call, "details on our website": the page's call to action, not a post
                     r"|(?<![\w’])(?:faites un don|donnez en ligne|soutenez-nous|postulez|candidatez|nous recrutons|rejoignez-nous|rejoignez notre équipe"
                     r"|espace recrutement|offres? d’emploi sur)(?![\w’])|(?:plus d’informations|tous les détails"
                     r"|le programme complet|toutes les infos|plus d’infos) (?:sur|dans|à retrouver sur) (?:notre|le) site"),
    "en": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w’])(?:get|be|keep) in touch|contact (?:us|our|the team)"
                     r"|(?:book|schedule|arrange) a (?:call|meeting|demo|chat)|drop us a line|reach out to|write to us"
                     r"|email us|talk to (?:us|our team)|(?<![\w’])(?:give online|donate (?:online|now|today|at|via)"
                     r"|make a (?:gift|donation)|apply (?:now|online|today|on|at|via|through)"
                     r"|we’re hiring|we are hiring|join our team|our careers page|(?:full )?details (?:are )?on our"
                     r" (?:website|site)|more information (?:is )?on our (?:website|site))(?![\w’])"),
}

_PROGRAMME = {
    # The event's own schedule and rooms: meaningless to someone who was not there.
    "fr": re.compile(r"^(?:(?:la|le) (?:conférence|discours|table ronde|plénière|keynote|intervention) d(?:e |’)"
                     r"(?:clôture|ouverture)|(?:le|l’un des) moments? (?:le plus attendu|les plus attendus|fort|forts)"
                     r"|l’après-midi|le matin|la matinée|en fin de (?:journée|matinée)|en ouverture|en clôture"
                     r"|en début d’après-midi|lors (?:de la|du|des|de l’) ?(?:restitution|atelier|ateliers|séance"
                     r"|table ronde|tables rondes|plénière|débat|échanges?|conclusion|clôture|ouverture|matinée"
                     r"|après-midi|visite|journée|session|pause))\b|(?<![\w’])(?:en séance|en plénière|en atelier"
                     r"|dans la salle|à la tribune)(?![\w’])"),
    "en": re.compile(r"^(?:the (?:opening|closing) (?:keynote|talk|speech|address)\b|(?:the|one) (?:highlight|high point"
                     r"|most awaited moment|best moment|standout session)s? of the (?:day|event|conference|morning|afternoon)\b"
                     r"|in the (?:afternoon|morning|evening|closing|opening)|during the (?:afternoon|morning"
                     r"|workshops?|session|panel|plenary|break|closing|opening|q&a))\b|(?<![\w’])(?:this (?:morning|"
                     r"afternoon)’s (?:session|panel|workshop|talk)|in the room|in today’s (?:session|panel|workshop)"
                     r"|from the floor)(?![\w’])"),
}

_ATTENDEES = {
    # Those who were there, as a subject: "Les commerçants présents ont redit…", "The delegates agreed…".
    "fr": re.compile(r"^(?:[^,]{1,40},\s)?(?:les|des) (?:participants|participantes|délégués|déléguées|présents"
                     r"|[\w-]+ (?:présents|présentes|présent|présente|venus|venues|inscrits|inscrites))(?![\w’])"),
    "en": re.compile(r"^(?:[^,]{1,40},\s)?(?:the )?(?:participants|delegates|attendees|those present"
                     r"|[\w-]+ (?:present|in attendance|in the room))(?![\w’])"),
}

CHANGE = {
    # A result: something fell, rose, halved… by a figure.
    "en": re.compile(r"(?<![\w’])(?:fell|fallen|dropped|rose|risen|increased|decreased|halved|doubled|tripled|went"
                     r" (?:up|down) from|went from|grew|declined|improved|shrank|climbed)(?![\w’])"),
    "fr": re.compile(r"(?<![\w’])(?:baissé|chuté|augmenté|diminué|doublé|triplé|divisée?s? par|reculé|progressé"
                     r"|(?:est|sont) passée?s? de|grimpé|fondu)(?![\w’])"),
}

_DESCRIBES = {
    # "Ferncliffe Health and Social Care Partnership brings together…": who a client is, not what changed.
    "en": re.compile(r"^(?!(?:It|He|She|They|We)\b)(?!(?:The|A|An|This|That|Our|Each|Every)\s[a-z])"
                     r"(?:[A-Z][\w’&-]*\s+(?:(?:and|of|for|the|&)\s+)?){1,6}(?:brings together|provides|runs|operates|employs|serves|is an?|is one"
                     r" of|manages|covers|looks after|cares for|supports|represents|has been|has(?= \d)|had(?= \d))\s"),
    "fr": re.compile(r"^(?!(?:Il|Elle|Ils|Elles|On)\b)(?!(?:L’|D’)[a-zà-ÿ])(?!(?:Le|La|Les|Un|Une|Des|Ce|Cet|Cette|Ces"
                     r"|Notre|Nos|Chaque)\s[a-zà-ÿ])(?:[A-ZÀ-Ö][\w’&-]*\s+(?:(?:de|des|du|d’|et)\s+)?){1,6}"
                     r"(?:regroupen?t?|fédèren?t?|rassemblen?t?|gèren?t?|emploien?t?|est une?|sont des|desserven?t?"
                     r"|couvren?t?|accompagnen?t?|compten?t?|représenten?t?|exploiten?t?|assuren?t?|prend en charge"
                     r"|prennent en charge)\s"),
}

_SCENE_OPENING = {
    # "Un matin de décembre, sur les hauteurs…", "One wet morning in March, …": a story's opening scene.
    "fr": re.compile(r"^(?:un|une|ce|cette|chaque)\s(?:matin|soir|nuit|après-midi|jour|lundi|mardi|mercredi|jeudi"
                     r"|vendredi|samedi|dimanche)(?:\s(?:de|d’)\s?[a-zéû]+|\s[a-zéû]+)?,"),
    "en": re.compile(r"^(?:one|on a|early one|late one|it is|it’s)\s(?:[a-z]+\s)?(?:morning|evening|night|afternoon|day)\b"),
}

_CLOCK_SCENE = {
    # "Every weekday morning at 7.45, the team…", "Chaque matin à 7 h 30, …": a scene set at an hour.
    "en": re.compile(r"^[^,]{0,40}?(?<![\w’])(?:at )?\d{1,2}[.:]\d{2}(?: ?[ap]\.?m\.?)?(?![\w’])[^,]{0,20},"
                     r"|^[^,]{0,40}?(?<![\w’])\d{1,2} ?[ap]\.m\.[^,]{0,20},"),
    "fr": re.compile(r"^[^,]{0,40}?(?<![\w’])(?:à |vers )?\d{1,2}[\s\u00a0\u202f]?h(?:[\s\u00a0\u202f]?\d{2})?(?![\w’])"
                     r"[^,]{0,20},"),
}

_OLD_YEAR = {
    # "En 1930, Vierzelles comptait onze filatures", "Au printemps 2024, le conseil a demandé…", "In 2024, the
    # dryer handled 46,000 tonnes": history or a baseline, told in the past, with no change of its own.
    "en": re.compile(r"^(?:in (?:(?:early|late|mid-?|the (?:spring|summer|autumn|winter) of) ?)?(?:[a-z]+ )?"
                     r"|during (?:the )?(?:[a-z]+ )?|by (?:[a-z]+ )?)(?:1[89]|20)\d\d,? "),
    "fr": re.compile(r"^(?:en|au printemps|à l’automne|à l’été|à l’hiver|début|fin|mi-|courant|dès)\s?(?:[a-zéû]+ )?"
                     r"(?:1[89]|20)\d\d,? "),
}

_PRACTICAL = {
    # Opening hours, tickets and bookings: "Staff will be at the Transit Center from 10 a.m. to 2 p.m.…",
    # "Les billets pour les séances de décembre sont en vente à l’accueil…". The page's practical box:
    # stale once the day is past, and no reason to click before it.
    "en": re.compile(r"(?<![\w’])(?:\d{1,2}(?:[.:]\d{2})? ?(?:[ap]\.?m\.?)? ?(?:to|until|till|-|–) ?\d{1,2}(?:[.:]\d{2})?"
                     r" ?[ap]\.?m\.?|tickets? (?:are|is|go|goes) on sale|tickets? (?:are|is) available|on sale (?:at|from|now)"
                     r"|booking is (?:essential|required|recommended)|admission is free|free admission|free entry"
                     r"|registration (?:is|closes|opens)|(?:book|register|sign up) (?:online|now|via)"
                     r"|(?:(?<=\bat\s)|(?<=,\s))\d{1,2}(?:[.:]\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|fill in (?:the|our|a) form"
                     r"|(?:register|sign up) (?:at|by))(?![\w’])"),
    "fr": re.compile(r"(?<![\w’])(?:de \d{1,2}[\s\u00a0\u202f]?h(?:[\s\u00a0\u202f]?\d{2})? à \d{1,2}[\s\u00a0\u202f]?h"
                     r"|billets? (?:sont|est) (?:en vente|disponibles?)|(?:en vente|billetterie) (?:à|au|sur|en ligne)"
                     r"|réservations? (?:conseillée|obligatoire|recommandée|sur)|entrée (?:libre|gratuite)"
                     r"|inscriptions? (?:sur|auprès|avant|jusqu’au|ouvertes?|gratuites?|obligatoires?)"
                     r"|(?:réservez|inscrivez-vous) (?:sur|au|à|dès|en ligne|avant)|remplissez le formulaire"
                     r"|(?<![\w’])à \d{1,2}[\s\u00a0\u202f]?h(?:[\s\u00a0\u202f]?\d{2})?)(?![\w’])"),
}


_TEASER = {
    # "…, we propose six changes.", "Voici les cinq leçons que nous en tirons :": announces a list it
    # does not give (set 10: "we propose six changes" named none of them).
    "en": re.compile(r"(?<![\w’])(?:propose|proposes|recommend|recommends|suggest|suggests|identify|identifies|identified"
                     r"|set out|sets out|outline|outlines|present|presents|share|shares|offer|offers|draw|draws|drew"
                     r"|learned|learnt|see|list|lists)\s+(?:the\s+following\s+|these\s+|our\s+|its\s+)?"
                     rf"(?:\d+|{lexicon.cardinals('en', 2, 10)}|a few|several)\s+(?:[\w-]+\s+)?(?:changes|lessons|steps"
                     r"|recommendations|proposals|measures|priorities|ideas|ways|actions|points|questions|principles"
                     r"|rules|reasons|mistakes|options|things)\s*[.:]$"),
    "fr": re.compile(r"(?<![\w’])(?:proposons|propose|proposent|recommandons|recommande|identifions|identifie|présentons"
                     r"|présente|formulons|formule|tirons|tire|retenons|retient|voici|listons)\s+(?:les\s+|nos\s+|ses\s+"
                     rf"|ces\s+)?(?:\d+|{lexicon.cardinals('fr', 2, 10)}|quelques|plusieurs)\s+"
                     r"(?:changements|leçons|étapes|recommandations|propositions|mesures|priorités|idées|pistes|actions"
                     r"|points|questions|principes|règles|raisons|erreurs|enseignements|conseils|options)"
                     r"(?:\s+[\wà-ÿ’-]+)?\s*[.:]$"),
}
_EXPLAINS = {
    # "We explain why we lend against payroll…": what the page does, not what it says (set 12).
    "en": re.compile(r"^(?:in this (?:paper|report|guide|article),?\s)?(?:we|this (?:paper|report|guide|article))\s+"
                     r"(?:explain|explains|describe|describes|show|shows|set out|sets out|look at|looks at|outline"
                     r"|outlines)\s+(?:why|how|what|where|when)\b"),
    "fr": re.compile(r"^(?:dans (?:ce|cet) (?:livre blanc|rapport|guide|article),?\s)?(?:nous|ce (?:livre blanc|rapport"
                     r"|guide))\s+(?:expliquons|explique|décrivons|décrit|montrons|montre|présentons|présente)\s+"
                     r"(?:pourquoi|comment|ce que|ce qui|où|quand)\b"),
}
_BEFORE = {
    # "Before the pilot, route 33 carried 3.1 passengers an hour": the baseline, not the point.
    "en": re.compile(r"^(?:before|prior to|until)\s+(?:the|our|this|its|their)\s+[\w -]{2,40},\s"),
    "fr": re.compile(r"^(?:avant|jusqu’à)\s+(?:le|la|les|l’|notre|nos|ce|cet|cette|son|sa|leur)\s?[\wà-ÿ’ -]{2,40},\s"),
}


def has_figure(text: str) -> bool:
    """A figure besides the years: "depuis 2019, 40 % de…" says what changed."""
    return bool(re.search(r"\d", re.sub(YEAR, " ", text)))


_CARDINALS = {"en": lexicon.cardinals("en", 2, 10),
              "fr": f"{lexicon.cardinals('fr', 2, 12)}|quinze|{lexicon.cardinals('fr', 20, 24)}|cent|mille"}
"""Numbers in words: "one in five", "une famille sur trois", "plus de quarante-huit heures"."""
_NUMBERS = {language: rf"(?:{words}|\d+)" for language, words in _CARDINALS.items()}
_FINDING = {
    # A share, a comparison or a rate: what a figure means, not only how many ("nos 38 bénévoles ont
    # livré plus de 2 100 documents", "58 percent of all time lost", "two car journeys instead of one").
    "en": re.compile(rf"\d[\d,.]*\s?(?:%|percent|per cent)|(?<![\w’])(?:{lexicon.cardinals('en', 1, 5)}|\d+)(?: [a-z]+)? (?:in"
                     rf"|out of) (?:every )?{_NUMBERS['en']}(?![\w’])|(?<![\w’])(?:half (?:of|as|the)|a third|two thirds"
                     r"|a quarter|three quarters|twice|times (?:more|less|as)|more than|less than|fewer than|instead of"
                     r"|compared with)(?![\w’])"
                     r"|(?<![\w’])(?:every|each|per) (?:[£€$]\s?)?\d|[£€$]\s?\d[\d,.]*\s?(?:k|m|bn|million|billion)?"
                     r" (?:a|per|each|every) (?!few\b)|\d[\d,.]*\s?[a-z]*\s(?:a|per|each|every) (?:day|week|month|year|hour"
                     r"|night)(?![\w’])|(?<![\w’])by (?:half|a third|a quarter)"),
    "fr": re.compile(rf"\d[\d\s\u202f\u00a0,]*\s?(?:%|pour cent)|(?<![\w’])(?:un|une|{lexicon.cardinals('fr', 2, 5)}|\d+)"
                     rf"(?: [a-zà-ÿ]+)? sur {_NUMBERS['fr']}(?![\w’])|(?<![\w’])(?:la moitié|un tiers|deux tiers|un quart"
                     r"|trois quarts|deux fois|fois plus|fois moins|contre \d"
                     r"|que l’an)(?![\w’])|(?<![\w’])au lieu d(?:e(?![\w’])|’)|(?<![\w’])(?:chaque|par) \d|\d[\d\s\u202f\u00a0]*(?:€|euros) (?:par|chaque) "
                     r"|\d[\d\s\u202f\u00a0,]*[a-zà-ÿ]* par (?:jour|semaine|mois|an|année|heure|nuit)(?![\w’])"
                     r"|(?<![\w’])de moitié"
                     # "plus de 2 100", "moins de quarante-huit heures", "coûte plus cher qu’une nuit"
                     rf"|(?<![\w’])(?:plus|moins) d(?:e|’)\s?(?:\d|{_CARDINALS['fr']}|un|une)"
                     r"|(?<![\w’])(?:plus|moins) [a-zà-ÿ]+ qu(?:e\s|’)"),
}


def states_a_finding(text: str, lang: str) -> bool:
    """A share, a comparison, a rate or a change ("58 percent of all time lost at signals", "deux
    trajets au lieu d’un", "fell by a third"): the bar for a sentence lifted from a body (body.py).
    A count alone ("En 2025, nous avons accompagné 341 personnes") says how busy, not what was found:
    set 14's reader failed it as background, like a method line ("nous avons interrogé 212 familles")."""
    language = lexicon.lang_of(lang)
    low = text.lower()
    return bool(language and (_FINDING[language].search(low) or CHANGE[language].search(low)))


_TITLE_TEASES = {
    # A title that announces what the page says without saying it, or lists what a notice covers: fine
    # over the page and under an excerpt, no post of its own (set 18: "Parc des Combes : ce que 212
    # habitants nous ont dit", "Visiter la Hêtraie en hiver : horaires, tarifs et nouveautés", "Winter
    # works 2026–27: lock closures, moorings and river conditions").
    "fr": re.compile(r"(?<![\w’])(?:ce que|ce qu’)[^:]{0,60}?(?:nous )?(?:a|ont|avons) (?:dit|raconté|appris|retenu|demandé)"
                     r"(?![\w’])|(?<![\w’])(?:tout ce qu’il faut savoir|ce qu’il faut savoir|infos? pratiques?|mode d’emploi"
                     r"|ce que (?:tout|toute|chaque) (?:[\w’-]+ ){1,3}doit savoir)"
                     r"|(?<![\w’])horaires(?:,| et) (?:les )?tarifs"
                     r"|(?<![\w’])ce qu(?:i|e |’)[^,:;]{1,40}? et ce qu(?:i|e |’)"),  # "ce qui change et ce qui reste"
    "en": re.compile(r"(?<![\w’])what [^:]{0,60}?(?:told us|taught us|we learned|we heard)|(?<![\w’])(?:here is what|here’s"
                     r" what|everything you need to know|all you need to know|what you need to know"
                     r"|what (?:everyone |everybody |every (?:[\w’-]+ ){1,3})(?:needs to|should|must) know)"
                     r"|(?<![\w’])(?:opening hours|times and prices|closures, moorings|closures and diversions)"
                     r"|(?<![\w’])what [^,:;]{1,40}? and what(?![\w’])"),  # "what changes and what doesn’t" (set 54)
}


def announces_only(title: str, lang: str) -> bool:
    """Does ``title`` announce what the page says without saying it ("ce que 212 habitants nous ont
    dit", "everything you need to know"), or list a notice's practical headings ("horaires, tarifs")?"""
    language = lexicon.lang_of(lang)
    return bool(language and _TITLE_TEASES[language].search(title.lower().replace("'", "’")))


_TEASES = {
    # The last sentence of a summary that promises what the page gives: "What we found, what we did not
    # expect, and how to explore it.", "La réponse : ça dépend, et voici de quoi.", "Five commitments we ask
    # every council to adopt by June 2027." (sets 37-40), "A practical way to measure it." (the sample).
    "en": re.compile(rf"^(?:here is|here’s|here are|read on|find out|discover|inside:)(?![\w’])|(?<![\w’])(?:see|read)"
                     rf" (?:below|inside)(?![\w’])|^{_NUMBERS['en']}\s+[a-z-]+s\s+(?:we|you|to|for)\s(?!.*:\s*\S+\s+\S)"),
    "fr": re.compile(rf"^(?:voici|découvrez|à lire|ci-dessous)(?![\w’])|(?<![\w’])(?:et|,|:) voici (?:de quoi|pourquoi|comment"
                     rf"|ce que|ce qu’)|^{_NUMBERS['fr']}\s+[a-zà-ÿ-]+s\s+(?:à|pour|que|qu’)\s?(?!.*:\s*\S+\s+\S)"),
}


_JOINED = re.compile(r"\s(?:et|and)\s")
_LOOKS_BACK = {"en": re.compile(r"^(?:a look back at|looking back at)(?![\w’])"),
               "fr": re.compile(r"^retour sur(?![\w’])")}
"""A closing line that only points at the page ("Retour sur une soirée…, avec ce qui a bien marché", set 55),
unless a clause with its own verb follows ("Looking back at 2025, our volunteers planted 4,000 trees.")."""
_WITH = re.compile(r"^(?:avec|with|and|et|ce qui|ce que|what|how|où|where)(?![\w’])")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_QUALIFIERS = re.compile(r"(?<![\w’])(?:ce que|ce qu’|ce qui|dont|qui|que|qu’|what|how|why|which|that|who)(?![\w’])[^,;:]*")
_PROMISES = re.compile(r"(?<![\w’])(?:bilan|constats|propositions|recommandations|résultats|conclusions|enseignements|leçons"
                       r"|conseils|pistes|réponses|findings|recommendations|proposals|lessons|results|tips|answers)"
                       r"(?![\w’])")
"""What a summary's last line promises the page holds ("Nos constats et cinq propositions.", set 54)."""
_ASKS = {"en": re.compile(r"(?:what|how|why|where|who)\b(?!.*\?\s*$)"),
         "fr": re.compile(r"(?:ce que|ce qu’|ce qui|ce dont|comment|pourquoi|où)(?![\w’])(?!.*\?\s*$)")}
_ASKING = {"en": re.compile(r"(?<![\w’])(?:what|how|why|where|who)(?![\w’])"),
           "fr": re.compile(r"(?<![\w’])(?:ce que|ce qu’|ce qui|ce dont|comment|pourquoi|où)(?![\w’])")}
_COPULA = {"en": re.compile(r"(?<![\w’])(?:is|was|are|were|has|have|had)(?![\w’])"),
           "fr": re.compile(r"(?<![\w’])(?:est|était|sont|étaient|sera|c’est|a été)(?![\w’])")}
_SUBJECT_STARTS = frozenset({"the", "their", "our", "its", "his", "her", "my", "we", "they", "he", "she", "it", "les",
                             "la", "le", "leurs", "leur", "nos", "notre", "ses", "son", "sa", "il", "elle", "ils",
                             "elles", "nous", "on"})


def teases(sentence: str, lang: str) -> bool:
    """Does ``sentence``, the last of a summary, promise what the page gives instead of saying it? Under
    the title on the page it leads the reader in; alone in a feed (Bluesky, where the link is the card) it
    is a teaser for nothing."""
    language = lexicon.lang_of(lang)
    if not language:
        return False
    low = sentence.lower().replace("'", "’").strip()
    if announces_only(low, lang) or _TEASES[language].search(low) or (_ASKS[language].match(low) and (
            len(_ASKING[language].findall(low)) >= 2 or not _COPULA[language].search(low))):
        return True  # "What we found, what we did not expect, and how to explore it.", not "What changed was…"
    if _LOOKS_BACK[language].match(low):
        after = low.partition(",")[2].strip()
        return not after or bool(_WITH.match(after)) or not clauses.has_verb(after, language)
    if _EXPLAINS[language].match(low):  # the page speaking of itself: in a post, it is not the paper
        return True  # "This paper sets out where our water goes, …, what they cost, and how you can help." (set 51)
    joined = _JOINED.search(low)
    listed = joined is not None and (low.count(",") >= 2 or bool(_PROMISES.search(low)) or (
        "," in low and not clauses.has_verb(low, language, sentence=False)))
    if not low or (low.split()[0] in _SUBJECT_STARTS and not listed):
        return False  # "Their pupils now cycle to school.": a subject, whose verb the lists may not know; not
        # "Nos résultats, leurs limites et nos recommandations." or "Nos constats et cinq propositions." (set
        # 54), a list of what the page holds
    words = low.split()  # a short line with no verb and no finding ("A practical way to measure it."), or
    # a list of what the page holds ("Le projet, ses coûts, ses incertitudes et le calendrier…", set 55)
    # A list's items, without a year ("…en 2027", set 66) or the clauses that qualify them ("ce que nous
    # changerons", "dont nous sommes moins fiers", set 67): what is left is the list itself
    figures = _QUALIFIERS.sub("", _YEAR.sub("", low)) if listed else low
    return (len(words) <= 10 or (listed and len(words) <= 16)) and not any(c.isdigit() for c in figures) \
        and not clauses.has_verb(figures, language) and not states_a_finding(low, lang) and ":" not in low


def why_background(text: str, lang: str) -> str | None:
    """Why ``text`` is background or logistics with no hook, or None."""
    language = lexicon.lang_of(lang)
    if not language:
        return None
    low = text.lower()
    start = low.lstrip("«“\"( \u00a0")
    bare = not has_figure(low)  # "Fondée en 2009, …" always; "depuis 2019", "started in 2024" with no other figure
    if _FOUNDED[language].match(start) or (bare and (_TENURE[language].search(low)
                                                     or _STARTED[language].match(text.lstrip("«“\"( \u00a0")))):
        return "background with no hook (a founding or tenure line)"
    if _PRACTICAL[language].search(low):
        return "practical details (hours, tickets, bookings): the page's, and stale after the day"
    if _HOUSEKEEPING[language].search(low):
        return "housekeeping (downloads, slides, where to find more)"
    if _CONTACT[language].search(low) or (low.rstrip().endswith("?") and _ASKS_THE_READER[language].match(start)):
        return "a call to get in touch: logistics the link already carries"  # "Vous êtes producteur… ?"
    if _BASED[language].search(low):
        return "background: where someone is based"
    ours = lexicon.OURS.search(low)
    if (_DESCRIBES[language].match(text) or _INVENTORY[language].match(text.lstrip("«“\"( \u00a0"))) \
            and not CHANGE[language].search(low) and not ours:
        return "background: who someone is, not what changed"
    if _CLOCK_SCENE[language].match(start) or _SCENE_OPENING[language].match(start):
        return "a scene set at an hour of the day: the story's, not the point"
    if _OLD_YEAR[language].match(start) and not ours and not CHANGE[language].search(low) \
            and (salience.told_in_the_past(low, lang) or language == "en"):
        return "background: a past year's state, not the point"
    if _TEASER[language].search(low.rstrip()) or _EXPLAINS[language].match(start):
        return "a teaser: it announces a list it does not give"
    if _BEFORE[language].match(start) and (salience.told_in_the_past(low, lang) or language == "en"):
        return "background: the state before, not the point"
    if _PROGRAMME[language].search(start) or _ATTENDEES[language].match(start):
        return "tied to the event's own programme"
    return None


__all__ = ["CHANGE", "YEAR", "announces_only", "has_figure", "states_a_finding", "why_background"]
