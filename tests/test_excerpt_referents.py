"""Someone's words that point at what their story named are not posted alone (excerpting/referents.py),
and a guest's answer in a Q&A interview goes under its question (excerpting/questions.py). The failing
lines are the ones readers of the unseen sets 17 to 20 failed; the passing ones are quotes they passed."""

from __future__ import annotations

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.content.typography import typeset
from publisher.social.excerpting import body as body_module
from publisher.social.excerpting import questions
from publisher.social.excerpting.body import analysed
from publisher.social.excerpting.referents import why_unreferred
from publisher.social.excerpts import excerpts_for
from publisher.social.render import body_of


@pytest.mark.parametrize(("text", "lang"), [
    ("Depuis 1998, je les garde tous.", "fr"),
    ("I asked them for sunshine in December, and they gave me a heatwave.", "en"),
    ("We see a few every year, and they are often the most rewarding students we have.", "en"),
    ("We still plant some, but we now lean on trees that cope better with dry summers.", "en"),
    ("Do it if you like people more than boats.", "en"),
    ("When I arrived, the orchestra owned 31 instruments that it lent to players.", "en"),
    ("Quand je suis arrivée, la cave vendait tout en vrac.", "fr"),
    ("In April we also added a physician assistant shift in the evenings.", "en"),
    ("Derrière ce chiffre, il y a des communes entières dont plus personne ne raconte la vie.", "fr"),
    ("Maintenant, je les garde tous dans le grenier.", "fr"),  # "Maintenant" is no determiner and noun
    # set 23: the subject is in the sentence the quote leaves out
    ("For us it’s the fank gate, the road to market and the bank.", "en"),
    ("Il faut s’organiser comme pour le reste.", "fr"),
    # set 28: a moment of the story, "now" against a past the quote does not give, "it" of the cut sentence
    ("The lad on the desk that morning, God bless him, just let it play on.", "en"),
    ("Now most of the traffic goes to Ringaskiddy.", "en"),
    ("For some of our listeners it is company.", "en"),
    ("Les patrons de pêche, les autres mareyeurs, les gars du tri. C’est là que tout se dit.", "fr"),
    # after set 29-32 (not measured): the story's time, the "not this" half of a contrast
    ("I went to the office the following week and asked for the form.", "en"),
    ("What worries me is not farmers choosing a contract.", "en"),
    ("Ce qui m’inquiète, ce n’est pas le prix.", "fr"),
    ("Une fois déposée par une mairie qui rénovait ses bureaux, une fois cherchée par une autre.", "fr"),
    # sets 37 and 40: the second of two reasons, "it" the sentence before named, "this kind of" what
    ("Winter is also when customers need us most.", "en"),
    ("You don't get used to it. What helps is the team around you.", "en"),
    ("If it's wrong the other way, the rider can ask for a check.", "en"),
    ("Le plan de financement a été construit sur ce genre d'année.", "fr"),
    ("C'est aussi une question de confiance entre voisins.", "fr"),
    ("On ne s'y habitue jamais vraiment.", "fr"),
    ("Ce type de ruche résiste mieux au frelon que les modèles en plastique.", "fr"),  # which type?
    ("Vingt bénévoles réguliers y suffiraient.", "fr"),  # set 39: suffice for what?
    ("Actually, put it in. People should know it's worth it.", "en"),
    ("Everybody wants to stroke him, and I have to say no nicely, twenty times a morning.", "en"),  # set 50
    ("He'll learn not to bother with cars.", "en"),  # the puppy, named only in the story
    ("I told her it would take a week.", "en"),
    ("Je lui ai dit non. Je dis toujours non la première fois.", "fr"),  # set 51: the apprentice, unnamed
    ("Sometimes she calls twice a day, just to check.", "en"),  # an adverb is nobody
    ("Heureusement, elle est revenue au printemps.", "fr"),
])
def test_words_that_need_their_story(text: str, lang: str) -> None:
    assert why_unreferred(typeset(text, lang), lang), text


