"""Demo publishers: the Council of Ministers, federal organisations and government members.

Organisations carry their public addresses, switchboards and websites. The people are fictional,
and every email address is under example.be so that a development mail can never reach anyone."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Contact:
    name: str
    languages: str
    phone: str = ""
    mobile: str = ""
    role: str = "spokesperson"
    position: dict = field(default_factory=dict)

    @property
    def email(self):
        first, _sep, last = self.name.lower().partition(" ")
        local = f"{first}.{last}".replace(" ", "").replace("é", "e").replace("ë", "e")
        return f"{local}@press.example.be"


@dataclass(frozen=True)
class Org:
    slug: str
    names: dict  # language -> name
    acronyms: dict
    address: str
    phone: str
    website: str
    colour: tuple
    contacts: tuple = ()
    is_active: bool = True
    sort_order: int = 100


@dataclass(frozen=True)
class Member:
    slug: str
    name: str
    titles: dict
    term_start: str
    colour: tuple
    contacts: tuple
    term_end: str = ""
    sort_order: int = 100


SPOKES = {
    "fr": "Porte-parole",
    "nl": "Woordvoerder",
    "de": "Pressesprecher",
    "en": "Spokesperson",
}
PRESS_OFFICER = {
    "fr": "Attaché de presse",
    "nl": "Persattaché",
    "de": "Presseattaché",
    "en": "Press officer",
}


def spokes(name, languages, phone, mobile=""):
    return Contact(name, languages, phone=phone, mobile=mobile, position=SPOKES)


def officer(name, languages, phone):
    return Contact(name, languages, phone=phone, role="press_officer", position=PRESS_OFFICER)


COUNCIL = Org(
    slug="council-of-ministers",
    names={
        "fr": "Conseil des ministres",
        "nl": "Ministerraad",
        "de": "Ministerrat",
        "en": "Council of Ministers",
    },
    acronyms={},
    address="Rue de la Loi 16\n1000 Bruxelles",
    phone="+32 2 501 02 11",
    website="https://news.belgium.be",
    colour=(0, 61, 122),
    contacts=(officer("Céline Vanderstraeten", "fr,nl,en", "+32 2 501 02 70"),),
    sort_order=0,
)

ORGANISATIONS = [
    Org(
        slug="chancellery",
        names={
            "fr": "SPF Chancellerie du Premier Ministre",
            "nl": "FOD Kanselarij van de Eerste Minister",
            "de": "FÖD Kanzlei des Premierministers",
            "en": "FPS Chancellery of the Prime Minister",
        },
        acronyms={"fr": "Chancellerie", "nl": "Kanselarij", "de": "Kanzlei", "en": "Chancellery"},
        address="Rue de la Loi 16\n1000 Bruxelles",
        phone="+32 2 501 02 11",
        website="https://chancellerie.belgium.be",
        colour=(0, 61, 122),
        contacts=(
            spokes("Thomas Ferrant", "fr,nl,en", "+32 2 501 02 45", "+32 475 12 34 01"),
            officer("Lien Springaels", "nl,fr,en", "+32 2 501 02 46"),
        ),
        sort_order=10,
    ),
    Org(
        slug="fps-finance",
        names={
            "fr": "SPF Finances",
            "nl": "FOD Financiën",
            "de": "FÖD Finanzen",
            "en": "FPS Finance",
        },
        acronyms={
            "fr": "SPF Finances",
            "nl": "FOD Financiën",
            "de": "FÖD Finanzen",
            "en": "FPS Finance",
        },
        address="North Galaxy, Boulevard du Roi Albert II 33\n1030 Bruxelles",
        phone="+32 2 572 57 57",
        website="https://finances.belgium.be",
        colour=(0, 102, 153),
        contacts=(
            spokes("Francis Adriaens", "nl,fr", "+32 2 572 20 10", "+32 475 12 34 02"),
            spokes("Florence Degraeve", "fr,nl,en", "+32 2 572 20 11"),
        ),
        sort_order=20,
    ),
    Org(
        slug="fps-foreign-affairs",
        names={
            "fr": "SPF Affaires étrangères, Commerce extérieur et Coopération au Développement",
            "nl": "FOD Buitenlandse Zaken, Buitenlandse Handel en Ontwikkelingssamenwerking",
            "de": "FÖD Auswärtige Angelegenheiten, Außenhandel und Entwicklungszusammenarbeit",
            "en": "FPS Foreign Affairs, Foreign Trade and Development Cooperation",
        },
        acronyms={
            "fr": "SPF Affaires étrangères",
            "nl": "FOD Buitenlandse Zaken",
            "de": "FÖD Auswärtiges",
            "en": "FPS Foreign Affairs",
        },
        address="Rue des Petits Carmes 15\n1000 Bruxelles",
        phone="+32 2 501 81 11",
        website="https://diplomatie.belgium.be",
        colour=(0, 83, 159),
        contacts=(spokes("Elke Verhaegen", "nl,fr,en,de", "+32 2 501 36 15", "+32 475 12 34 03"),),
        sort_order=30,
    ),
    Org(
        slug="fps-health",
        names={
            "fr": "SPF Santé publique, Sécurité de la Chaîne alimentaire et Environnement",
            "nl": "FOD Volksgezondheid, Veiligheid van de Voedselketen en Leefmilieu",
            "de": "FÖD Volksgesundheit, Sicherheit der Nahrungsmittelkette und Umwelt",
            "en": "FPS Health, Food Chain Safety and Environment",
        },
        acronyms={
            "fr": "SPF Santé publique",
            "nl": "FOD Volksgezondheid",
            "de": "FÖD Volksgesundheit",
            "en": "FPS Health",
        },
        address="Avenue Galilée 5/2\n1210 Bruxelles",
        phone="+32 2 524 97 97",
        website="https://www.health.belgium.be",
        colour=(0, 128, 96),
        contacts=(spokes("Joris Moonens", "nl,fr", "+32 2 524 93 00", "+32 475 12 34 04"),),
        sort_order=40,
    ),
    Org(
        slug="fps-economy",
        names={
            "fr": "SPF Économie, P.M.E., Classes moyennes et Énergie",
            "nl": "FOD Economie, K.M.O., Middenstand en Energie",
            "de": "FÖD Wirtschaft, KMB, Mittelstand und Energie",
            "en": "FPS Economy, SMEs, Self-employed and Energy",
        },
        acronyms={
            "fr": "SPF Économie",
            "nl": "FOD Economie",
            "de": "FÖD Wirtschaft",
            "en": "FPS Economy",
        },
        address="Rue du Progrès 50\n1210 Bruxelles",
        phone="+32 2 277 51 11",
        website="https://economie.fgov.be",
        colour=(153, 51, 0),
        contacts=(spokes("Etienne Mignolet", "fr,nl", "+32 2 277 82 13"),),
        sort_order=50,
    ),
    Org(
        slug="fps-mobility",
        names={
            "fr": "SPF Mobilité et Transports",
            "nl": "FOD Mobiliteit en Vervoer",
            "de": "FÖD Mobilität und Transportwesen",
            "en": "FPS Mobility and Transport",
        },
        acronyms={
            "fr": "SPF Mobilité",
            "nl": "FOD Mobiliteit",
            "de": "FÖD Mobilität",
            "en": "FPS Mobility",
        },
        address="Rue du Progrès 56\n1210 Bruxelles",
        phone="+32 2 277 31 11",
        website="https://mobilit.belgium.be",
        colour=(204, 102, 0),
        contacts=(spokes("Anke Vercauteren", "nl,fr,en", "+32 2 277 40 21"),),
        sort_order=60,
    ),
    Org(
        slug="fps-justice",
        names={
            "fr": "SPF Justice",
            "nl": "FOD Justitie",
            "de": "FÖD Justiz",
            "en": "FPS Justice",
        },
        acronyms={},
        address="Boulevard de Waterloo 115\n1000 Bruxelles",
        phone="+32 2 542 65 11",
        website="https://justice.belgium.be",
        colour=(102, 0, 51),
        contacts=(spokes("Sophie Delfosse", "fr,nl", "+32 2 542 70 14"),),
        sort_order=70,
    ),
    Org(
        slug="fps-home-affairs",
        names={
            "fr": "SPF Intérieur",
            "nl": "FOD Binnenlandse Zaken",
            "de": "FÖD Inneres",
            "en": "FPS Home Affairs",
        },
        acronyms={
            "fr": "SPF Intérieur",
            "nl": "FOD Binnenlandse Zaken",
            "de": "FÖD Inneres",
            "en": "FPS Home Affairs",
        },
        address="Rue de Louvain 1\n1000 Bruxelles",
        phone="+32 2 488 20 00",
        website="https://www.ibz.be",
        colour=(51, 51, 102),
        contacts=(spokes("Benoît Ramelot", "fr,nl,de", "+32 2 488 21 90"),),
        sort_order=80,
    ),
    Org(
        slug="fps-employment",
        names={
            "fr": "SPF Emploi, Travail et Concertation sociale",
            "nl": "FOD Werkgelegenheid, Arbeid en Sociaal Overleg",
            "de": "FÖD Beschäftigung, Arbeit und Soziale Konzertierung",
            "en": "FPS Employment, Labour and Social Dialogue",
        },
        acronyms={
            "fr": "SPF Emploi",
            "nl": "FOD WASO",
            "de": "FÖD Beschäftigung",
            "en": "FPS Employment",
        },
        address="Rue Ernest Blerot 1\n1070 Bruxelles",
        phone="+32 2 233 41 11",
        website="https://emploi.belgique.be",
        colour=(0, 112, 60),
        contacts=(spokes("Karel Bosmans", "nl,fr", "+32 2 233 42 05"),),
        sort_order=90,
    ),
    Org(
        slug="federal-police",
        names={
            "fr": "Police fédérale",
            "nl": "Federale Politie",
            "de": "Föderale Polizei",
            "en": "Federal Police",
        },
        acronyms={},
        address="Rue Fritz Toussaint 8\n1050 Bruxelles",
        phone="+32 2 642 60 00",
        website="https://www.police.be",
        colour=(20, 40, 90),
        contacts=(
            spokes("Nathalie Beeckmans", "nl,fr", "+32 2 642 66 06", "+32 475 12 34 09"),
            officer("Marc Hennuy", "fr,nl,de", "+32 2 642 66 07"),
        ),
        sort_order=100,
    ),
    Org(
        slug="sciensano",
        names={"fr": "Sciensano", "nl": "Sciensano", "de": "Sciensano", "en": "Sciensano"},
        acronyms={},
        address="Rue Juliette Wytsman 14\n1050 Bruxelles",
        phone="+32 2 642 51 11",
        website="https://www.sciensano.be",
        colour=(0, 140, 150),
        contacts=(spokes("Yasmine Ouali", "fr,nl,en", "+32 2 642 57 84"),),
        sort_order=110,
    ),
    Org(
        slug="fedasil",
        names={
            "fr": "Agence fédérale pour l'accueil des demandeurs d'asile",
            "nl": "Federaal agentschap voor de opvang van asielzoekers",
            "de": "Föderalagentur für die Aufnahme von Asylsuchenden",
            "en": "Federal Agency for the Reception of Asylum Seekers",
        },
        acronyms={"fr": "Fedasil", "nl": "Fedasil", "de": "Fedasil", "en": "Fedasil"},
        address="Rue des Chartreux 19-21\n1000 Bruxelles",
        phone="+32 2 213 44 11",
        website="https://www.fedasil.be",
        colour=(110, 60, 140),
        contacts=(spokes("Mieke Dewulf", "nl,fr,en", "+32 2 213 43 35"),),
        sort_order=120,
    ),
    # Dissolved in 2017 (merged into FPS Policy and Support): archived releases still name it.
    Org(
        slug="fedict",
        names={
            "fr": "SPF Technologie de l'Information et de la Communication",
            "nl": "FOD Informatie- en Communicatietechnologie",
            "de": "FÖD Informations- und Kommunikationstechnologie",
            "en": "FPS Information and Communication Technology",
        },
        acronyms={"fr": "Fedict", "nl": "Fedict", "de": "Fedict", "en": "Fedict"},
        address="Boulevard Simon Bolivar 30\n1000 Bruxelles",
        phone="+32 2 212 96 00",
        website="https://bosa.belgium.be",
        colour=(120, 120, 120),
        is_active=False,
        sort_order=900,
    ),
]


def titles(fr, nl, de, en):
    return {"fr": fr, "nl": nl, "de": de, "en": en}


TERM = "2025-02-03"

MEMBERS = [
    Member(
        "sophie-wauters",
        "Sophie Wauters",
        titles("Première ministre", "Eerste minister", "Premierministerin", "Prime Minister"),
        TERM,
        (0, 61, 122),
        (
            spokes("Pieter Claessens", "nl,fr,en", "+32 2 501 02 11", "+32 476 20 00 01"),
            spokes("Aurélie Lemaire", "fr,nl,en", "+32 2 501 02 12", "+32 476 20 00 02"),
        ),
        sort_order=1,
    ),
    Member(
        "koen-vermeulen",
        "Koen Vermeulen",
        titles(
            "Vice-Premier ministre et ministre des Finances",
            "Vice-eersteminister en minister van Financiën",
            "Vizepremierminister und Minister der Finanzen",
            "Deputy Prime Minister and Minister of Finance",
        ),
        TERM,
        (0, 102, 153),
        (spokes("Hanne Willems", "nl,fr,en", "+32 2 574 80 01", "+32 476 20 00 03"),),
        sort_order=2,
    ),
    Member(
        "claire-delvaux",
        "Claire Delvaux",
        titles(
            "Vice-Première ministre et ministre des Affaires étrangères",
            "Vice-eersteminister en minister van Buitenlandse Zaken",
            "Vizepremierministerin und Ministerin der Auswärtigen Angelegenheiten",
            "Deputy Prime Minister and Minister of Foreign Affairs",
        ),
        TERM,
        (0, 83, 159),
        (
            spokes("Julien Marchal", "fr,nl,en,de", "+32 2 501 85 01", "+32 476 20 00 04"),
            spokes("Sarah Goossens", "nl,fr,en", "+32 2 501 85 02"),
        ),
        sort_order=3,
    ),
    Member(
        "maarten-janssens",
        "Maarten Janssens",
        titles(
            "Vice-Premier ministre et ministre de l'Économie et de l'Emploi",
            "Vice-eersteminister en minister van Economie en Werk",
            "Vizepremierminister und Minister der Wirtschaft und der Beschäftigung",
            "Deputy Prime Minister and Minister of Economy and Employment",
        ),
        TERM,
        (153, 51, 0),
        (spokes("Ine Peeters", "nl,fr", "+32 2 277 91 01", "+32 476 20 00 05"),),
        sort_order=4,
    ),
    Member(
        "nathalie-lambert",
        "Nathalie Lambert",
        titles(
            "Vice-Première ministre et ministre de la Santé publique",
            "Vice-eersteminister en minister van Volksgezondheid",
            "Vizepremierministerin und Ministerin der Volksgesundheit",
            "Deputy Prime Minister and Minister of Public Health",
        ),
        TERM,
        (0, 128, 96),
        (spokes("Olivier Jacquemin", "fr,nl,en", "+32 2 524 99 01", "+32 476 20 00 06"),),
        sort_order=5,
    ),
    Member(
        "pieter-de-clercq",
        "Pieter De Clercq",
        titles(
            "Vice-Premier ministre et ministre de la Justice",
            "Vice-eersteminister en minister van Justitie",
            "Vizepremierminister und Minister der Justiz",
            "Deputy Prime Minister and Minister of Justice",
        ),
        TERM,
        (102, 0, 51),
        (spokes("Evelien Desmet", "nl,fr", "+32 2 542 80 01", "+32 476 20 00 07"),),
        sort_order=6,
    ),
    Member(
        "elise-dubois",
        "Élise Dubois",
        titles(
            "Ministre de l'Intérieur",
            "Minister van Binnenlandse Zaken",
            "Ministerin des Innern",
            "Minister of Home Affairs",
        ),
        TERM,
        (51, 51, 102),
        (spokes("Grégory Hubert", "fr,nl,de", "+32 2 488 30 01", "+32 476 20 00 08"),),
        sort_order=7,
    ),
    Member(
        "thomas-peeters",
        "Thomas Peeters",
        titles(
            "Ministre de la Mobilité",
            "Minister van Mobiliteit",
            "Minister für Mobilität",
            "Minister of Mobility",
        ),
        TERM,
        (204, 102, 0),
        (spokes("Lotte Van Damme", "nl,fr,en", "+32 2 277 45 01"),),
        sort_order=8,
    ),
    Member(
        "amelie-renard",
        "Amélie Renard",
        titles(
            "Ministre de la Défense",
            "Minister van Defensie",
            "Ministerin der Verteidigung",
            "Minister of Defence",
        ),
        TERM,
        (60, 80, 40),
        (spokes("Arnaud Deprez", "fr,nl,en", "+32 2 550 28 01"),),
        sort_order=9,
    ),
    Member(
        "jan-goossens",
        "Jan Goossens",
        titles(
            "Ministre du Climat et de l'Énergie",
            "Minister van Klimaat en Energie",
            "Minister für Klima und Energie",
            "Minister of Climate and Energy",
        ),
        TERM,
        (0, 140, 70),
        (spokes("Bram Vandenberghe", "nl,fr,en", "+32 2 277 60 01"),),
        sort_order=10,
    ),
    Member(
        "helene-marchal",
        "Hélène Marchal",
        titles(
            "Ministre des Pensions et des Affaires sociales",
            "Minister van Pensioenen en Sociale Zaken",
            "Ministerin für Pensionen und Soziales",
            "Minister of Pensions and Social Affairs",
        ),
        TERM,
        (150, 30, 60),
        (spokes("Cédric Lejeune", "fr,nl", "+32 2 528 69 01"),),
        sort_order=11,
    ),
    Member(
        "wouter-maes",
        "Wouter Maes",
        titles(
            "Ministre de la Digitalisation et de la Simplification administrative",
            "Minister van Digitalisering en Administratieve Vereenvoudiging",
            "Minister für Digitalisierung und Verwaltungsvereinfachung",
            "Minister of Digitalisation and Administrative Simplification",
        ),
        TERM,
        (40, 90, 160),
        (spokes("Femke Claes", "nl,fr,en", "+32 2 790 51 01"),),
        sort_order=12,
    ),
    Member(
        "ines-hamdi",
        "Inès Hamdi",
        titles(
            "Ministre de l'Asile et de la Migration",
            "Minister van Asiel en Migratie",
            "Ministerin für Asyl und Migration",
            "Minister of Asylum and Migration",
        ),
        TERM,
        (110, 60, 140),
        (spokes("Xavier Collignon", "fr,nl,en", "+32 2 213 45 01"),),
        sort_order=13,
    ),
    Member(
        "bart-van-den-broeck",
        "Bart Van den Broeck",
        titles(
            "Secrétaire d'État au Budget",
            "Staatssecretaris voor Begroting",
            "Staatssekretär für Haushalt",
            "Secretary of State for the Budget",
        ),
        TERM,
        (0, 102, 153),
        (spokes("Charlotte Verbeke", "nl,fr", "+32 2 574 81 01"),),
        sort_order=14,
    ),
    Member(
        "celine-gilson",
        "Céline Gilson",
        titles(
            "Secrétaire d'État à la Coopération au développement et à la Politique de siège",
            "Staatssecretaris voor Ontwikkelingssamenwerking en Zetelbeleid",
            "Staatssekretärin für Entwicklungszusammenarbeit und Sitzpolitik",
            "Secretary of State for Development Cooperation and Host State Policy",
        ),
        TERM,
        (0, 83, 159),
        (spokes("Martin Degand", "fr,nl,de,en", "+32 2 501 86 01"),),
        sort_order=15,
    ),
    # A former member: archived releases still name him.
    Member(
        "marc-leroy",
        "Marc Leroy",
        titles(
            "Ministre de la Mobilité",
            "Minister van Mobiliteit",
            "Minister für Mobilität",
            "Minister of Mobility",
        ),
        "2020-10-01",
        (120, 120, 120),
        (spokes("Nadia Benali", "fr,nl", "+32 2 277 45 90"),),
        term_end="2025-02-02",
        sort_order=90,
    ),
]

THEMES = [
    ("economy", "Économie", "Economie", "Wirtschaft", "Economy"),
    (
        "finance-taxes",
        "Finances et fiscalité",
        "Financiën en belastingen",
        "Finanzen und Steuern",
        "Finance and taxes",
    ),
    ("health", "Santé", "Gezondheid", "Gesundheit", "Health"),
    ("employment", "Emploi", "Werk", "Beschäftigung", "Employment"),
    ("mobility", "Mobilité", "Mobiliteit", "Mobilität", "Mobility"),
    ("justice", "Justice", "Justitie", "Justiz", "Justice"),
    ("security", "Sécurité", "Veiligheid", "Sicherheit", "Security"),
    (
        "foreign-affairs",
        "Affaires étrangères",
        "Buitenlandse zaken",
        "Auswärtige Angelegenheiten",
        "Foreign affairs",
    ),
    (
        "asylum-migration",
        "Asile et migration",
        "Asiel en migratie",
        "Asyl und Migration",
        "Asylum and migration",
    ),
    (
        "climate-energy",
        "Climat et énergie",
        "Klimaat en energie",
        "Klima und Energie",
        "Climate and energy",
    ),
    ("digital", "Numérique", "Digitalisering", "Digitalisierung", "Digital"),
    (
        "social-affairs",
        "Affaires sociales et pensions",
        "Sociale zaken en pensioenen",
        "Soziales und Pensionen",
        "Social affairs and pensions",
    ),
    ("defence", "Défense", "Defensie", "Verteidigung", "Defence"),
    (
        "institutions",
        "Institutions et gouvernement",
        "Instellingen en regering",
        "Institutionen und Regierung",
        "Institutions and government",
    ),
]
