"""The French and English words the excerpt rules read: openers that point back, impersonal forms that
do not, speech verbs, credits, time words. Lowercase; apostrophes are typed ’ (texts are typeset first)."""

from __future__ import annotations

import re
from functools import lru_cache


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


words = _set
"""A set of words from a string of them (for the other modules' own short lists)."""


OURS = re.compile(r"(?<![\w’])(?:we|we’ll|we’re|we’ve|our|us|nous|notre|nos)(?![\w’])")
"""The organisation speaking of itself ("we", "nous"): its own plans, results and claims, in either language."""
OPENERS: dict[str, frozenset[str]] = {
    # A sentence starting with one of these continues the one before it.
    "fr": _set("""
        puis mais or bref alors donc ensuite enfin et ou car pourtant cependant toutefois néanmoins
        ainsi aussi sinon certes d’ailleurs là voilà voici résultat finalement justement idem ici
        celui-ci celle-ci ceux-ci celles-ci celui-là celle-là lui leur leurs son sa ses il elle ils elles
        ce cet cette ces cela ceci ça c’ c’est c’était ç’a lequel laquelle lesquels lesquelles dont quant
        chacun chacune l’autre eux elle-même lui-même hélas évidemment
        """),
    "en": _set("""
        then but so and or yet also still however moreover furthermore besides therefore thus hence instead
        meanwhile otherwise anyway indeed afterwards later finally that this these those it its it’s that’s that’ll they
        them their theirs he she his her him here again both such neither either likewise similarly
        conversely nor anyhow
        """),
}
OPENING_PHRASES: dict[str, tuple[str, ...]] = {
    "fr": ("en tout cas", "par ailleurs", "de plus", "en outre", "en effet", "en revanche", "au contraire",
           "en fait", "c’est pourquoi", "là encore", "du reste", "de son côté", "de leur côté", "à ce sujet",
           "dans ce cas", "pour cela", "pour ce faire", "à cette occasion", "le reste", "les deux", "l’un ",
           "l’une ", "le premier", "la première", "le second", "la seconde", "le dernier", "la dernière",
           "au final", "au-delà,", "tout ça", "et puis", "à partir de là", "depuis,", "à ce moment", "dans la foulée",
           "le lendemain", "la veille", "peu après", "juste après", "ce jour-là", "à mon tour", "depuis lors",
           "dès lors", "depuis ce jour", "l’équipe", "l’entreprise", "le groupe", "la société", "le projet",
           "la banque", "le client", "la cliente", "l’établissement", "l’intéressé", "l’intéressée",
           "sauf que", "sauf qu’", "à part que", "sans compter que",
           # an answer to a question the post does not ask: "Parce que…", "J’aurais mis…" (if I started again)
           "parce que", "parce qu’", "j’aurais", "nous aurions", "on aurait",
           # the next point of a list the post does not give ("Troisièmement, …"); a condition on what came before
           "premièrement", "deuxièmement", "troisièmement", "quatrièmement", "d’abord,", "primo", "secundo",
           "s’ils ne ", "si elles ne ", "sinon,",
           # "Concrètement, …": the concrete side of what was just said (an interview's answer, set 17)
           "concrètement", "en pratique,", "en clair,", "autrement dit",
           # what really happened, against what was said or expected before (« En réalité, une demande sur
           # cinq… » after « Nous pensions devenir un point relais », set 142)
           "en réalité", "dans les faits", "en vérité",
           # the answer to a question the post does not ask (« La réponse est simple : … », set 91)
           "la réponse est", "la réponse était", "la raison est simple", "la raison était simple",
           # after what: « Après ça, je n’avais plus besoin… » (set 114); yes to what: standalone._ANSWERED
           "après ça", "après cela", "après quoi"),
    "en": ("after that", "of course", "in fact", "as a result", "the latter", "the former", "the rest",
           "the two", "the same", "the other", "in that case", "on top of that", "that said", "even so",
           "all of this", "all this", "at that point", "by then", "the next day", "the day before", "soon after",
           "right after", "on the other hand", "for that", "to do so", "in turn", "not only that", "since then",
           "ever since", "in the month since", "in the months since", "in the weeks since", "in the year since",
           "the team", "the company", "the group", "the firm", "the bank", "the project", "the client",
           "the customer", "the trust", "the agency", "beyond that", "except that", "except", "only that",
           "because", "i would have", "i’d have", "we would have", "we’d have",
           # the next point of a list the post does not give ("Third, nearly half of all bookings…"), and a
           # condition on something said before ("If they do not, I will say so publicly")
           "first,", "second,", "third,", "fourth,", "fifth,", "secondly", "thirdly", "lastly",
           "if they do not", "if they don’t", "if so", "if not",
           "in practice,", "in concrete terms", "in other words", "in reality", "in truth", "in fact,",
           "the answer is", "the answer was", "the reason is simple", "the reason was simple"),
}
IMPERSONAL: dict[str, tuple[str, ...]] = {
    # Pronoun openings that point at nothing before them: "Il faut…", "It takes…", "There are…".
    "fr": ("il faut", "il y a", "il existe", "il suffit", "il reste", "il manque", "il est temps", "il vaut mieux",
           "il arrive", "il importe", "il convient", "il s’agit de savoir", "ce qui ", "ce que ", "ce dont ",
           "ceux qui", "celles qui", "celui qui", "celle qui", "c’est en ", "c’est à ", "c’est le moment",
           "cela fait ", "ça fait ", "en matière de", "en cas de", "en moyenne", "en europe", "en france",
           "en 19", "en 20", "en un an", "en deux ans", "en trois ans", "en cinq ans", "en dix ans",
           "il est possible", "il est difficile", "il est rare", "il est courant", "il est facile",
           "il est inutile", "il est essentiel", "il est urgent", "il est tentant", "il est fréquent"),
    "en": ("it takes", "it pays to", "it is time", "it’s time", "it is worth", "it’s worth", "it is possible",
           "it is hard", "it is rare", "it is easy", "it is common", "it is tempting", "it is essential",
           "it’s easy", "it’s hard", "there is", "there are", "there was", "there were", "there’s",
           "those who"),
}
INTERJECTIONS: dict[str, frozenset[str]] = {
    # Openers only when a comma follows: "Non, je ne vous parle pas…" but "No company can…".
    "fr": _set("oui non bon ok ah oh eh bien voilà certes bref évidemment"),
    "en": _set("yes no well ok okay oh ah sure now so right"),
}
FIRST_PERSON: dict[str, frozenset[str]] = {
    # The narrator's own words ("je", "ma boss"): never the brand's voice outside a quotation.
    "fr": _set("je j’ me m’ moi mon ma mes moi-même"),
    "en": _set("i i’m i’ve i’d i’ll me my mine myself"),
}
FAMILIAR_YOU: dict[str, frozenset[str]] = {
    # Spoken to one person in a story ("Tu penses que ça suffira ?"): dialogue, not a message.
    "fr": _set("tu t’ te toi ton ta tes vas-y fonce dis-moi regarde écoute"),
    "en": frozenset(),
}
CREDITS: dict[str, tuple[str, ...]] = {
    # Lines that thank or credit people: no hook for a reader who has not read the piece.
    "fr": ("était animé par", "était animée par", "étaient animés par", "animé par", "animée par", "propos recueillis",
           "photo :", "photos :", "photo\u00a0:", "photos\u00a0:", "crédit", "merci à", "merci aux", "nous remercions",
           "un grand merci", "remerciements", "modéré par", "modérée par", "organisé par", "organisée par",
           "avec la participation de", "illustration :", "illustration\u00a0:", "article rédigé par", "traduit par",
           "cet article a été", "mis à jour le", "publié le", "lire aussi", "à lire aussi", "pour aller plus loin",
           "retrouvez", "inscrivez-vous", "abonnez-vous", "contactez-nous", "cliquez"),
    "en": ("moderated by", "hosted by", "facilitated by", "organised by", "organized by", "interview by",
           "photo:", "photos:", "photo by", "credits", "credit:", "thanks to", "thank you to", "we thank",
           "special thanks", "illustration:", "edited by", "translated by", "this article was", "updated on",
           "published on", "read also", "see also", "further reading", "sign up", "subscribe", "contact us",
           "click"),
}
CONNECTORS_INSIDE: dict[str, tuple[str, ...]] = {
    # Connectors that tie a sentence to the one before wherever they stand ("Pas vraiment du papier,
    # d’ailleurs, puisque…", "C’est pourtant celle qui…", "The gains, however, are…").
    "fr": ("d’ailleurs", "pourtant", "donc", "en effet", "cependant", "toutefois", "néanmoins", "par ailleurs",
           "en revanche", "par conséquent", "pour autant", "du coup", "malgré tout", "quant à lui", "quant à elle",
           "quant à eux", "de son côté", "de leur côté", "elle aussi", "lui aussi", "eux aussi", "non plus"),
    "en": ("however", "therefore", "thus", "hence", "nevertheless", "nonetheless", "moreover", "furthermore",
           "consequently", "accordingly", "in turn", "by contrast", "in contrast", "for their part", "for her part",
           "for his part", "as a result"),
}
CONNECTORS_SET_OFF: dict[str, tuple[str, ...]] = {
    # The same, only when set off by commas or closing the sentence ("It was hard, though.", "…, too.").
    "fr": ("aussi", "en fait", "de plus", "à nouveau", "de nouveau", "quand même", "finalement", "au final",
           "justement", "évidemment", "bien sûr"),
    "en": ("though", "too", "instead", "indeed", "in fact", "again", "as well", "either", "after all", "meanwhile",
           "of course", "also", "still", "then", "later", "even so"),
}
SUBORDINATORS: dict[str, frozenset[str]] = {
    # Where a main clause ends: its verb must come before one of these.
    "fr": _set("qui que qu’ dont où puisque parce car quand lorsque lorsqu’ si s’il s’ils pour afin sans"),
    "en": _set("who which that whose where when because since if while although whereas to"),
}
FINITE_VERBS: dict[str, frozenset[str]] = {
    # Common finite verbs: with the endings and subject pronouns in clauses.py, what tells a clause from a
    # fragment ("Un apport trop faible.", "The technology, at first.").
    "fr": _set("""
        est sont était étaient sera seront serait seraient fut a ont avait avaient aura auront aurait auraient
        ai as avons avez suis es sommes êtes fait font faisait peut peuvent pourra pourrait doit doivent devra
        devrait faut fallait va vont allait vient viennent reste restent suffit suffisent devient deviennent
        tient tiennent permet permettent sait savent dit disent voit voient met mettent prend prennent rend rendent
        existe existent compte comptent coûte coûtent semble semblent donne donnent passe passent part partent
        change changent sert servent dépend dépendent représente représentent demande demandent cherche cherchent
        montre montrent veut veulent porte portent garde gardent réduit réduisent divise divisent double doublent
        arrive arrivent commence commencent manque manquent crée créent offre offrent ouvre ouvrent paie paient
        protège protègent emploie emploient conserve conservent consiste consistent concerne concernent
        """),
    "en": _set("""
        am is are was were has have had do does did can could will would shall should may might must need needs
        make makes made take takes took get gets got go goes went keep keeps kept cost costs mean means meant
        work works run runs ran become becomes became remain remains seem seems say says said show shows give
        gives gave help helps come comes came know knows knew find finds found see sees saw tell tells told put
        puts lets let begin begins began hold holds held pay pays paid lose loses lost buy buys bought
        """),
}
SUBJECT_PRONOUNS: dict[str, frozenset[str]] = {
    # The word after one of these (and its clitics) is a verb.
    "fr": _set("je j’ tu il elle on nous vous ils elles ne n’ se s’"),
    "en": _set("i you we they he she it there"),
}
SETS_UP: dict[str, tuple[str, ...]] = {
    # Sentences that announce a question or an answer they do not give ("X is careful with her answer.",
    # "We asked her what changed.", "Nous lui avons demandé…").
    "fr": (r"(?:sa|leur|notre|ma|votre) réponse", r"(?:lui|leur) (?:avons|ai|a|ont|avait|avions|avaient) (?:demandé|posé)",
           r"(?:nous|je) (?:lui|leur) (?:demandons|demande|posons|pose)", r"(?:n’hésite|hésite|hésitent) pas",
           r"ne (?:se fait|se font) pas prier", r"(?:sa|leur) question",
           r"(?:nous|je) (?:l’|les )(?:avons|ai) (?:rencontrée?s?|interrogée?s?|retrouvée?s?|suivie?s?)"),
    "en": (r"(?:her|his|their|our|my|your) answers?", r"(?:asked|ask|asking) (?:her|him|them|us|me)\b",
           r"(?:does|did|do|doesn’t|didn’t|don’t) (?:not )?hesitate", r"(?:her|his|their) (?:reply|response)\b",
           r"we (?:met|interviewed|visited|spoke to|talked to|caught up with) (?:her|him|them)\b"),
}
STANCES: dict[str, tuple[str, ...]] = {
    # Attitudes that need their object ("was sceptical at the start": of what?).
    "fr": ("sceptique", "sceptiques", "prudent", "prudente", "prudents", "prudentes", "réticent", "réticente",
           "réticents", "réticentes", "hésitant", "hésitante", "méfiant", "méfiante", "dubitatif", "dubitative",
           "catégorique", "formel", "formelle", "enthousiaste", "enthousiastes", "convaincu", "convaincue",
           "convaincus", "lucide", "optimiste", "pessimiste"),
    "en": ("sceptical", "skeptical", "cautious", "careful", "hesitant", "reluctant", "unconvinced", "doubtful",
           "wary", "enthusiastic", "convinced", "categorical", "adamant", "optimistic", "pessimistic", "candid"),
}
STANCE_OBJECTS: dict[str, frozenset[str]] = {
    # What an attitude's object starts with ("sceptique quant à…", "sceptical of…").
    "fr": _set("de d’ du des que qu’ quant sur face vis-à-vis envers à l’égard pour"),
    "en": _set("of about that towards toward on regarding whether"),
}
COPULAS: dict[str, frozenset[str]] = {
    "fr": _set("est était sont étaient reste restait restent resta demeure semble semblait paraît été montre montrait"),
    "en": _set("is was are were remains remained stays stayed seems seemed been sounds sounded"),
}
QUANTIFIER_SUBJECTS: dict[str, tuple[str, ...]] = {
    # A quantity with no noun, as a subject, counts people or things named before ("Several had been…").
    "fr": (r"(?:plusieurs|certains|certaines|beaucoup|la plupart|aucun|aucune|tous|toutes|d’autres|les autres"
           r"|deux|trois|quatre|cinq|six|dix)(?: d’entre (?:eux|elles))? (?:ont|sont|avaient|étaient|n’|ne|se|s’"
           r"|restent|reviennent|travaillent|sont)\b"),
    "en": (r"(?:several|many|some|most|few|none|all|both|others|two|three|four|five|six|ten)(?: of them)?"
           r" (?:had|have|has|were|was|are|is|will|would|could|can|did|still|now|later|since|also|went|came)\b"),
}
STORY_TIME: dict[str, tuple[str, ...]] = {
    # Openings that place a sentence at a moment of a story ("Mercredi, premier rendez-vous…").
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "vers ", "à ", "ce jour",
           "le soir", "le matin", "la nuit", "au matin", "au réveil", "une heure plus tard", "quelques minutes",
           "dans les heures qui suivent", "dans les heures qui ont suivi", "au cours des heures suivantes",
           "pendant les heures suivantes", "le lendemain", "les jours suivants"),
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "at ", "around ",
           "that night", "that morning", "that day", "an hour later", "minutes later", "by thursday", "by monday",
           "by friday", "by then", "the next morning", "the next day", "the following day",
           # "Over the next six hours, …": the hours after a moment the sentence before gave
           *(f"{lead} {count}{unit}" for lead in ("over the next", "over the following", "in the next",
                                                  "for the next", "during the next")
             for count in ("", "few ", "two ", "three ", "four ", "five ", "six ", "eight ", "twelve ", "24 ")
             for unit in ("hour", "hours", "minutes"))),
}
SELF_REFERENCE: dict[str, tuple[str, ...]] = {
    # A sentence about the page itself ("dans cet article", "below"): meaningless in a post.
    "fr": ("cet article", "ce billet", "cet entretien", "ce compte rendu", "ci-dessous", "ci-dessus", "plus haut",
           "plus bas", "nous verrons", "voyons maintenant", "voyons comment", "voyons ce", "on l’a vu", "comme vu", "comme indiqué", "dans cette partie",
           "cette section", "ce chapitre", "dans ce livre blanc", "la suite de", "prenons un exemple", "prenons le cas",
           "voici ", "en voici", "je vous"),
    "en": ("this article", "this post", "this piece", "this interview", "this report", "below", "above",
           "we will see", "we’ll see", "let’s see", "as we saw", "as mentioned", "this section", "this chapter",
           "in this paper", "this white paper", "the rest of", "take an example", "here is", "here are",
           "let me"),
}
SPEECH_VERBS: dict[str, frozenset[str]] = {
    "fr": _set("""
        dit dis explique résume résumé précise ajoute souligne raconte confie confié insiste reconnaît
        reconnu observe note rappelle estime affirme poursuit conclut conclu sourit prévient avertit assure
        tranche lance glisse martèle admet admis analyse détaille commente témoigne indique expliqué précisé
        ajouté souligné raconté rappelé estimé affirmé poursuivi averti assuré tranché lancé glissé martelé
        analysé détaillé commenté témoigné indiqué déclaré déclare répond répondu constate constaté
        souvient souvenu remémore s’amuse amuse sourit souri s’étonne étonne s’inquiète inquiète
        dire lâcher avouer admettre reconnaître lâche lâché avoue avoué
        disait expliquait résumait précisait ajoutait soulignait racontait confiait insistait reconnaissait
        observait notait rappelait estimait affirmait poursuivait concluait souriait prévenait assurait
        lançait glissait martelait admettait analysait détaillait commentait témoignait indiquait déclarait
        répondait constatait amusait étonnait inquiétait lâchait avouait
        expliqua résuma précisa ajouta souligna raconta confia insista observa nota rappela affirma
        poursuivit répondit lança glissa avoua déclara constata indiqua
        """),
    "en": _set("""
        said says explained explains added adds noted notes told tells recalled recalls argued argues
        summed sums insisted insists admitted admits warned warns observed observes concluded concludes
        stressed stresses pointed points put puts remarked remarks replied replies answered answers
        continued continues laughed smiled explained confirmed confirms
        """),
}
NAME_STOPWORDS = _set("""
    le la les un une des du de l’ au aux ce cette ces cet son sa ses mon ma mes notre nos votre vos leur leurs
    en dans pour par sur avec sans chez selon comme et mais ou donc or ni car si quand lorsque depuis pendant
    the a an this that these those his her their our your my its in on at for with without by from to of and
    but or so if when while since after before as according
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre
    january february march april may june july august september october november december
    lundi mardi mercredi jeudi vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday
    madame monsieur mme m mr mrs ms dr
""")
ORGANISATION_WORDS = _set("""
    groupe group mutuelle banque bank transports transport logistique logistics société company corp inc ltd sa
    sas sarl gmbh cité université university hôpital hospital ministère ministry agence agency association
    fondation foundation institut institute centre center conseil council région region ville city club
    collège college école school labs lab systems solutions technologies services assurances insurance
    partners capital holding industries airlines energy énergie trust
""")
"""A name with one of these words is an organisation, never the "elle" or "she" of a quote."""
RELATIVE_TIME: dict[str, tuple[str, ...]] = {
    # Words that only mean something on the day they were written.
    "fr": ("aujourd’hui", "hier", "demain", "avant-hier", "après-demain", "ce matin", "ce soir", "cet après-midi",
           "cette semaine", "la semaine dernière", "la semaine prochaine", "ce mois-ci", "le mois dernier",
           "semaine dernière", "semaine prochaine",  # « en milieu de semaine dernière » (set 143)
           "le mois prochain", "cette année", "l’an dernier", "l’année dernière", "l’an prochain",
           "l’année prochaine", "ce week-end", "en ce moment", "actuellement", "cette fin de semaine",
           "il y a quelques jours", "il y a deux jours", "il y a trois jours", "dans quelques jours",
           "jeudi dernier", "lundi dernier", "mardi dernier", "mercredi dernier", "vendredi dernier",
           "samedi dernier", "dimanche dernier", "lundi prochain", "mardi prochain", "mercredi prochain",
           "jeudi prochain", "vendredi prochain", "récemment", "tout à l’heure", "cette saison"),
    "en": ("today", "tonight", "yesterday", "tomorrow", "this morning", "this afternoon", "this evening",
           "this week", "last week", "next week", "this month", "last month", "next month", "this year",
           "last year", "next year", "this weekend", "last weekend", "right now", "currently", "a few days ago",
           "two days ago", "three days ago", "in a few days", "last monday", "last tuesday", "last wednesday",
           "last thursday", "last friday", "next monday", "next tuesday", "next wednesday", "next thursday",
           "next friday", "recently", "earlier today", "this season",
           # "Since Tuesday, wheelchair fencers have a frame of their own" (set 97): true on its launch day only
           "since monday", "since tuesday", "since wednesday", "since thursday", "since friday", "since saturday",
           "since sunday"),
}
MONTHS: dict[str, tuple[str, ...]] = {
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"),
    "en": ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"),
}
STOPWORDS: dict[str, frozenset[str]] = {
    # Not key terms, however rare a piece makes them.
    "fr": _set("""
        alors aussi autre avant avec avoir bien beaucoup cela celle celles celui cette ceux chaque comme comment dans
        depuis donc elle elles encore entre être fait faire fois font leur leurs mais même moins notre nous
        peut plus pour pourquoi quand quelle quelles quels quoi sans selon sera sont sous tous tout toute toutes
        très vous votre vos avait avaient était étaient ainsi dont lors après déjà jamais toujours souvent
    """),
    "en": _set("""
        about after again also been before being both could does doing done each even every from have having here
        into just like more most much must only other over same should some such than that their them then there
        these they this those through very were what when where which while with would your yours will shall
    """),
}


