"""Who is speaking, as a post signs them: a quote's name and role ("— Owain Bevan, Director, Cwm Serennog
Observatory"), the guest's role and organisation, a title that opens on its guest's name. A reader meets a
quote in a feed, where a bare name says nothing (sets 37-47, docs/post-quality.md)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from publisher.content.model import Piece, Quote
from publisher.content.typography import typeset
from publisher.social.excerpting import misquotes, referents, speech

_HONORIFIC = re.compile(r"^(?:dr|prof|professor|mr|mrs|ms|mx|sir|dame|m|mme|mlle|me|pr|docteur|docteure)\.?\s+(?=\S)",
                        re.I)


def guest_name(piece: Piece) -> str:
    """The guest's name as the piece writes it: "Sandy Lowther" when the front matter says "Dr Sandy
    Lowther" and neither the title nor the body does (set 47: "Sandy Lowther on 38 years in the dale" was
    posted with nothing to say who she is, and her quotes went unsigned by her role)."""
    guest = piece.guest
    if not guest:
        return ""
    plain = _HONORIFIC.sub("", guest.name)
    if plain != guest.name and guest.name not in piece.title and guest.name not in piece.body:
        return plain
    return guest.name


def with_role(attribution: str, piece: Piece, given: str = "") -> str:
    """The guest's role and organisation after their name ("Marion Chabrier, cogérante, GAEC des
    Hautes-Fraisses"), as the front matter gives them (``given``: the role a quote of theirs names), and a
    colleague's as the authors file gives it, rather than how the body happened to introduce them ("Owain
    Bevan, observatory's director", set 38): a reader meets a quote in a feed, where a bare name says
    nothing."""
    guest, lang = piece.guest, piece.lang
    name, _, introduced = attribution.partition(", ")
    if not guest or name not in (guest.name, guest_name(piece)):
        known = piece.team.get(name)
        if known:
            return f"{name}, {role_after_name(known, lang)}"
        if introduced:
            return f"{name}, {role_after_name(where_named(whose_named(introduced, piece.body), _told(piece)), lang)}"
        return attribution
    role = with_organization(role_after_name(_labels_joined(given or guest.role, lang), lang), guest.organization)
    return f"{name}, {role}" if role else (f"{name}, {role_after_name(introduced, lang)}" if introduced else name)


_ROLE_WORDS = frozenset(re.findall(r"\S+", """
    fondateur fondatrice cofondateur cofondatrice dirigeant dirigeante gérant gérante cogérant cogérante directeur
    directrice président présidente coordinateur coordinatrice responsable trésorier trésorière secrétaire
    propriétaire animateur animatrice founder co-founder cofounder owner director manager coordinator chair
    president secretary treasurer head lead
    """))


def _labels_joined(role: str, lang: str) -> str:
    """"Tatoueuse, fondatrice" as a person is introduced: "Tatoueuse et fondatrice" (sets 117, 118: readers failed
    « Léa Marchadier, tatoueuse, fondatrice, Atelier Peau Neuve » as a list of labels). Only when every label after
    the first is a post ("fondatrice", "directrice générale", "head teacher"): "Volunteer, imaging team" stays."""
    labels = [label.strip() for label in role.split(",")]
    if len(labels) < 2 or not all(label and label.split()[0].lower() in _ROLE_WORDS for label in labels[1:]):
        return role
    joiner = " et " if lang.startswith("fr") else " and "
    return ", ".join(labels[:-1]) + joiner + labels[-1]


def headline_role(role: str, piece: Piece) -> str:
    """A guest's role as a headline says it: "tatoueuse et fondatrice d’Atelier Peau Neuve", "founder and head
    teacher at Tambours Battants", rather than the signature's "…, Atelier Peau Neuve" (sets 117, 118 failed
    rebuilt titles that read as a list of labels). As it was when the post names its place itself ("responsable
    du tir adapté", "Head of Infrastructure") or names no organisation."""
    guest = piece.guest
    org = typeset(guest.organization.strip(), piece.lang) if guest and guest.organization else ""
    if not org or not role.endswith(f", {org}"):
        return role
    post = role[:-len(org) - 2]
    placed = re.search(r"(?<![\w’])(?:de|du|des|d’|of|at|for|à|au|aux)(?![\w’])", post, re.I)
    if not post or "," in post or (placed and not (piece.lang.startswith("fr") and _kind_of(org))):
        return role  # "responsable du tir adapté, Compagnie…" stays; « directrice des achats du Groupe Cavalier »
    if not piece.lang.startswith("fr"):
        return f"{post} at {'the ' + org[4:] if org.startswith('The ') else org}"  # "at the Holloway Library"
    head = org.split(" ", 1)
    if head[0] in ("Le", "Les") and len(head) == 2:
        return f"{post} {'du' if head[0] == 'Le' else 'des'} {head[1]}"
    if org.startswith(("L’", "La ")):
        return f"{post} de {org[:1].lower()}{org[1:]}"
    kind = _kind_of(org)
    if kind:
        return f"{post} {kind}{org}"  # "directrice de l’École des Lettres", not "d’École" (set 125)
    first = org.split(" ", 1)[0]
    if first.isupper() or first[:1].lower() in "hy":
        return role  # "CHU de Rennes", "Haras du Pin", "Yoga Club": which article, we cannot tell
    return f"{post} d’{org}" if first[:1].lower() in "aeiouàâéèêëîïôöûü" else f"{post} de {org}"


def _kind_of(org: str) -> str:
    """What "de" becomes before a French organisation named by its kind: "de l’" (École…), "du" (Centre…),
    "de la" (Maison…), "des" (Ateliers…, Amis…), or "" for a name of its own."""
    word = re.split(r"[ -]", org, maxsplit=1)[0]
    kind = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    if kind in _ELIDED_KINDS:
        return "de l’"
    if kind in _MASCULINE_KINDS:
        return "du "
    if kind in _FEMININE_KINDS:
        return "de la "
    if kind.endswith(("s", "x")) and (kind[:-1] in _ELIDED_KINDS | _MASCULINE_KINDS | _FEMININE_KINDS or kind == "amis"):
        return "des "
    return ""


_ELIDED_KINDS = frozenset(re.findall(r"\S+", """
    ecole atelier association eglise institut observatoire orchestre usine epicerie abbaye auberge agence academie
    harmonie amicale ensemble entreprise espace union office hopital hotel ecomusee universite opera"""))
_MASCULINE_KINDS = frozenset(re.findall(r"\S+", """
    centre cercle club collectif comite conservatoire groupe musee reseau syndicat theatre laboratoire cabinet choeur
    foyer jardin moulin refuge studio garage domaine fournil marche service pole bureau festival lycee college cafe
    hameau haras hangar"""))
_FEMININE_KINDS = frozenset(re.findall(r"\S+", """
    maison compagnie cooperative federation fondation societe ferme galerie bibliotheque mediatheque clinique chorale
    troupe salle cave fanfare guilde brigade caserne creche boulangerie librairie cuisine mission regie
    ressourcerie fabrique scierie forge corderie verrerie sellerie mairie ville banque halle"""))
"""A French organisation named by its kind ("École des Lettres", "Centre Clé de Voûte", "Maison du Vélo") takes
its article after "de" (looked up without accents: "Ecole" is "École"); a name of its own ("Tambours Battants")
does not. "Hameau", "Haras", "Hangar", "Halle" start on an aspirated h: "du Haras", "de la Halle"."""


_WHOSE_NOUN = re.compile(r"^(?:the\s+)?([a-z][a-z-]{2,})[’']s\s+(\S.*)$")


def whose_named(role: str, body: str) -> str:
    """"collective’s coordinator" when the body names one "… Collective" ("Harbridge Orchard Collective"):
    "coordinator, Harbridge Orchard Collective". Sets 96 and 109 failed the possessive of a group the post never
    names. The role as it was when the body names none, or several."""
    found = _WHOSE_NOUN.match(role)
    if not found:
        return role
    noun = found.group(1)
    names = {re.sub(r"^(?:The|A|An|Our)\s+", "", name) for name in re.findall(
        rf"(?<![\w’-])((?:[A-ZÀ-Ö][\w’&-]+\s+){{1,4}}{noun.capitalize()})(?![\w’-])", body)}
    if len(names) == 1:
        return f"{found.group(2)}, {names.pop()}"
    placed = where_named(f"{found.group(2)} of the {noun}", body)  # "Mèche Commune, an inclusive … school"
    return placed if not placed.endswith(f" of the {noun}") else role


_WHERE_NOUNS = (r"commission|association|club|cabinet|salle|atelier|collectif|coopérative|réseau|école|ferme|moulin"
                r"|musée|entreprise|société|fondation|comité|fédération|syndicat|troupe|chorale|compagnie|structure"
                r"|refuge|centre|observatoire|bibliothèque|médiathèque|clinique|galerie|forge|laboratoire|society"
                r"|charity|trust|group|school|network|co-?operative|center|hall|gym|farm|mill|museum|workshop"
                r"|committee|company|foundation|collective|practice|federation|union|studio|library|clinic|gallery"
                r"|lab|laboratory|bakery|brewery|observatory|shop|choir|theatre|theater|cercle|groupe|amicale|guilde"
                r"|conservatoire|orchestre|harmonie|fanfare|caserne|crèche|circle|guild|band|institute|orchestra")
_UNNAMED_WHERE = re.compile(rf"(?P<link>[\s\u00a0]+(?:de\s+la|de\s+l’|du|des|of\s+the|for\s+the)\s*)(?P<noun>(?i:{_WHERE_NOUNS}))$")
"""A role that ends on a place of work the story named before by its kind only: "cofondatrice du cabinet",
"présidente de la commission", "chef ouvreur de la salle" (sets 103, 106, 110: which practice, which
commission, which gym? their readers failed all three)."""
_ADJECTIVE = (r"[a-zà-ÿ-]+(?:ique|iques|al|ale|aux|ales|el|elle|ier|ière|aire|if|ive|ien|ienne|ais|aise|ois|oise"
              r"|eux|euse|é|ée|és|ées|ain|aine|iste|ard|arde)")
"""A French adjective by its ending ("philatélique", "municipale", "vocal"), not a verb ("reçoit", "forme",
"accueille": « le Club reçoit des Lyonnais » names no club)."""
_CAPITALISED_RUN = r"[A-ZÀ-Ö][\w’&-]*(?:(?: (?:de la|de l’|du|des|de|d’|of the|of|the|for|and|et|&) ?| )[A-ZÀ-Ö][\w’&-]*){0,5}"


def where_named(role: str, text: str) -> str:
    """``role`` with the place of work it names by its kind only, as ``text`` (title, summary and body) names it:
    "cofondatrice du cabinet" and "le cabinet Sages-femmes de la Clairière" make "cofondatrice du cabinet
    Sages-femmes de la Clairière"; "présidente de la commission" and "la Commission des noms de rues" make
    "présidente de la Commission des noms de rues"; "chef ouvreur de la salle" and "La Prise Commune, la
    salle d’escalade de…" make "chef ouvreur, La Prise Commune". ``role`` as it was when it names no such
    place, or when the text names none, or several (a headline or the sender often says which: sets 24, 83,
    85 and 97 passed "président de l’association" where set 96 failed "fondatrice de l’école")."""
    found = _UNNAMED_WHERE.search(role.replace("'", "’"))
    if not found:
        return role
    noun = found.group("noun").lower()  # "président du Cercle": the club's short name, which the text gives whole
    parts = [" ".join(part.split()) for part in re.split(r"\n\s*\n|\n(?=#)", text.replace("'", "’"))]
    flat = "\n".join(part for part in parts if not part.startswith("#") and not _title_case(part))  # no heading
    first = parts[0] if parts else ""
    after = {m.group(1) for m in re.finditer(rf"(?<![\w’-]){noun} ({_CAPITALISED_RUN})", flat)}
    after = {name for name in after if (" " in name or (name != "I" and name in first))  # "the gallery Maria opened"
             and name.split()[0].lower() not in _TITLES}  # "the committee Chair Jane Doe"
    inside = {_ARTICLE.sub("", m.group(1)) for m in re.finditer(
        rf"(?<![\w’-])((?:[A-ZÀ-Ö][\w’&-]+ ){{0,4}}{noun.capitalize()}(?:(?: (?:de la|de l’|du|des|de|d’|of the|of|for) ?"
        rf"| ){_CAPITALISED_RUN}| (?:{_ADJECTIVE} ){{1,2}}(?:de la|de l’|du|des|de|d’) ?{_CAPITALISED_RUN})?)(?![\w’-])", flat)}
    # "Centre Clé de Voûte", not "Centre Clé" (set 118); "Cercle philatélique de Valmont" (set 120)
    inside = {name for name in inside if " " in name}  # "Commission" alone, "La Commission": no name
    before = {m.group(1) for m in re.finditer(
        rf"({_CAPITALISED_RUN}), (?:la|le|l’|une|un|the|a|an) ?(?:(?!(?:du|de|des|of|the)\b)[a-zà-ÿ-]+ ){{0,3}}{noun}"
        rf"(?=[,.;:)\n]|$| (?:de|du|des|d’|à|au|en|in|of|for|at|on|with|avec|that|which|qui|où)\b)", flat)}  # its head: not "the club treasurer"
    before = {_ENGLISH_ARTICLE.sub("", name) for name in before if re.search(rf"[a-zà-ÿ,] {re.escape(name)}", flat)}
    named = after | inside | before
    if len(named) != 1:
        return role
    name = named.pop()
    start = found.start("noun")
    if name in after:
        return f"{role[:start]}{noun} {name}"
    if name in inside:
        return f"{role[:start]}{name}"
    return f"{role[:found.start('link')].rstrip(' ,')}, {name}"


_TITLES = frozenset({"chair", "president", "director", "secretary", "treasurer", "manager", "mr", "mrs", "ms", "dr",
                     "président", "présidente", "directeur", "directrice", "madame", "monsieur", "mme", "m"})


def _title_case(part: str) -> bool:
    """"How The Community Workshop Keeps Bikes Rolling": a title whose every word has a capital names nothing."""
    words = [w for w in part.split() if len(w) > 3]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.8 * len(words)


_ARTICLE = re.compile(r"^(?:The|A|An|Our|La|Le|Les|L’)\s*")
_ENGLISH_ARTICLE = re.compile(r"^(?:The|A|An|Our)\s+")
""""The Kelsby Stores, the shop…": "the Kelsby Stores"; a French name keeps its article ("La Prise Commune")."""


def with_organization(role: str, organization: str) -> str:
    """``role`` that says where: "directrice de la cuisine centrale" and "Cuisine centrale intercommunale
    de Brévanne" make "directrice de la Cuisine centrale intercommunale de Brévanne" (set 38's reader
    failed the stutter "directrice de la cuisine centrale, Cuisine centrale…")."""
    own = organization.split(",")[0]
    if not organization or organization.lower() in role.lower() or (" " in own.strip() and re.search(
            rf"(?<!\w){re.escape(own.strip())}(?![\w’])", role, re.I)):
        return role or organization  # "directrice de l’École Mèche Commune" for "École Mèche Commune, Roubaix"
    if not role:
        return organization
    if ("," in role and _says_where(role.rsplit(",", 1)[1], organization)) or _names_it(role, organization):
        return role  # "Tower Captain, St Aldhelm’s, Chedcombe", "maire de Plouzanel": the author said where
    words, named = role.split(), organization.split()
    for size in range(min(len(words), len(named)), 0, -1):
        tail = [w.lower().strip(",") for w in words[-size:]]
        if size > 1 and tail == [w.lower().strip(",") for w in named[:size]]:  # not "Chair of the Board Games Café"
            return " ".join([*words[:-size], organization])
    last = re.sub(r"^[ld]['’]", "", words[-1]) if words else ""  # front matter is typed, not typeset
    article = len(words) > 1 and (words[-1] != last or words[-2].lower() in ("du", "des", "la", "le", "the"))
    if len(named) > 1 and last.lower() == named[0].lower() and (named[1].lower() in _OF or (
            not last[:1].isupper() and article)):  # "du musée", "de l’atelier", "of the museum"; not "de danse"
        # "championne 2026 de l’Union" and "Union des joueurs d’échecs par la poste" (set 104's reader failed
        # "…de l’Union, Union des joueurs…"): the role's short name is the organisation's first word; "directrice
        # du musée" and "Musée des Beaux-Arts de Vireval": "directrice du Musée des Beaux-Arts de Vireval"
        return " ".join([*words[:-1], words[-1][:-len(last)] + organization])
    return f"{role}, {organization}"


_OF = frozenset({"de", "des", "du", "d’", "of", "for"})


def _says_where(part: str, organization: str) -> bool:
    """The last part of a role with commas says where: a name ("Tower Captain, St Aldhelm’s, Chedcombe"), or the
    organisation in its own words ("technicienne, fédération départementale de pêche"); not a bare title
    ("Interprète LSF-français, cofondatrice": cofounder of what? set 106's reader failed it)."""
    if any(c.isupper() for c in part):
        return True
    own = {w.lower() for w in re.findall(r"[^\W\d_]{4,}", organization)}
    return len(own & {w.lower() for w in re.findall(r"[^\W\d_]{4,}", part)}) >= 2


_GENERIC = frozenset({"commune", "ville", "mairie", "city", "town", "council", "borough", "village", "district",
                      "county", "département", "région", "region", "of", "de", "du", "des", "la", "le", "les", "the",
                      "d’", "l’"})


def _names_it(role: str, organization: str) -> bool:
    """Does ``role`` name ``organization`` by its own name ("maire de Plouzanel" for "Commune de
    Plouzanel", set 51, whose reader failed "maire de Plouzanel, Commune de Plouzanel")?"""
    own = [w for w in re.findall(r"[\w’-]+", organization) if w.lower() not in _GENERIC]
    if not own or not any(w[:1].isupper() for w in own):
        return False
    # its own words, together, after "de"/"of": not "Green Party councillor" for "Green Council"
    return bool(re.search(rf"(?<![\w’])(?:de|du|des|d’|of|at|for)\s*{re.escape(' '.join(own))}(?![\w’])", role))


def quote_signed(quote: Quote, piece: Piece) -> str | None:
    """Who said a quote of the front matter, or None when nothing says who they are. The role the author
    gave (or wrote into ``by``: "Mick, driver"); for the guest, with their organisation from ``guest:``;
    for a colleague in the authors file, their role there; else the role the body introduces them with
    ("Tom Becker, head of sustainability at Harbour Logistics, …"). A bare "— Jodie Marsh" tells a feed
    nothing (set 37, and five quotes of the sample): not posted, and `publisher doctor` says which role to
    add. A first name and who they are ("Joanne, mother of a Year 9 pupil") passed its reader: kept. A quote with no ``by`` is the brand's own and stays."""
    if not quote.by:
        return ""
    name, _, written = quote.by.partition(", ")
    name = name.strip()
    if not name:
        return None
    # "Mick, driver" and its role; each French part without its capital ("Inès, 19 ans" and "Étudiante"),
    # not a name ("Ville de Brest", "Université de Rennes": a capital further on)
    role = ", ".join(part if _a_name(part) else role_after_name(part, piece.lang)
                     for part in (written.strip(), quote.role.strip()) if part)
    guest = piece.guest
    if guest and name in (guest.name, guest_name(piece)):
        return with_role(name, piece, role)
    role = role or piece.team.get(name, "") or roles_in(piece.body, piece.lang).get(name, "")
    if not role:
        return None
    return f"{name}, {role_after_name(where_named(role, _told(piece)), piece.lang)}"


def _told(piece: Piece) -> str:
    return f"{piece.title}\n\n{piece.summary}\n\n{piece.body}"


@lru_cache(maxsize=1024)
def roles_in(body: str, lang: str) -> dict[str, str]:
    """`speech.roles_in` once per body: each front matter quote without a role, and `doctor`, ask it."""
    return speech.roles_in(body, lang)


def _a_name(part: str) -> bool:
    """A capital past the first word: an organisation or a place, whose capitals stay."""
    return any(word[:1].isupper() for word in part.split()[1:])


def quote_refused(quote: Quote, piece: Piece) -> str | None:
    """Why a quote of the front matter is not posted, or None (`publisher doctor` says it)."""
    signed = quote_signed(quote, piece)
    if quote.by and signed is None:
        return "nothing says who its speaker is (no role)"
    if misquotes.as_said(quote.text, piece.body) is None:
        return "its first sentence is not what the body has its speaker say: quote the body word for word"
    return unsaid_by_speaker(quote, piece) or unplaced_name(quote.text, piece, signed or "")


_CAPITAL_OR_OURS = re.compile(r"(?<=.)(?:(?<![\w’-])|(?<=[dlDL]’))(?:[A-ZÀ-Ö][\w’&-]*|[A-Z]{2,})"
                              r"|(?<![\w’-])(?:[Oo]ur|[Nn]otre|[Nn]os)\s"  # "head of our kitchen"
                              r"|^[A-ZÀ-Ö][\w&-]*[’']s\s")  # "Nightway’s operations director"; « médiathèque d’Orsanne »


def role_places(role: str) -> bool:
    """Does a signature's role say where its person works? A name in it ("directrice de la Médiathèque des Tanneurs",
    "head of purchasing at Calder Foods", "cuisinier, crèche parentale Les Marmottons", an acronym), or the brand's
    own "our" / « notre ». Strict readers of sets 141-152 failed about thirty quotes signed "responsable du service",
    "chef de la police municipale", "crew’s chief", "directrice de la médiathèque", "looks after 14": a reader cannot
    place them. English title case ("Chief Nursing Officer") passes: its capitals read as a name."""
    return bool(_CAPITAL_OR_OURS.search(role.strip()))


def unsaid_by_speaker(quote: Quote, piece: Piece) -> str | None:
    """A front-matter quote whose speaker the body names but never gives these words: the body quotes or tells
    them otherwise, and a reader who checks finds another wording, or none (sets 135, 137, 140: "We were about to
    pay someone to crush these bikes…", a quote translated from the French piece). A quote of someone the body
    does not name is the author's pull quote, shown on the page: kept."""
    name = quote.by.partition(", ")[0].strip()
    if len(name) < 5 or " " not in name or not re.search(rf"(?<![\w’-]){re.escape(name)}(?![\w’-])", piece.body):
        return None  # the whole name, as words: "Sarah Hall" is not named by "Harrowfield Town Hall"
    if misquotes.said_in(quote.text, piece.body):
        return None
    return f"the body names {name} but never gives them these words: quote the body word for word"



def unplaced_name(text: str, piece: Piece, speaker: str = "") -> str | None:
    """Why an author's quote or takeaway names someone the post cannot place ("and Lowri does the ringing"),
    or None: `referents.first_name_only` against the people the body names in full."""
    names = names_in_body(piece.body)
    if not names:
        return None
    return referents.first_name_only(typeset(text, piece.lang), names, speaker, piece.title)


@lru_cache(maxsize=1024)
def names_in_body(body: str) -> tuple[str, ...]:
    """The people (and organisations) a body names in full, once per body."""
    return tuple(dict.fromkeys(speech.names_in(body)))


_WHICH_ONE = re.compile(r"(?<!\s)\s+(?:(?:au|à la|à l’|dans la|dans le|dans l’)\s*(?:service|équipe|pôle|direction|département"
                        r"|association|club|coopérative|atelier|réseau|collectif|structure|entreprise)"
                        r"|(?:at|in|with) the (?:department|team|service|club|council|charity|company|co-?operative"
                        r"|workshop|network|trust|society|association|group|organisation|organization))$", re.I)
"""A role that ends on where its holder works, a team the story named before ("technicienne arboricole au
service", set 81: which service, in which town?): a feed cannot tell which, so the role stops before it when
two words are left. Only "where" ("au", "at the"), never "of" ("Deputy Leader of the Council", "ancien
président du club"): there the team is what the role is."""


_WHOSE = re.compile(r"(?:the\s+)?(?:group|club|team|society|association|charity|trust|school|network|co-?operative|centre"
                    r"|center|station|service|foundation)[’']s\s+", re.I)
"""The same, before the role: "group’s bat care coordinator", "society’s secretary", whose group the post never says."""


def role_after_name(role: str, lang: str) -> str:
    """A French role after a name takes no capital ("— Marion Chabrier, cogérante"); an acronym keeps
    its capitals ("DSI"), English roles their title case. One line: "responsable du⏎matériel", as the body
    wrapped it (set 45), is "responsable du matériel"."""
    role = " ".join(role.split())
    whose = _WHOSE.match(role)
    if whose and role[whose.end():]:  # "group’s volunteer coordinator": which group? (sets 85, 95, 96)
        role = role[whose.end():]
    cut = _WHICH_ONE.search(role.replace("'", "’"))
    if cut and len(role[:cut.start()].split()) >= 2:  # "technicienne arboricole au service": which service?
        role = role[:cut.start()].rstrip(" ,")
    if lang.startswith("fr") and role[1:2].islower() and role[:1].isupper():
        return role[:1].lower() + role[1:]
    return role




def guest_placed(title: str, piece: Piece) -> str:
    """A title that opens on its guest's name, with who they are after it: "Raphaëlle Kwan, Artistic
    Director, Hélianthe Youth Orchestra, on her first season: …" (sets 32 and 43: "Ailsa Grant on nine
    years with Bran", "Raphaëlle Kwan on her first season" failed for a name that placed nobody). A title
    that describes its guest itself ("Lucie Ferrand, paysanne meunière") stays as it is."""
    name = guest_name(piece)
    if not name or not title.startswith(name):
        return title
    rest = title[len(name):]
    colon = re.match(r"[ \u00a0\u202f]*:", rest)
    if not colon and not _FOLLOWS_A_NAME.match(rest):
        return title  # "Ken Atherton is our new warden", "Ken Atherton — …", "Ken Atherton (Wendle Watch)"
    if not colon and _JOINED_NAME.match(rest):
        return title  # "Dee Kaminski and the night shift: …" (set 101): a role between the two reads garbled
    signed = with_role(name, piece)
    if signed == name:
        return title
    role = headline_role(typeset(signed.partition(", ")[2], piece.lang), piece)
    if any(re.search(rf"(?<![\w’]){re.escape(run)}(?![\w’])", rest) for run in _NAMED_RUN.findall(role)):
        return title  # the title names it already: "…, Volunteer host, “Night Owls”, … of “Night Owls”"
    job = re.split(r",| at | de | du | d’| of ", role)[0]
    heads = {part.split()[-1].split("-")[-1] for part in re.split(r" and | et | & |/", job) if part.split()}
    if any(re.search(rf"(?<![\w’])(?:(?:the|an?|le|la|une?)\s+|l’)(?:[\w-]+\s+)?{re.escape(w)}(?![\w’])", rest, re.I)
           for w in heads if len(w) >= 4):  # the job's head word: "astronomer", « bibliothécaire », not "table" of
        # "Volunteer table host" nor "library" of "Mobile library driver"
        return title  # "Inès Bordenave: the astronomer who drives…" says what she is (set 170 read "Inès Bordenave,
        # Astronomer and mobile dome lead at Planétarium Pyrène, Pau: the astronomer who…" as garbled)
    return f"{name}, {role}{rest}" if colon else f"{name}, {role},{rest}"


_JOINED_NAME = re.compile(r" (?:and|et|&) ")
_NAMED_RUN = re.compile(r"[A-ZÀ-Ö][\w’-]+(?:\s+[A-ZÀ-Ö][\w’-]+)+")
"""Two capitalised words or more in a role: a show's or an organisation's name ("Night Owls")."""


_FOLLOWS_A_NAME = re.compile(r" (?!(?:is|was|has|are|est|a|sont|était|devient|becomes|joins|rejoint)\b)[a-zà-ÿ]")
"""After the name, a lower-case word that is no verb: "Ailsa Grant on nine years…", "Jo Pennington and Nell…"."""


__all__ = [
    "guest_name",
    "guest_placed",
    "names_in_body",
    "quote_refused",
    "quote_signed",
    "role_after_name",
    "role_places",
    "roles_in",
    "unplaced_name",
    "unsaid_by_speaker",
    "where_named",
    "whose_named",
    "with_organization",
    "with_role",
]
