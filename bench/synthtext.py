"""Synthetic news articles in English and French for the speed benchmarks.

Text is drawn word by word from open word classes (nouns, adjectives, verbs of both
languages) in sentence shapes, with the facts news carries (places, people, organisations,
numbers, months) spread through it, so no two articles share more than function-word
shingles: MinHash grouping keeps them apart, as it would real articles. A translation is
written from the same facts in the same order with the other language's words, which is
what real translations share (and what story grouping looks for). Deterministic per seed.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from aggregator.dateshapes import MONTH_NAMES


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


EN_NOUNS = _words(
    """council municipality region city town village mayor citizen resident budget strategy
    programme network partnership cooperation agreement declaration summit conference forum
    report study survey assessment framework policy reform transition recovery investment fund
    grant loan tax service school hospital library park street bridge railway station harbour
    market farm forest river coast island border neighbourhood district province county
    parliament assembly committee delegation secretariat presidency ministry agency office
    association federation union alliance campaign initiative project pilot platform tool
    guide handbook toolkit training workshop webinar seminar course exchange visit mission
    election vote referendum consultation dialogue debate hearing petition charter manifesto
    roadmap agenda target indicator goal commitment pledge standard principle right duty
    freedom equality inclusion diversity migration integration housing energy climate water
    waste mobility transport health education culture heritage tourism sport youth employment
    poverty welfare safety security resilience disaster emergency pandemic vaccine data
    transparency accountability integrity corruption procurement contract audit statistics
    innovation technology broadband software archive museum theatre festival award prize
    volunteer worker teacher nurse farmer entrepreneur researcher journalist official expert"""
)
EN_ADJECTIVES = _words(
    """local regional national european global urban rural municipal metropolitan coastal
    mountain cross-border international intercommunal public private civic social economic
    cultural digital green sustainable inclusive resilient transparent accountable open fair
    affordable accessible safe healthy innovative ambitious concrete practical strategic
    annual biennial first second third new recent upcoming former joint shared common
    independent voluntary mandatory binding strong weak rapid gradual long-term short-term
    small large medium remote dense historic modern young elderly vulnerable female
    democratic participatory deliberative fiscal financial legal technical administrative"""
)
EN_VERBS = _words(
    """adopted approved launched presented published signed welcomed hosted organised
    discussed reviewed examined assessed announced confirmed endorsed supported funded
    financed built renovated opened closed expanded reduced increased doubled improved
    strengthened protected restored promoted defended proposed requested demanded
    recommended highlighted stressed underlined noted reported recorded measured mapped
    trained connected gathered brought invited called urged encouraged praised criticised
    prepared completed extended renewed revised updated translated shared tested piloted"""
)
EN_DETERMINERS = _words("the the the a this its their every each")
EN_PREPOSITIONS = _words("of of in in for with across through under between after before on")
EN_LINKS = _words("and and but while as since because although whereas so")
EN_OPENERS = (
    "According to",
    "In",
    "Since",
    "After",
    "Before",
    "During",
    "Following",
    "Together with",
    "On behalf of",
    "Speaking in",
)

FR_NOUNS = _words(
    """conseil commune région ville village maire citoyen habitant budget stratégie programme
    réseau partenariat coopération accord déclaration sommet conférence forum rapport étude
    enquête évaluation cadre politique réforme transition relance investissement fonds
    subvention prêt impôt service école hôpital bibliothèque parc rue pont gare port marché
    ferme forêt fleuve côte île frontière quartier district province département parlement
    assemblée comité délégation secrétariat présidence ministère agence bureau association
    fédération union alliance campagne initiative projet plateforme outil guide manuel
    formation atelier séminaire cours échange visite mission élection vote référendum
    consultation dialogue débat audition pétition charte manifeste feuille agenda cible
    indicateur objectif engagement norme principe droit devoir liberté égalité inclusion
    diversité migration intégration logement énergie climat eau déchets mobilité transport
    santé éducation culture patrimoine tourisme sport jeunesse emploi pauvreté sécurité
    résilience catastrophe urgence pandémie vaccin données transparence intégrité corruption
    marché contrat audit statistique innovation technologie logiciel archive musée théâtre
    festival prix bénévole travailleur enseignant infirmière agriculteur entrepreneur
    chercheur journaliste élu expert démocratie gouvernance décentralisation solidarité"""
)
FR_ADJECTIVES = _words(
    """locale local régionale régional nationale national européenne européen mondiale
    urbaine rurale municipale métropolitaine côtière transfrontalière internationale
    intercommunale publique privée civique sociale économique culturelle numérique verte
    durable inclusive résiliente transparente ouverte équitable abordable accessible sûre
    innovante ambitieuse concrète pratique stratégique annuelle première deuxième nouvelle
    récente prochaine ancienne commune partagée indépendante volontaire obligatoire forte
    rapide progressive petite grande moyenne isolée historique moderne jeune âgée vulnérable
    démocratique participative délibérative fiscale financière juridique technique"""
)
FR_VERBS = _words(
    """adopté approuvé lancé présenté publié signé accueilli organisé discuté examiné évalué
    annoncé confirmé soutenu financé construit rénové ouvert fermé élargi réduit augmenté
    doublé amélioré renforcé protégé restauré promu défendu proposé demandé recommandé
    souligné rappelé noté mesuré cartographié formé réuni invité appelé encouragé salué
    critiqué préparé achevé prolongé renouvelé révisé actualisé traduit partagé testé"""
)
FR_DETERMINERS = _words("le la les le la les un une cette ce leur chaque")
FR_PREPOSITIONS = _words("de de de du des pour dans avec entre après avant sur par selon")
FR_LINKS = _words("et et mais alors que tandis que car puisque bien que donc")
FR_OPENERS = (
    "Selon",
    "À",
    "Depuis",
    "Après",
    "Avant",
    "Pendant",
    "À la suite de",
    "Avec",
    "Au nom de",
    "Lors de la réunion de",
)

PLACES = _words(
    """Brussels Lisbon Kharkiv Tbilisi Daejeon Kigali Rabat Curitiba Lviv Austin Bologna Ghent
    Utrecht Porto Malmö Lille Kraków Nairobi Dakar Quito Manila Tunis Vienna Warsaw Riga
    Tallinn Vilnius Ljubljana Zagreb Sarajevo Skopje Tirana Podgorica Chisinau Yerevan Baku
    Almaty Bishkek Ulaanbaatar Kathmandu Dhaka Colombo Bangalore Surabaya Cebu Hanoi Bangkok
    Kampala Dodoma Maputo Lusaka Harare Gaborone Windhoek Accra Abidjan Bamako Niamey Ouagadougou
    Cotonou Lomé Douala Libreville Kinshasa Brazzaville Bangui Ndjamena Khartoum Asmara Djibouti
    Mogadishu Antananarivo Moroni Nouakchott Banjul Bissau Conakry Freetown Monrovia Praia
    Medellín Bogotá Lima Arequipa Cusco Santiago Valparaíso Montevideo Asunción Rosario Córdoba
    Mendoza Recife Salvador Fortaleza Belém Manaus Porto-Alegre Guadalajara Puebla Oaxaca
    Mérida Havana Kingston Tegucigalpa Managua Panamá Bilbao Seville Valencia Zaragoza Murcia
    Nantes Rennes Bordeaux Toulouse Strasbourg Grenoble Dijon Tours Namur Liège Charleroi
    Mons Leuven Bruges Aarhus Odense Tampere Turku Uppsala Bergen Trondheim Gdańsk Poznań
    Wrocław Łódź Brno Ostrava Košice Debrecen Szeged Cluj Iași Timișoara Varna Plovdiv
    Thessaloniki Patras Larnaca Valletta Palermo Naples Turin Genoa Florence Trieste Graz Linz
    Innsbruck Salzburg Basel Lausanne Lugano Freiburg Leipzig Dresden Bremen Münster"""
)
FIRST_NAMES = _words(
    """Maria Ana Sofia Elena Olga Fatima Aisha Amina Grace Joy Ingrid Karin Eva Petra Zofia
    Irina Nino Leila Mariam Claire Julie Camille Lucía Carmen Paula Beatriz Chiara Giulia
    Jan Piotr Tomas Lars Erik Jonas Mikael Andrei Giorgi Levan Ahmed Omar Youssef Moussa
    Kwame Kofi Tendai Samuel David Daniel Pablo Jorge Luis Carlos Marco Luca Paolo Pierre
    Jean Michel Antoine Hugo Karel Pavel Dimitri Nikos Yannis Emre Mehmet Hiroshi Minh"""
)
LAST_NAMES = _words(
    """Gunnarsson Saiz Rossi Eyakuze Terekhov Kaminskis Boudra Novak Kowalski Horvat Popescu
    Ionescu Petrov Georgiev Papadopoulos Nielsen Jensen Larsen Lindqvist Virtanen Korhonen
    Tamm Ozols Kazlauskas Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann
    Dubois Lefebvre Moreau Laurent Simon Michel Garcia Fernández González Rodríguez López
    Martínez Sánchez Pérez Gómez Silva Santos Oliveira Costa Pereira Ferreira Almeida Mensah
    Owusu Boateng Diallo Traoré Keita Coulibaly Ndiaye Mwangi Otieno Kamau Banda Phiri Moyo
    Nkosi Dlamini Okafor Adeyemi Haddad Khalil Mansour Benali Amrani Yilmaz Kaya Demir Nguyen"""
)
ORGANISATIONS = _words(
    """CEMR PLATFORMA UCLG OGP OECD UNDP UNICEF UNESCO WHO ILO IOM UNHCR EIB EBRD AfDB IDB ICLEI
    ALDA AIMF FMDV CLGF CUF VNG SKL KS KL AMF ANCI FEMP DStGB NALAS LGA COSLA ACR+ Eurocities"""
)
EN_CATEGORIES = {
    "news": "News",
    "press-releases": "Press releases",
    "events": "Events",
    "publications": "Publications",
}
FR_CATEGORIES = {
    "actualites": "Actualités",
    "communiques": "Communiqués de presse",
    "evenements": "Événements",
    "publications-fr": "Publications",
}
TAGS = {
    "en": _words(
        "climate democracy equality finance housing migration mobility youth transparency "
        "localisation decentralisation cooperation Ukraine Africa SDGs"
    ),
    "fr": _words(
        "climat démocratie égalité finances logement migration mobilité jeunesse transparence "
        "localisation décentralisation coopération Ukraine Afrique ODD"
    ),
}


@dataclass(frozen=True)
class Fact:
    """Something only this article says: a place, a person, an organisation, a number."""

    kind: str
    value: str


@dataclass(eq=False)
class SyntheticArticle:
    """One article of the synthetic archive, in one language."""

    number: int
    lang: str
    title: str
    summary: str
    paragraphs: list[str]
    published_at: datetime
    modified_at: datetime
    slug: str
    categories: list[str]
    tags: list[str]
    author: str
    image: str
    translation_of: int | None = None  # number of the article this one translates
    translations: dict[str, SyntheticArticle] = field(default_factory=dict)  # lang -> article

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


class Writer:
    """Sentences of one language from word classes and the article's facts."""

    def __init__(self, lang: str, rng: random.Random) -> None:
        self.lang = lang
        self.rng = rng
        if lang == "fr":
            self.nouns, self.adjectives, self.verbs = FR_NOUNS, FR_ADJECTIVES, FR_VERBS
            self.determiners, self.prepositions = FR_DETERMINERS, FR_PREPOSITIONS
            self.links, self.openers = FR_LINKS, FR_OPENERS
        else:
            self.nouns, self.adjectives, self.verbs = EN_NOUNS, EN_ADJECTIVES, EN_VERBS
            self.determiners, self.prepositions = EN_DETERMINERS, EN_PREPOSITIONS
            self.links, self.openers = EN_LINKS, EN_OPENERS

    def noun_phrase(self) -> str:
        pick = self.rng.choice
        if self.lang == "fr":  # French adjectives mostly follow the noun
            phrase = [pick(self.determiners), pick(self.nouns)]
            if self.rng.random() < 0.6:
                phrase.append(pick(self.adjectives))
        else:
            phrase = [pick(self.determiners)]
            if self.rng.random() < 0.6:
                phrase.append(pick(self.adjectives))
            phrase.append(pick(self.nouns))
        return " ".join(phrase)

    def fact_phrase(self, fact: Fact) -> str:
        if fact.kind == "number":
            return f"{fact.value} {self.rng.choice(self.nouns)}"
        if fact.kind == "month":  # "3 2021": the month's number and the year
            month, year = fact.value.split()
            return f"{MONTH_NAMES[self.lang][int(month) - 1]} {year}"
        return fact.value

    def verb_phrase(self) -> str:
        if self.lang == "fr":
            return f"{self.rng.choice(('a', 'ont', 'avait', 'sera'))} {self.rng.choice(self.verbs)}"
        auxiliary = self.rng.choice(("has", "have", "had", "was", "will be"))
        return f"{auxiliary} {self.rng.choice(self.verbs)}"

    def sentence(self, facts: list[Fact]) -> str:
        """12 to 30 words: noun phrases, a verb, prepositional phrases, the facts given."""
        rng = self.rng
        parts: list[str] = []
        if facts and rng.random() < 0.4:
            parts += [rng.choice(self.openers), self.fact_phrase(facts.pop(0)) + ","]
        parts += [self.noun_phrase(), rng.choice(self.prepositions), self.noun_phrase()]
        parts.append(self.verb_phrase())
        parts.append(self.noun_phrase())
        for _ in range(rng.randint(1, 3)):
            parts.append(rng.choice(self.prepositions))
            parts.append(self.fact_phrase(facts.pop(0)) if facts else self.noun_phrase())
        if rng.random() < 0.5:
            parts += [rng.choice(self.links), self.noun_phrase(), self.verb_phrase()]
            parts.append(self.fact_phrase(facts.pop(0)) if facts else self.noun_phrase())
        text = " ".join(parts)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, facts: list[Fact], sentences: int) -> str:
        return " ".join(self.sentence(facts) for _ in range(sentences))

    def title(self, facts: list[Fact]) -> str:
        rng = self.rng
        head = self.fact_phrase(facts[0]) if facts else rng.choice(PLACES)
        words = [head, self.verb_phrase().split()[-1], self.noun_phrase()]
        words += [
            rng.choice(self.prepositions),
            rng.choice(self.adjectives),
            rng.choice(self.nouns),
        ]
        return " ".join(words)