@pytest.mark.parametrize(("text", "lang"), [
    # an antecedent in the quote itself, a place of the speaker's own, a "before" with its "after"
    ("Les carnets de mon père, je les garde tous depuis 1998.", "fr"),
    ("The attacker didn’t break anything. They just read, patiently, until they knew our routine.", "en"),
    ("Quarante minutes avec un patient diabétique, c’est un temps que personne n’avait avant dans ce cabinet.",
     "fr"),
    ("On ne sait pas quelle essence supportera le climat de 2080. C’est justement pour ça qu’il en faut plusieurs.",
     "fr"),
    ("When I started, most adults had sailed before. Now half of them have never been in a small boat.", "en"),
    ("Our two-day beginners’ course costs £235, including the boat and the instructor.", "en"),
    ("Once repaired, a bike lasts ten more years on average.", "en"),
    ("Now half our adults have never been in a small boat in their lives.", "en"),
    ("What worries me is not farmers choosing a contract. It is the ring closing for good.", "en"),
    # a fresh reviewer's counter-examples: idioms, forward pointers, antecedents after the pronoun
    ("On le sait : la forêt change plus vite que nos plans.", "fr"),
    ("Je le répète souvent aux apprentis : mesurez deux fois.", "fr"),
    ("Je les connais par cœur, ces écluses de 1794.", "fr"),
    ("Nous en sommes convaincus : il faut planter plus tôt.", "fr"),
    ("Chez nous les bénévoles font tout, de la caisse au ménage.", "fr"),
    ("Une fois que les semis sont faits, nous arrosons chaque soir.", "fr"),
    ("Une fois tous les deux ans, nous vidons le bassin.", "fr"),
    ("Au début de chaque saison, nous testons l’eau du bassin.", "fr"),
    ("We cut our bills by 40 per cent, and we also reduced our emissions.", "en"),
    ("Our service is second to none, and the waiting list shows it.", "en"),
    ("Use that money to train two more apprentices every year.", "en"),
    ("Une fois par mois, nous ouvrons le dépôt aux associations du canton.", "fr"),
    ("Les familles nous le disent : une heure de calme change toute la visite.", "fr"),
    ("La restauration elle-même, nous la faisions tous les mois depuis un an et demi.", "fr"),
    ("The work is hard, and it is also the best job in the valley.", "en"),
    ("Il y a vingt bénévoles le jeudi, et il n'y a jamais de place pour tout le monde.", "fr"),
    ("On demande qu'on écrive les marchés de façon à ce qu'on puisse y répondre.", "fr"),  # named before "y"
    ("The first visit, a Year 2 boy asked me if he had to give the books back.", "en"),  # "a boy… he"
    ("If someone calls, tell him we are open until six.", "en"),
    ("Ask for Hannah Reid at the desk: she knows every route.", "en"),
    ("Une cliente m'a dit qu'elle savait combien elle en jetait.", "fr"),
    ("La forêt, elle change plus vite que nos plans de gestion.", "fr"),
    ("Quand un boulanger m'appelle, je sais souvent pourquoi avant lui.", "fr"),
    # a fresh reviewer's: a name at a sentence's start is someone named
    ("Stan taught me everything. He was patient with all of us.", "en"),
    ("I asked Jo. She said yes straight away.", "en"),
    ("Marie est arrivée en 2019. Elle a tout changé.", "fr"),
    ("Paul ? Je lui fais confiance depuis vingt ans.", "fr"),
])
def test_words_that_stand_alone(text: str, lang: str) -> None:
    assert why_unreferred(typeset(text, lang), lang) is None, text