CARDINALS: dict[str, tuple[str, ...]] = {
    # Numbers in words, from zero: CARDINALS[language][n] is n up to twenty, then the tens up to sixty.
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
           "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
           "forty", "fifty", "sixty"),
    "fr": ("zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
           "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt", "trente",
           "quarante", "cinquante", "soixante"),
}


def cardinals(language: str, first: int, last: int = 10) -> str:
    """A regex alternation of the number words from ``first`` to ``last`` (an index of CARDINALS: 21 is
    thirty, 24 sixty), in that order. Each rule says how far its counts reach: "two to ten of them",
    "one to sixty years ago"."""
    return "|".join(CARDINALS[language][first:last + 1])


@lru_cache(maxsize=256)  # a plan asks ~200,000 times, always of the same few language codes
def lang_of(lang: str) -> str:
    """'fr' or 'en' for the rules of that language, '' for the language-neutral ones only."""
    base = lang.split("-")[0].split("_")[0].lower()
    return base if base in OPENERS else ""


__all__ = [
    "CARDINALS",
    "CONNECTORS_INSIDE",
    "CONNECTORS_SET_OFF",
    "COPULAS",
    "CREDITS",
    "FAMILIAR_YOU",
    "FINITE_VERBS",
    "FIRST_PERSON",
    "IMPERSONAL",
    "INTERJECTIONS",
    "MONTHS",
    "NAME_STOPWORDS",
    "OPENERS",
    "OPENING_PHRASES",
    "ORGANISATION_WORDS",
    "OURS",
    "QUANTIFIER_SUBJECTS",
    "RELATIVE_TIME",
    "SELF_REFERENCE",
    "SETS_UP",
    "SPEECH_VERBS",
    "STANCES",
    "STANCE_OBJECTS",
    "STOPWORDS",
    "STORY_TIME",
    "SUBJECT_PRONOUNS",
    "SUBORDINATORS",
    "cardinals",
    "lang_of",
    "words",
]