def make_facts(rng: random.Random, when: datetime, count: int) -> list[Fact]:
    """The article's own facts, in the order its text gives them."""
    facts = []
    for _ in range(count):
        roll = rng.random()
        if roll < 0.3:
            facts.append(Fact("place", rng.choice(PLACES)))
        elif roll < 0.5:
            facts.append(Fact("person", f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"))
        elif roll < 0.62:
            facts.append(Fact("organisation", rng.choice(ORGANISATIONS)))
        elif roll < 0.72:
            facts.append(Fact("month", f"{rng.randint(1, 12)} {when.year}"))
        else:
            value = rng.choice((rng.randint(2, 99), rng.randint(100, 9999), rng.randint(10, 999)))
            facts.append(Fact("number", f"{value:,}"))
    return facts


def slugify(text: str, limit: int = 8) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower())[:limit])


def write_article(
    number: int,
    lang: str,
    facts: list[Fact],
    published_at: datetime,
    rng: random.Random,
    paragraphs: int,
) -> SyntheticArticle:
    """An article in `lang` telling `facts` (copied: the caller's list is kept)."""
    writer = Writer(lang, rng)
    remaining = list(facts)
    title = writer.title(remaining)
    body = [writer.paragraph(remaining, rng.randint(3, 5)) for _ in range(paragraphs)]
    first_sentence = body[0].split(". ")[0].rstrip(".") + "."
    categories = EN_CATEGORIES if lang == "en" else FR_CATEGORIES
    chosen = rng.sample(list(categories), rng.choice((1, 1, 2)))
    return SyntheticArticle(
        number=number,
        lang=lang,
        title=title,
        summary=first_sentence,
        paragraphs=body,
        published_at=published_at,
        modified_at=published_at + timedelta(hours=rng.randint(0, 72)),
        slug=f"{slugify(title)}-{number}",
        categories=chosen,
        tags=rng.sample(TAGS[lang], 3),
        author=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
        image=f"/wp-content/uploads/{published_at:%Y/%m}/photo-{number}.jpg",
    )