def test_someone_else_by_one_name() -> None:
    names = ["Gérard Lebouc", "Maxime Hamelin"]
    text = "Gérard m’a appris à voir une vache qui ne va pas."
    assert why_unreferred(text, "fr", names, "Maxime Hamelin, repreneur")
    assert why_unreferred("Gérard Lebouc m’a appris à voir une vache qui ne va pas.", "fr", names,
                          "Maxime Hamelin, repreneur") is None  # named in full
    assert why_unreferred("Maxime, je lui ai tout appris.", "fr", names, "Gérard Lebouc, éleveur") is not None


def test_an_authors_quote_or_takeaway_that_calls_someone_by_a_first_name_is_not_posted(project: ProjectDir) -> None:
    # set 81: "…and Lowri does the ringing." — the body says who Lowri Evans is, the post does not.
    body = ("Lowri Evans, who plans the co-operative’s bookings, visited Cefn Coch in March.\n\n"
            "Lowri confirms the exact start 48 hours ahead. The gang came up from Skarth Edge at dawn.\n")
    project.piece("case-studies/cefn-coch.md", "title: Three days of shearing at Cefn Coch\ndate: 2026-11-26\nlang: en\n"
                  "quotes:\n  - text: Now we look at the sky once, in March, and Lowri does the ringing.\n"
                  "    by: Siân Morgan, farm partner\n"
                  "  - text: We would rather wait a day than shear wet sheep off the Edge.\n"
                  "    by: Siân Morgan, farm partner\n"
                  "takeaways:\n  - Lowri books the gang for three fixed days in March.\n"
                  "  - Booking in March cut the shearing from nine days to three.", body)
    piece = next(iter(load_library(load_settings(project.config_file))))
    texts = [e.text for e in excerpts_for(piece) if e.kind in ("quote", "takeaway")]
    assert texts == ["We would rather wait a day than shear wet sheep off the Edge.",
                     "Booking in March cut the shearing from nine days to three."], texts
    from publisher.social.excerpting.signatures import quote_refused
    assert "Lowri Evans" in (quote_refused(piece.quotes[0], piece) or "")  # doctor says why


def test_a_first_name_the_post_places_is_kept() -> None:
    from publisher.social.excerpting.referents import first_name_only
    names = ["Lowri Evans", "Dave Kettle", "Bolton Bella"]
    assert first_name_only("Lowri does the ringing.", names, "Siân Morgan, farm partner")
    assert first_name_only("Lowri Evans does the ringing.", names) is None  # in full
    assert first_name_only("I do the ringing myself.", names, "Lowri Evans, bookings") is None  # the speaker
    assert first_name_only("Lowri does the ringing.", names, context="Lowri Evans on booking shearers") is None
    assert first_name_only("The heifer came from the Dent family at Bolton.", names) is None  # a place
    assert first_name_only("Dave parked her at the wharf.", names)
    assert first_name_only("C’est grâce au travail d’Hélène.", ["Hélène Fabre"])  # elided "d’"
    assert first_name_only("…and Lowri’s team does the ringing.", names)  # a possessive
    assert first_name_only("Fenmoor needs carers.", ["Fenmoor Foster Carers’"]) is None  # an organisation
    assert first_name_only("Farine locale : 61 %.", ["Farine T65"]) is None  # a product's code, no person
    assert first_name_only("Kinder Belles rides on Sundays.", ["Kinder Belles"]) is None  # the name goes on
    assert first_name_only("Bank staff came.", ["Bank Holiday"]) is None  # NAME_STOPWORDS… or organisation
    assert first_name_only("", [""]) is None and first_name_only("x", ["   "]) is None


def test_an_interviews_takeaway_that_says_she_is_not_posted(project: ProjectDir) -> None:
    # set 91: the guest is named only on the title line under it
    project.piece("interviews/grace.md", "title: Refereeing on a Sunday\ndate: 2026-11-20\nlang: en\n"
                  "takeaways:\n  - At roughly one ground in three she still has no separate changing room.\n"
                  "  - Grace Adebayo has refereed 146 matches in four seasons.",
                  "Grace Adebayo referees in the county league.\n")
    piece = next(iter(load_library(load_settings(project.config_file))))
    assert [e.text for e in excerpts_for(piece) if e.kind == "takeaway"] == [
        "Grace Adebayo has refereed 146 matches in four seasons."]


