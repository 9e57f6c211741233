# ruff: noqa: E501 - prose, wrapped by hand for reading rather than to the column
"""Demo Council of Ministers meetings and their decisions, in French and Dutch (some also in
English or German). Each decision names the government members it concerns: their spokespersons
validate the text."""

from dataclasses import dataclass

from .release_data import T


@dataclass(frozen=True)
class Decision:
    key: str
    members: tuple
    themes: tuple
    texts: dict


@dataclass(frozen=True)
class Meeting:
    key: str
    days_ago: int
    decisions: tuple


MEETING_TITLES = {
    "fr": "Conseil des ministres du {date}",
    "nl": "Ministerraad van {date}",
    "de": "Ministerrat vom {date}",
    "en": "Council of Ministers of {date}",
}
MEETING_INTROS = {
    "fr": "<p>Le Conseil des ministres s'est réuni sous la présidence de la Première ministre. "
    "Voici les décisions prises.</p>",
    "nl": "<p>De Ministerraad vergaderde onder voorzitterschap van de eerste minister. Dit zijn "
    "de genomen beslissingen.</p>",
    "de": "<p>Der Ministerrat ist unter dem Vorsitz der Premierministerin zusammengetreten. "
    "Hier die Beschlüsse.</p>",
    "en": "<p>The Council of Ministers met under the chairmanship of the Prime Minister. These "
    "are its decisions.</p>",
}