def make_articles(
    n: int,
    *,
    seed: int = 14,
    start: datetime = datetime(2015, 1, 5, 9, 0),
    days: int = 3650,
    french_share: float = 0.35,
    translated_share: float = 0.6,
    paragraphs: tuple[int, int] = (7, 11),
) -> Iterator[SyntheticArticle]:
    """n articles in date order: English ones, French ones, and French translations of
    English ones (`translated_share` of the French), published a few days after them."""
    rng = random.Random(seed)
    step = days * 86400 / max(n, 1)
    number = 0
    pending: list[tuple[datetime, SyntheticArticle]] = []  # translations not yet due
    produced = 0
    while produced < n:
        when = start + timedelta(seconds=int(number * step) + rng.randint(0, 3600 * 8))
        due = [p for p in pending if p[0] <= when]
        for item in sorted(due, key=lambda p: p[0]):
            pending.remove(item)
            yield item[1]
            produced += 1
            if produced >= n:
                return
        number += 1
        lang = "fr" if rng.random() < french_share * (1 - translated_share) else "en"
        facts = make_facts(rng, when, rng.randint(14, 22))
        article = write_article(number, lang, facts, when, rng, rng.randint(*paragraphs))
        if lang == "en" and rng.random() < french_share * translated_share / (
            1 - french_share * (1 - translated_share)
        ):
            number += 1
            later = when + timedelta(days=rng.randint(0, 6), hours=rng.randint(1, 8))
            french = write_article(number, "fr", facts, later, rng, len(article.paragraphs))
            french.translation_of = article.number
            french.translations = {"en": article}
            article.translations = {"fr": french}
            pending.append((later, french))
        yield article
        produced += 1
    # translations still pending are dropped (n articles were asked for): their originals
    # keep the link, as a site's hreflang can name a page that is not there