QA = """Tamsin Rowe has run Carrick Roads Sailing School in Flushing since 2009.

### What about adults who are really frightened of the water?

We see a few every year, and they are often the most rewarding students we have. The first thing is not
to pretend the fear is silly.

### And the cost?

Do it if you like people more than boats.

**What would you say to someone thinking of becoming an instructor?**

Do it if you like people more than boats.
"""


def test_the_question_an_answer_goes_under() -> None:
    asked = questions.asked_before(QA, "We see a few every year, and they are often the most rewarding", "en")
    assert asked == "What about adults who are really frightened of the water?"
    assert questions.asked_before(QA, "Do it if you like people more than boats.", "en") == "", \
        "the first answer with these words answers 'And the cost?', which leans on the one before"
    assert questions.asked_before(QA.split("### And")[0], "Nobody said this.", "en") == ""
    assert questions.asked_before(QA, "The first thing is not to pretend the fear is silly.", "en") == "", \
        "words from later in the answer: under the question they would read as its answer (set 24)"
    leaning = "Intro.\n\n**And what about the cost of it?**\n\nIt is less than people think.\n"
    assert questions.asked_before(leaning, "It is less than people think.", "en") == "", "four words, still leaning"
    french = "Intro.\n\n**Pourquoi ce choix ?**\n\nParce que les enfants le demandaient depuis des années.\n"
    assert questions.asked_before(french, "Parce que les enfants le demandaient", "fr") == "", "ce choix: which?"
    quoted = "Intro.\n\n### What does “starting early” mean in practice?\n\nIt means we book in March.\n"
    assert questions.asked_before(quoted, "It means we book in March.", "en") == ""
    last = "Intro.\n\n### Last question. What is your favourite moment of the season?\n\nThe first capsize drill.\n"
    assert questions.asked_before(last, "The first capsize drill.", "en") == "What is your favourite moment of the season?"
    bold = QA.replace("### And the cost?\n\nDo it if you like people more than boats.\n", "")
    assert questions.asked_before(bold, "Do it if you like people more than boats.", "en") == (
        "What would you say to someone thinking of becoming an instructor?")


def test_an_interviews_answer_is_posted_under_its_question(project: ProjectDir) -> None:
    body = QA.replace("### And the cost?\n\nDo it if you like people more than boats.\n", "")
    project.piece("interviews/tamsin-rowe.md", "title: Seventeen seasons at Carrick Roads\ndate: 2026-11-30\nlang: en\n"
                  "guest:\n  name: Tamsin Rowe\n  role: Principal\n  organization: Carrick Roads Sailing School",
                  body)
    piece = next(iter(load_library(load_settings(project.config_file))))
    quotes = [e for e in excerpts_for(piece) if e.kind == "quote"]
    assert quotes and all(e.question for e in quotes), quotes
    shown = {body_of(e) for e in quotes}
    assert ("What would you say to someone thinking of becoming an instructor?\n\n“Do it if you like people more "
            "than boats.” — Tamsin Rowe, Principal, Carrick Roads Sailing School") in shown, shown
    # Under a question that leans on the answer before it, the words go alone, so not at all: do what?
    alone = typeset(body.replace("**What would you say to someone thinking of becoming an instructor?**",
                                 "**And the instructors?**"), "en")
    offered = [text for kind, text, _ in analysed(alone, "en", "Seventeen seasons", "Tamsin Rowe")]
    assert not any(text.startswith("Do it") for text in offered), offered