MEETINGS = [
    Meeting(
        "meeting-1",
        4,
        (
            Decision(
                "m1-budget-2027",
                ("koen-vermeulen", "bart-van-den-broeck"),
                ("finance-taxes",),
                {
                    "fr": T(
                        "Projet de budget 2027 déposé à la Chambre",
                        "Le Conseil des ministres approuve le projet de budget des recettes et des "
                        "dépenses pour 2027.",
                        "Le projet traduit l'accord budgétaire conclu en octobre. Il sera déposé à la "
                        "Chambre des représentants avant le 31 octobre, accompagné de la note de "
                        "politique générale de chaque ministre.",
                    ),
                    "nl": T(
                        "Ontwerpbegroting 2027 ingediend bij de Kamer",
                        "De Ministerraad keurt het ontwerp van middelen- en uitgavenbegroting voor "
                        "2027 goed.",
                        "Het ontwerp vertaalt het begrotingsakkoord van oktober. Het wordt vóór 31 "
                        "oktober bij de Kamer van volksvertegenwoordigers ingediend, samen met de "
                        "algemene beleidsnota van elke minister.",
                    ),
                    "en": T(
                        "Draft 2027 budget tabled in the Chamber",
                        "The Council of Ministers approves the draft revenue and expenditure budget "
                        "for 2027.",
                        "The draft reflects the budget agreement reached in October.",
                    ),
                },
            ),
            Decision(
                "m1-cyber",
                ("wouter-maes", "elise-dubois"),
                ("digital", "security"),
                {
                    "fr": T(
                        "Transposition de la directive NIS2 : nouvelles obligations de cybersécurité",
                        "Un avant-projet de loi étend les obligations de sécurité à 18 secteurs "
                        "critiques.",
                        "Les entités concernées devront notifier les incidents significatifs au "
                        "Centre pour la Cybersécurité Belgique dans les 24 heures et mettre en place "
                        "des mesures de gestion des risques.",
                    ),
                    "nl": T(
                        "Omzetting van de NIS2-richtlijn: nieuwe verplichtingen voor cyberveiligheid",
                        "Een voorontwerp van wet breidt de veiligheidsverplichtingen uit tot 18 "
                        "kritieke sectoren.",
                        "De betrokken entiteiten moeten significante incidenten binnen 24 uur melden "
                        "aan het Centrum voor Cybersecurity België en risicobeheersmaatregelen "
                        "nemen.",
                    ),
                },
            ),
            Decision(
                "m1-embassy",
                ("claire-delvaux",),
                ("foreign-affairs",),
                {
                    "fr": T(
                        "Ouverture d'une ambassade à Manille",
                        "La Belgique renforce sa présence diplomatique en Asie du Sud-Est.",
                        "Le poste soutiendra les entreprises belges, la coopération maritime et "
                        "l'assistance consulaire aux quelque 3 000 Belges établis aux Philippines.",
                    ),
                    "nl": T(
                        "Opening van een ambassade in Manilla",
                        "België versterkt zijn diplomatieke aanwezigheid in Zuidoost-Azië.",
                        "De post zal Belgische bedrijven, de maritieme samenwerking en de consulaire "
                        "bijstand aan de zowat 3.000 Belgen op de Filipijnen ondersteunen.",
                    ),
                },
            ),
            Decision(
                "m1-nominations",
                ("sophie-wauters",),
                ("institutions",),
                {
                    "fr": T(
                        "Nominations au sein des services publics fédéraux",
                        "Le Conseil des ministres désigne trois présidents de comité de direction.",
                        "Les mandats, d'une durée de six ans, prennent cours le premier jour du mois "
                        "suivant la signature des arrêtés royaux.",
                    ),
                    "nl": T(
                        "Benoemingen bij de federale overheidsdiensten",
                        "De Ministerraad stelt drie voorzitters van een directiecomité aan.",
                        "De mandaten van zes jaar gaan in op de eerste dag van de maand na de "
                        "ondertekening van de koninklijke besluiten.",
                    ),
                },
            ),
        ),
    ),
    Meeting(
        "meeting-2",
        11,
        (
            Decision(
                "m2-medicine-stock",
                ("nathalie-lambert",),
                ("health",),
                {
                    "fr": T(
                        "Stock stratégique de médicaments essentiels",
                        "Un arrêté royal impose un stock de sécurité de quatre mois pour 200 "
                        "médicaments essentiels.",
                        "La mesure met en œuvre le plan de lutte contre les pénuries. L'AFMPS "
                        "contrôlera le respect de l'obligation.",
                    ),
                    "nl": T(
                        "Strategische voorraad essentiële geneesmiddelen",
                        "Een koninklijk besluit legt een veiligheidsvoorraad van vier maanden op voor "
                        "200 essentiële geneesmiddelen.",
                        "De maatregel voert het plan tegen tekorten uit. Het FAGG controleert de "
                        "naleving.",
                    ),
                    "de": T(
                        "Strategischer Vorrat an unentbehrlichen Arzneimitteln",
                        "Ein Königlicher Erlass schreibt einen Sicherheitsvorrat von vier Monaten für "
                        "200 unentbehrliche Arzneimittel vor.",
                        "Die Maßnahme setzt den Plan gegen Lieferengpässe um.",
                    ),
                },
            ),
            Decision(
                "m2-rail-investment",
                ("thomas-peeters", "koen-vermeulen"),
                ("mobility",),
                {
                    "fr": T(
                        "Plan pluriannuel d'investissement ferroviaire",
                        "Le Conseil des ministres approuve le plan d'investissement d'Infrabel et de "
                        "la SNCB pour les dix prochaines années.",
                        "Le plan prévoit 6 milliards d'euros pour la capacité, la sécurité et "
                        "l'accessibilité des gares.",
                    ),
                    "nl": T(
                        "Meerjarig investeringsplan voor het spoor",
                        "De Ministerraad keurt het investeringsplan van Infrabel en de NMBS voor de "
                        "komende tien jaar goed.",
                        "Het plan voorziet 6 miljard euro voor capaciteit, veiligheid en "
                        "toegankelijkheid van de stations.",
                    ),
                },
            ),
            Decision(
                "m2-police-recruitment",
                ("elise-dubois",),
                ("security",),
                {
                    "fr": T(
                        "Renforcement du recrutement policier",
                        "1 600 inspecteurs supplémentaires seront formés cette année.",
                        "Le Conseil des ministres libère les moyens pour les écoles de police et pour "
                        "une campagne de recrutement nationale.",
                    ),
                    "nl": T(
                        "Versterking van de politierekrutering",
                        "Dit jaar worden 1.600 bijkomende inspecteurs opgeleid.",
                        "De Ministerraad maakt middelen vrij voor de politiescholen en voor een "
                        "nationale wervingscampagne.",
                    ),
                },
            ),
        ),
    ),
    Meeting(
        "meeting-3",
        18,
        (
            Decision(
                "m3-energy-island",
                ("jan-goossens",),
                ("climate-energy",),
                {
                    "fr": T(
                        "Île énergétique : cadre pour les interconnexions",
                        "Un arrêté royal fixe les conditions des liaisons vers le Royaume-Uni et le "
                        "Danemark.",
                        "Le texte précise le rôle d'Elia et les modalités de contrôle par la CREG.",
                    ),
                    "nl": T(
                        "Energie-eiland: kader voor de interconnecties",
                        "Een koninklijk besluit legt de voorwaarden vast voor de verbindingen met het "
                        "Verenigd Koninkrijk en Denemarken.",
                        "De tekst verduidelijkt de rol van Elia en het toezicht door de CREG.",
                    ),
                    "en": T(
                        "Energy island: framework for the interconnectors",
                        "A royal decree sets the conditions for the links to the United Kingdom and "
                        "Denmark.",
                        "The text clarifies Elia's role and supervision by the regulator CREG.",
                    ),
                },
            ),
            Decision(
                "m3-pensions",
                ("helene-marchal",),
                ("social-affairs",),
                {
                    "fr": T(
                        "Bonus pension : arrêté d'exécution",
                        "Le bonus pension est précisé pour les travailleurs salariés et indépendants.",
                        "Le montant est calculé par jour de travail presté après l'âge de la pension "
                        "anticipée.",
                    ),
                    "nl": T(
                        "Pensioenbonus: uitvoeringsbesluit",
                        "De pensioenbonus wordt verduidelijkt voor werknemers en zelfstandigen.",
                        "Het bedrag wordt berekend per gewerkte dag na de vervroegde "
                        "pensioenleeftijd.",
                    ),
                },
            ),
            Decision(
                "m3-justice-digital",
                ("pieter-de-clercq", "wouter-maes"),
                ("justice", "digital"),
                {
                    "fr": T(
                        "Dossier judiciaire numérique",
                        "Un avant-projet de loi généralise la consultation en ligne des dossiers "
                        "pénaux.",
                        "Les parties et leurs avocats pourront consulter et déposer des pièces via "
                        "JustOnWeb.",
                    ),
                    "nl": T(
                        "Digitaal gerechtelijk dossier",
                        "Een voorontwerp van wet veralgemeent de online raadpleging van "
                        "strafdossiers.",
                        "Partijen en hun advocaten kunnen stukken raadplegen en neerleggen via "
                        "JustOnWeb.",
                    ),
                },
            ),
            Decision(
                "m3-reception",
                ("ines-hamdi",),
                ("asylum-migration",),
                {
                    "fr": T(
                        "Places d'accueil supplémentaires",
                        "Le Conseil des ministres approuve l'ouverture de 1 200 places d'accueil.",
                        "Fedasil ouvrira de nouveaux centres en collaboration avec ses partenaires.",
                    ),
                    "nl": T(
                        "Bijkomende opvangplaatsen",
                        "De Ministerraad keurt de opening van 1.200 opvangplaatsen goed.",
                        "Fedasil opent nieuwe centra in samenwerking met zijn partners.",
                    ),
                },
            ),
            Decision(
                "m3-defence",
                ("amelie-renard",),
                ("defence",),
                {
                    "fr": T(
                        "Achat de drones de surveillance maritime",
                        "La Défense acquiert quatre drones pour la surveillance de la mer du Nord.",
                        "Les drones protégeront les câbles sous-marins et les parcs éoliens en mer.",
                    ),
                    "nl": T(
                        "Aankoop van drones voor maritiem toezicht",
                        "Defensie koopt vier drones voor het toezicht op de Noordzee.",
                        "De drones beschermen de onderzeese kabels en de offshore windparken.",
                    ),
                },
            ),
        ),
    ),
    Meeting(
        "meeting-4",
        25,
        (
            Decision(
                "m4-employment",
                ("maarten-janssens",),
                ("employment",),
                {
                    "fr": T(
                        "Réforme des métiers en pénurie",
                        "La liste des fonctions critiques donne droit à des formations accélérées.",
                        "Les demandeurs d'emploi qui se forment à un métier en pénurie gardent leurs "
                        "allocations pendant la formation.",
                    ),
                    "nl": T(
                        "Hervorming van de knelpuntberoepen",
                        "De lijst van knelpuntberoepen geeft recht op versnelde opleidingen.",
                        "Werkzoekenden die zich omscholen tot een knelpuntberoep behouden hun "
                        "uitkering tijdens de opleiding.",
                    ),
                },
            ),
            Decision(
                "m4-host-state",
                ("celine-gilson", "claire-delvaux"),
                ("foreign-affairs", "institutions"),
                {
                    "fr": T(
                        "Accord de siège avec une agence des Nations unies",
                        "Le Conseil des ministres approuve l'accord de siège d'un bureau de liaison "
                        "à Bruxelles.",
                        "L'accord précise les privilèges et immunités accordés à l'organisation et à "
                        "son personnel.",
                    ),
                    "nl": T(
                        "Zetelakkoord met een agentschap van de Verenigde Naties",
                        "De Ministerraad keurt het zetelakkoord voor een verbindingsbureau in Brussel "
                        "goed.",
                        "Het akkoord legt de voorrechten en immuniteiten van de organisatie en haar "
                        "personeel vast.",
                    ),
                    "en": T(
                        "Headquarters agreement with a United Nations agency",
                        "The Council approves the headquarters agreement for a liaison office in "
                        "Brussels.",
                        "The agreement sets out the privileges and immunities of the organisation "
                        "and its staff.",
                    ),
                },
            ),
            Decision(
                "m4-consumer",
                ("maarten-janssens",),
                ("economy",),
                {
                    "fr": T(
                        "Protection des consommateurs en ligne",
                        "Un avant-projet de loi renforce les contrôles des achats en ligne.",
                        "L'Inspection économique pourra bloquer plus rapidement les sites frauduleux.",
                    ),
                    "nl": T(
                        "Bescherming van de consument online",
                        "Een voorontwerp van wet versterkt de controle op onlineaankopen.",
                        "De Economische Inspectie kan frauduleuze sites sneller blokkeren.",
                    ),
                },
            ),
        ),
    ),
    Meeting(
        "meeting-5",
        32,
        (
            Decision(
                "m5-tax-reform",
                ("koen-vermeulen",),
                ("finance-taxes",),
                {
                    "fr": T(
                        "Réforme fiscale : première phase",
                        "La quotité exemptée d'impôt est relevée pour les bas et moyens revenus.",
                        "La mesure entrera en vigueur le 1er janvier et sera financée par la lutte "
                        "contre la fraude fiscale.",
                    ),
                    "nl": T(
                        "Fiscale hervorming: eerste fase",
                        "De belastingvrije som wordt verhoogd voor lage en middeninkomens.",
                        "De maatregel treedt in werking op 1 januari en wordt gefinancierd door de "
                        "strijd tegen fiscale fraude.",
                    ),
                    "de": T(
                        "Steuerreform: erste Phase",
                        "Der Steuerfreibetrag wird für niedrige und mittlere Einkommen angehoben.",
                        "Die Maßnahme tritt am 1. Januar in Kraft.",
                    ),
                },
            ),
            Decision(
                "m5-health-budget",
                ("nathalie-lambert", "bart-van-den-broeck"),
                ("health",),
                {
                    "fr": T(
                        "Objectif budgétaire des soins de santé",
                        "La norme de croissance des soins de santé est fixée à 2,5 %.",
                        "Une enveloppe est réservée aux soins de santé mentale et à la prévention.",
                    ),
                    "nl": T(
                        "Begrotingsdoelstelling gezondheidszorg",
                        "De groeinorm voor de gezondheidszorg wordt vastgelegd op 2,5 %.",
                        "Er wordt een budget gereserveerd voor geestelijke gezondheidszorg en "
                        "preventie.",
                    ),
                },
            ),
            Decision(
                "m5-mobility",
                ("thomas-peeters",),
                ("mobility", "security"),
                {
                    "fr": T(
                        "Règles pour les trottinettes électriques",
                        "Le Code de la route est adapté pour les trottinettes et les speed pedelecs.",
                        "L'âge minimum passe à 16 ans et le casque devient obligatoire en speed "
                        "pedelec.",
                    ),
                    "nl": T(
                        "Regels voor elektrische steps",
                        "Het verkeersreglement wordt aangepast voor steps en speedpedelecs.",
                        "De minimumleeftijd wordt 16 jaar en de helm wordt verplicht op "
                        "speedpedelecs.",
                    ),
                },
            ),
            Decision(
                "m5-digital-mailbox",
                ("wouter-maes",),
                ("digital",),
                {
                    "fr": T(
                        "Boîte aux lettres numérique des autorités",
                        "Un projet d'arrêté royal organise l'envoi numérique des courriers officiels.",
                        "Les citoyens gardent le droit de recevoir leur courrier sur papier.",
                    ),
                    "nl": T(
                        "Digitale brievenbus van de overheid",
                        "Een ontwerp van koninklijk besluit regelt de digitale verzending van "
                        "officiële brieven.",
                        "Burgers behouden het recht om hun post op papier te ontvangen.",
                    ),
                },
            ),
            Decision(
                "m5-commemoration",
                ("sophie-wauters", "amelie-renard"),
                ("institutions",),
                {
                    "fr": T(
                        "Commémorations fédérales de l'année prochaine",
                        "Le Conseil des ministres arrête le calendrier des cérémonies fédérales.",
                        "La Chancellerie coordonnera l'organisation avec la Défense et les "
                        "communes concernées.",
                    ),
                    "nl": T(
                        "Federale herdenkingen van volgend jaar",
                        "De Ministerraad legt de kalender van de federale plechtigheden vast.",
                        "De Kanselarij coördineert de organisatie met Defensie en de betrokken "
                        "gemeenten.",
                    ),
                },
            ),
        ),
    ),
]