def test_a_guest_whose_name_has_an_apostrophe_is_read_in_the_title(project: ProjectDir) -> None:
    # set 28: "Jean-Claude Le Floc'h : « … »" went out as a bare title, unsigned (an apostrophe in the name)
    project.piece("interviews/le-floch.md", "title: \"Jean-Claude Le Floc'h : « En trente-huit ans, je n'ai jamais vu "
                  "deux matins pareils »\"\ndate: 2026-12-15\nlang: fr\nguest:\n  name: Jean-Claude Le Floc'h\n"
                  "  role: Chef de vente\n  organization: Criée de Port-Kerhallec",
                  "Jean-Claude Le Floc'h dirige la vente depuis 1988. En trente-huit ans, je n'ai jamais vu deux matins "
                  "pareils, dit-il.\n")
    piece = next(iter(load_library(load_settings(project.config_file))))
    quotes = [e for e in excerpts_for(piece) if e.kind == "quote"]
    assert any(e.attribution == "Jean-Claude Le Floc'h, chef de vente, Criée de Port-Kerhallec" for e in quotes), quotes
    assert not any(e.kind == "title" for e in excerpts_for(piece))


def test_a_title_that_puts_words_in_the_guests_mouth_is_not_posted(project: ProjectDir) -> None:
    # set 30: the title's quote is a headline's rewording, not what she says in the piece
    project.piece("interviews/carron.md", "title: \"Joëlle Carron : « Un chien d’avalanche, c’est dix minutes d’avance "
                  "sur la montre »\"\ndate: 2026-12-01\nlang: fr\nguest:\n  name: Joëlle Carron\n  role: conductrice "
                  "de chien d’avalanche\n  organization: Secours alpin",
                  "Joëlle Carron forme des chiens d’avalanche depuis 2009.\n\n**Que change le chien ?**\n\nQuand une "
                  "victime n’a pas de détecteur, le chien, c’est dix minutes d’avance sur la montre.\n")
    piece = next(iter(load_library(load_settings(project.config_file))))
    offered = excerpts_for(piece)
    assert not any("Un chien d’avalanche" in e.text for e in offered), offered
    assert not any(e.kind == "title" for e in offered), offered


def test_only_an_answers_opening_is_the_guests_quote(monkeypatch: pytest.MonkeyPatch) -> None:
    # sets 33-34: sentences from the middle of answers failed as lifted sentences do (body.ANSWER_OPENINGS)
    body = ("Tamsin Rowe has run Carrick Roads Sailing School in Flushing since 2009.\n\n"
            "### How did you come to teach sailing in Cornwall?\n\nI learned to sail on the Helford River at seven. "
            "I came back to Cornwall in 2003 as an instructor, and I never left.\n\n"
            "### What about adults who are really frightened of the water?\n\nWe see a few every year, and they are "
            "often the most rewarding students we have. The first thing is not to pretend the fear is silly. We ask "
            "what exactly they are afraid of, because it is rarely the same thing twice.\n\nThen we go slowly. We have "
            "a course we call Steady Start, for adults who want more time and smaller groups: three students to an "
            "instructor instead of six. Some people never move on from keelboats, and that is fine too.\n")
    def quotes() -> list[str]:
        analysed.cache_clear()
        return [text for kind, text, _ in analysed(typeset(body, "en"), "en", "Seventeen seasons", "Tamsin Rowe")
                if kind == "quote"]
    opening = quotes()
    assert opening and all(text.startswith(("I learned", "We see a few")) for text in opening), opening
    monkeypatch.setattr(body_module, "ANSWER_OPENINGS", False)
    assert any(text.startswith("We have a course") for text in quotes()), "the middle of an answer, without the rule"
    analysed.cache_clear()


def test_an_answer_under_a_question_that_counts_time_goes_out_but_is_not_recycled(project: ProjectDir) -> None:
    # A fresh reviewer: "What would you say … after seventeen years?" made the answer vanish; it is now posted at
    # launch and in follow-ups, like any text that counts time up to its day.
    body = QA.replace("### And the cost?\n\nDo it if you like people more than boats.\n", "").replace(
        "What would you say to someone thinking of becoming an instructor?",
        "What has changed for you over the past two years?")
    project.piece("interviews/tamsin-rowe.md", "title: Seventeen seasons at Carrick Roads\ndate: 2026-11-30\nlang: en\n"
                  "guest:\n  name: Tamsin Rowe\n  role: Principal\n  organization: Carrick Roads Sailing School",
                  body.replace("Do it if you like people more than boats.", "We teach far more adults than children."))
    piece = next(iter(load_library(load_settings(project.config_file))))
    asked = [e for e in excerpts_for(piece) if e.question == "What has changed for you over the past two years?"]
    assert asked and not any(e.recycled for e in asked), asked


@pytest.mark.parametrize(("role", "lang", "shown"), [
    # set 81: "— Élodie Marchal, technicienne arboricole au service": which service, in which town?
    ("technicienne arboricole au service", "fr", "technicienne arboricole"),
    ("volunteer coordinator at the trust", "en", "volunteer coordinator"),
    ("technicienne arboricole, au service", "fr", "technicienne arboricole"),
    ("chargée de mission à l'association", "fr", "chargée de mission"),  # a straight apostrophe too
    ("Deputy Leader of the Council", "en", "Deputy Leader of the Council"),  # "of": what the role is
    ("ancien président du club", "fr", "ancien président du club"),
    ("Head of Operations at the council", "en", "Head of Operations"),
    ("group’s bat care coordinator", "en", "bat care coordinator"),  # sets 85, 95, 96
    ("society's secretary", "en", "secretary"),
    # one word would be left, or the team is named: as written
    ("chef du service", "fr", "chef du service"),
    ("animateur de l’association", "fr", "animateur de l’association"),
    ("responsable du service des espaces verts", "fr", "responsable du service des espaces verts"),
    ("trésorier de l’association et ancien comptable à la mairie", "fr",  # every town has one (set 84)
     "trésorier de l’association et ancien comptable à la mairie"),
    ("Directrice de la coopérative des Salines", "fr", "directrice de la coopérative des Salines"),
])
def test_a_role_that_ends_on_a_team_the_story_named(role: str, lang: str, shown: str) -> None:
    from publisher.social.excerpting.signatures import role_after_name
    assert role_after_name(role, lang) == shown


@pytest.mark.parametrize(("text", "lang", "unnamed"), [
    # set 91: an interview's takeaway; the guest is named only on the title line under it
    ("At roughly one ground in three she still has no separate changing room.", "en", True),
    ("Grace Adebayo says she still has no separate changing room at one ground in three.", "en", False),
    ("La commune a voté le budget : elle financera 40 % des travaux.", "fr", False),  # « elle », the commune
    ("Members voted on Sundays, with his blessing, to keep the hall open.", "en", True),
    ("Members voted to keep the hall open on Sundays.", "en", False),
    ("Depuis 2019, elle coordonne les tournées du réseau.", "fr", True),
    ("The head teacher says she will keep the library open on Saturdays.", "en", False),
    ("Each volunteer brings her own tools and gloves.", "en", False),
])
def test_a_takeaway_that_says_she_of_nobody_it_names(text: str, lang: str, unnamed: bool) -> None:
    from publisher.social.excerpting.referents import someone_unnamed
    assert bool(someone_unnamed(text, lang)) is unnamed


def test_an_incise_with_a_relative_clause_leaves_none_of_it_in_the_words() -> None:
    # set 91: « …300 candidates qui coordonne l’inventaire. » — the narrator's words pasted into his
    from publisher.social.excerpting import speech
    words = ("Sur la carte, j’avais repéré environ 300 candidates, explique Joël Marchal, géomètre à la retraite, "
             "qui coordonne l’inventaire. Mais une pastille plate, ça peut aussi être une mare asséchée.")
    assert speech.incise(words, "fr") == (
        "Sur la carte, j’avais repéré environ 300 candidates. Mais une pastille plate, ça peut aussi être une mare "
        "asséchée.", "Joël Marchal, géomètre à la retraite")
