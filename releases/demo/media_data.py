# ruff: noqa: E501 - prose, wrapped by hand for reading rather than to the column
"""Pictures, infographics, videos and documents used by the demo releases. Every picture is drawn
by Pillow (no download) and carries alt text, a caption and a credit in each language."""

from dataclasses import dataclass


def L(fr, nl, de=None, en=None):  # noqa: N802 - reads like a table
    """Text in each language; German and English fall back to English, then French."""
    return {"fr": fr, "nl": nl, "de": de or en or fr, "en": en or fr}


@dataclass(frozen=True)
class Picture:
    key: str
    title: str
    kind: str  # photo | infographic
    colour: tuple
    alt: dict
    caption: dict
    credit: str = "© Belga – demo"
    # Infographics: the figures drawn, which are also the text alternative.
    figures: tuple = ()
    text_alternative: dict | None = None


@dataclass(frozen=True)
class Video:
    key: str
    url: str
    title: dict
    credit: str


@dataclass(frozen=True)
class Doc:
    key: str
    titles: dict  # language -> title; one PDF per language given
    pages: dict  # language -> list of page texts


PICTURES = [
    Picture(
        "press-room",
        "Salle de presse du 16 rue de la Loi",
        "photo",
        (0, 61, 122),
        L(
            "Journalistes assis face au pupitre de la salle de presse du 16 rue de la Loi",
            "Journalisten tegenover het spreekgestoelte in de perszaal van de Wetstraat 16",
            "Journalisten vor dem Rednerpult im Pressesaal der Rue de la Loi 16",
            "Journalists facing the lectern in the press room at 16 Rue de la Loi",
        ),
        L(
            "La salle de presse, où sont présentées les décisions du Conseil des ministres.",
            "De perszaal, waar de beslissingen van de Ministerraad worden voorgesteld.",
            "Der Pressesaal, in dem die Beschlüsse des Ministerrats vorgestellt werden.",
            "The press room where the Council of Ministers' decisions are presented.",
        ),
        credit="© SPF Chancellerie – demo",
    ),
    Picture(
        "news-site",
        "Nouveau site news.belgium.be sur ordinateur et smartphone",
        "photo",
        (30, 90, 160),
        L(
            "Le site news.belgium.be affiché sur un ordinateur portable et un smartphone",
            "De website news.belgium.be op een laptop en een smartphone",
            "Die Website news.belgium.be auf einem Laptop und einem Smartphone",
            "The news.belgium.be website shown on a laptop and a smartphone",
        ),
        L(
            "Le site s'adapte à tous les écrans.",
            "De site past zich aan elk scherm aan.",
            "Die Website passt sich jedem Bildschirm an.",
            "The site adapts to every screen.",
        ),
        credit="© SPF Chancellerie – demo",
    ),
    Picture(
        "mardasson-1",
        "Mémorial du Mardasson, Bastogne – cérémonie",
        "photo",
        (90, 90, 70),
        L(
            "Dépôt de gerbes au pied du Mémorial du Mardasson à Bastogne",
            "Bloemenhulde aan de voet van het Mardasson-monument in Bastenaken",
            "Kranzniederlegung am Fuß des Mardasson-Denkmals in Bastogne",
            "Wreath-laying at the foot of the Mardasson Memorial in Bastogne",
        ),
        L(
            "Dépôt de gerbes au Mémorial du Mardasson.",
            "Bloemenhulde aan het Mardasson-monument.",
            "Kranzniederlegung am Mardasson-Denkmal.",
            "Wreath-laying at the Mardasson Memorial.",
        ),
    ),
    Picture(
        "mardasson-2",
        "Vétérans lors de la commémoration à Bastogne",
        "photo",
        (70, 80, 60),
        L(
            "Deux vétérans en uniforme saluent les drapeaux lors de la cérémonie",
            "Twee veteranen in uniform groeten de vlaggen tijdens de plechtigheid",
            "Zwei Veteranen in Uniform grüßen während der Zeremonie die Fahnen",
            "Two veterans in uniform salute the flags during the ceremony",
        ),
        L(
            "Les vétérans étaient les invités d'honneur.",
            "De veteranen waren eregasten.",
            "Die Veteranen waren Ehrengäste.",
            "The veterans were guests of honour.",
        ),
    ),
    Picture(
        "mardasson-3",
        "Prestation artistique clôturant la cérémonie",
        "photo",
        (60, 60, 90),
        L(
            "Une chorale d'enfants chante devant le mémorial",
            "Een kinderkoor zingt voor het monument",
            "Ein Kinderchor singt vor dem Denkmal",
            "A children's choir sings in front of the memorial",
        ),
        L(
            "Une prestation artistique a clôturé la cérémonie.",
            "Een artistiek optreden sloot de plechtigheid af.",
            "Eine künstlerische Darbietung schloss die Zeremonie ab.",
            "An artistic performance closed the ceremony.",
        ),
    ),
    Picture(
        "customs-antwerp",
        "Contrôle douanier de conteneurs au port d'Anvers",
        "photo",
        (0, 102, 153),
        L(
            "Agents des douanes inspectant un conteneur ouvert sur un quai du port d'Anvers",
            "Douaniers inspecteren een geopende container op een kade in de haven van Antwerpen",
            "Zollbeamte kontrollieren einen geöffneten Container im Hafen von Antwerpen",
            "Customs officers inspecting an open container on a quay in the port of Antwerp",
        ),
        L(
            "Contrôle d'un conteneur au port d'Anvers.",
            "Controle van een container in de haven van Antwerpen.",
            "Kontrolle eines Containers im Hafen von Antwerpen.",
            "A container check in the port of Antwerp.",
        ),
        credit="© SPF Finances – Douanes et Accises – demo",
    ),
    Picture(
        "mission-japan-1",
        "Mission économique au Japon – séminaire à Tokyo",
        "photo",
        (150, 30, 50),
        L(
            "Entrepreneurs belges et japonais lors d'un séminaire à Tokyo",
            "Belgische en Japanse ondernemers tijdens een seminarie in Tokio",
            "Belgische und japanische Unternehmer bei einem Seminar in Tokio",
            "Belgian and Japanese business leaders at a seminar in Tokyo",
        ),
        L(
            "Séminaire sur les sciences de la vie à Tokyo.",
            "Seminarie over life sciences in Tokio.",
            "Seminar über Biowissenschaften in Tokio.",
            "Life sciences seminar in Tokyo.",
        ),
        credit="© SPF Affaires étrangères – demo",
    ),
    Picture(
        "mission-japan-2",
        "Mission économique au Japon – visite portuaire à Osaka",
        "photo",
        (120, 40, 60),
        L(
            "La délégation belge visite le terminal à conteneurs du port d'Osaka",
            "De Belgische delegatie bezoekt de containerterminal van de haven van Osaka",
            "Die belgische Delegation besucht das Containerterminal im Hafen von Osaka",
            "The Belgian delegation visits the container terminal in the port of Osaka",
        ),
        L(
            "Visite du port d'Osaka.",
            "Bezoek aan de haven van Osaka.",
            "Besuch des Hafens von Osaka.",
            "Visit to the port of Osaka.",
        ),
        credit="© SPF Affaires étrangères – demo",
    ),
    Picture(
        "eid",
        "Nouvelle carte d'identité électronique",
        "photo",
        (51, 51, 102),
        L(
            "Recto de la nouvelle carte d'identité électronique belge avec une photo fictive",
            "Voorzijde van de nieuwe Belgische elektronische identiteitskaart met een fictieve foto",
            "Vorderseite des neuen belgischen elektronischen Personalausweises mit fiktivem Foto",
            "Front of the new Belgian electronic identity card with a specimen photo",
        ),
        L(
            "Spécimen de la nouvelle carte eID.",
            "Specimen van de nieuwe eID.",
            "Muster des neuen eID-Ausweises.",
            "Specimen of the new eID card.",
        ),
        credit="© SPF Intérieur – demo",
    ),
    Picture(
        "speed-check",
        "Contrôle de vitesse sur l'autoroute E40",
        "photo",
        (20, 40, 90),
        L(
            "Une patrouille de la police de la route effectue un contrôle de vitesse sur l'E40",
            "Een patrouille van de wegpolitie voert een snelheidscontrole uit op de E40",
            "Eine Streife der Verkehrspolizei führt auf der E40 eine Geschwindigkeitskontrolle durch",
            "A highway police patrol runs a speed check on the E40",
        ),
        L(
            "Contrôle de vitesse sur l'E40.",
            "Snelheidscontrole op de E40.",
            "Geschwindigkeitskontrolle auf der E40.",
            "Speed check on the E40.",
        ),
        credit="© Police fédérale – demo",
    ),
    Picture(
        "offshore-1",
        "Parc éolien en mer du Nord",
        "photo",
        (0, 120, 150),
        L(
            "Éoliennes en mer du Nord sous un ciel clair",
            "Windturbines op de Noordzee onder een heldere hemel",
            "Windkraftanlagen in der Nordsee unter klarem Himmel",
            "Wind turbines in the North Sea under a clear sky",
        ),
        L(
            "Le parc éolien belge en mer du Nord.",
            "Het Belgische windpark op de Noordzee.",
            "Der belgische Windpark in der Nordsee.",
            "Belgium's North Sea wind farm.",
        ),
    ),
    Picture(
        "offshore-2",
        "Chantier de l'île énergétique Princesse Elisabeth",
        "photo",
        (0, 100, 130),
        L(
            "Caissons en béton de l'île énergétique en cours de construction",
            "Betonnen caissons van het energie-eiland in aanbouw",
            "Betonkästen der Energieinsel im Bau",
            "Concrete caissons of the energy island under construction",
        ),
        L(
            "Les caissons de l'île énergétique Princesse Elisabeth.",
            "De caissons van het Prinses Elisabetheiland.",
            "Die Senkkästen der Prinzessin-Elisabeth-Insel.",
            "The caissons of the Princess Elisabeth Island.",
        ),
    ),
    Picture(
        "offshore-3",
        "Poste de transformation en mer",
        "photo",
        (20, 90, 120),
        L(
            "Plateforme d'un poste de transformation haute tension en mer",
            "Platform van een hoogspanningsstation op zee",
            "Plattform eines Hochspannungs-Umspannwerks auf See",
            "Platform of an offshore high-voltage substation",
        ),
        L(
            "Un poste de transformation haute tension.",
            "Een hoogspanningsstation op zee.",
            "Ein Hochspannungs-Umspannwerk.",
            "An offshore high-voltage substation.",
        ),
    ),
    Picture(
        "rail",
        "Train à quai en gare de Bruxelles-Central",
        "photo",
        (204, 102, 0),
        L(
            "Un train de voyageurs à quai en gare de Bruxelles-Central",
            "Een reizigerstrein langs het perron in het station Brussel-Centraal",
            "Ein Personenzug am Bahnsteig im Bahnhof Brüssel-Zentral",
            "A passenger train at the platform in Brussels Central station",
        ),
        L(
            "Gare de Bruxelles-Central.",
            "Station Brussel-Centraal.",
            "Bahnhof Brüssel-Zentral.",
            "Brussels Central station.",
        ),
        credit="© SPF Mobilité – demo",
    ),
    Picture(
        "vaccination",
        "Vaccination contre la grippe en pharmacie",
        "photo",
        (0, 128, 96),
        L(
            "Une pharmacienne vaccine une patiente contre la grippe",
            "Een apotheker vaccineert een patiënte tegen de griep",
            "Eine Apothekerin impft eine Patientin gegen die Grippe",
            "A pharmacist vaccinates a patient against flu",
        ),
        L(
            "La vaccination est aussi possible en pharmacie.",
            "Vaccinatie kan ook in de apotheek.",
            "Die Impfung ist auch in der Apotheke möglich.",
            "Vaccination is also available at the pharmacy.",
        ),
        credit="© SPF Santé publique – demo",
    ),
    Picture(
        "f35",
        "Arrivée des premiers F-35 à Florennes",
        "photo",
        (60, 80, 40),
        L(
            "Un avion de chasse F-35 roule sur la piste de la base aérienne de Florennes",
            "Een F-35-gevechtsvliegtuig taxiet op de startbaan van de luchtmachtbasis Florennes",
            "Ein F-35-Kampfflugzeug rollt auf der Piste des Luftwaffenstützpunkts Florennes",
            "An F-35 fighter jet taxis on the runway at Florennes air base",
        ),
        L(
            "Le premier F-35 belge à Florennes.",
            "De eerste Belgische F-35 in Florennes.",
            "Die erste belgische F-35 in Florennes.",
            "Belgium's first F-35 at Florennes.",
        ),
        credit="© Défense – demo",
    ),
    Picture(
        "investments",
        "Pacte national pour les investissements stratégiques – montants",
        "infographic",
        (0, 61, 122),
        L(
            "Infographie : montants du Pacte national pour les investissements stratégiques",
            "Infographic: bedragen van het Nationaal Pact voor Strategische Investeringen",
            "Infografik: Beträge des Nationalen Pakts für strategische Investitionen",
            "Infographic: amounts of the National Pact for Strategic Investments",
        ),
        L(
            "Principaux projets du Pacte, en millions d'euros.",
            "Belangrijkste projecten van het Pact, in miljoen euro.",
            "Wichtigste Projekte des Pakts, in Millionen Euro.",
            "Main projects of the Pact, in million euro.",
        ),
        credit="SPF Chancellerie",
        figures=(
            ("Rail", 6000),
            ("MYRRHA", 550),
            ("Infra for Belgium", 250),
            ("Batteries", 275),
            ("Sciensano", 70),
            ("Smart-IRE", 52),
            ("Von Karman", 25),
        ),
        text_alternative=L(
            "<p>Montants en millions d'euros : investissements ferroviaires 6 000 (2018-2020) ; "
            "MYRRHA 550 (2019-2038) ; fonds Infrastructure for Belgium 250 ; European Battery "
            "Alliance 275 (d'ici 2024) ; nouveau bâtiment de Sciensano 70 (d'ici 2021) ; "
            "Smart-IRE 52 (2019-2020) ; Institut Von Karman 25 (d'ici 2020).</p>",
            "<p>Bedragen in miljoen euro: spoorinvesteringen 6.000 (2018-2020); MYRRHA 550 "
            "(2019-2038); fonds Infrastructure for Belgium 250; European Battery Alliance 275 "
            "(tegen 2024); nieuw gebouw van Sciensano 70 (tegen 2021); Smart-IRE 52 (2019-2020); "
            "Von Karman Instituut 25 (tegen 2020).</p>",
            "<p>Beträge in Millionen Euro: Bahninvestitionen 6.000 (2018-2020); MYRRHA 550 "
            "(2019-2038); Fonds Infrastructure for Belgium 250; European Battery Alliance 275 "
            "(bis 2024); neues Gebäude von Sciensano 70 (bis 2021); Smart-IRE 52 (2019-2020); "
            "Von-Karman-Institut 25 (bis 2020).</p>",
            "<p>Amounts in million euro: rail investment 6,000 (2018-2020); MYRRHA 550 "
            "(2019-2038); Infrastructure for Belgium fund 250; European Battery Alliance 275 "
            "(by 2024); new Sciensano building 70 (by 2021); Smart-IRE 52 (2019-2020); "
            "Von Karman Institute 25 (by 2020).</p>",
        ),
    ),
    Picture(
        "flu-coverage",
        "Couverture vaccinale grippe par groupe à risque",
        "infographic",
        (0, 128, 96),
        L(
            "Infographie : couverture vaccinale contre la grippe par groupe",
            "Infographic: vaccinatiegraad tegen de griep per groep",
            "Infografik: Grippe-Impfquote nach Gruppe",
            "Infographic: flu vaccination coverage by group",
        ),
        L(
            "Couverture vaccinale la saison passée, en pour cent.",
            "Vaccinatiegraad vorig seizoen, in procent.",
            "Impfquote in der letzten Saison, in Prozent.",
            "Vaccination coverage last season, in per cent.",
        ),
        credit="Sciensano",
        figures=(
            ("65+", 62),
            ("Care homes", 84),
            ("Health staff", 47),
            ("Pregnant", 31),
            ("Chronic illness", 39),
        ),
        text_alternative=L(
            "<p>Couverture vaccinale la saison passée : 62 % des personnes de 65 ans et plus, "
            "84 % des résidents de maisons de repos, 47 % du personnel de santé, 31 % des "
            "femmes enceintes et 39 % des personnes atteintes d'une maladie chronique.</p>",
            "<p>Vaccinatiegraad vorig seizoen: 62 % van de 65-plussers, 84 % van de bewoners van "
            "woonzorgcentra, 47 % van het zorgpersoneel, 31 % van de zwangere vrouwen en 39 % van "
            "de mensen met een chronische aandoening.</p>",
            "<p>Impfquote in der letzten Saison: 62 % der über 65-Jährigen, 84 % der Bewohner "
            "von Pflegeheimen, 47 % des Gesundheitspersonals, 31 % der Schwangeren und 39 % der "
            "chronisch Kranken.</p>",
            "<p>Coverage last season: 62% of people aged 65 and over, 84% of care home "
            "residents, 47% of health staff, 31% of pregnant women and 39% of people with a "
            "chronic illness.</p>",
        ),
    ),
    Picture(
        "inflation",
        "Inflation mensuelle sur douze mois",
        "infographic",
        (153, 51, 0),
        L(
            "Infographie : évolution de l'inflation sur les six derniers mois",
            "Infographic: evolutie van de inflatie over de laatste zes maanden",
            "Infografik: Entwicklung der Inflation in den letzten sechs Monaten",
            "Infographic: inflation over the last six months",
        ),
        L(
            "Inflation sur base annuelle, en pour cent.",
            "Inflatie op jaarbasis, in procent.",
            "Inflation auf Jahresbasis, in Prozent.",
            "Year-on-year inflation, in per cent.",
        ),
        credit="Statbel",
        figures=(("M-5", 31), ("M-4", 29), ("M-3", 27), ("M-2", 26), ("M-1", 24), ("M", 22)),
        text_alternative=L(
            "<p>Inflation sur base annuelle au cours des six derniers mois : 3,1 %, 2,9 %, "
            "2,7 %, 2,6 %, 2,4 % et 2,2 % ce mois-ci.</p>",
            "<p>Inflatie op jaarbasis over de laatste zes maanden: 3,1 %, 2,9 %, 2,7 %, "
            "2,6 %, 2,4 % en deze maand 2,2 %.</p>",
            "<p>Inflation auf Jahresbasis in den letzten sechs Monaten: 3,1 %, 2,9 %, 2,7 %, "
            "2,6 %, 2,4 % und in diesem Monat 2,2 %.</p>",
            "<p>Year-on-year inflation over the last six months: 3.1%, 2.9%, 2.7%, 2.6%, 2.4% "
            "and 2.2% this month.</p>",
        ),
    ),
]

VIDEOS = {
    video.key: video
    for video in [
        Video(
            "phenomenal",
            "https://www.youtube.com/watch?v=Jx7uJ2Tz9bE",
            L(
                "La Belgique, autrement phénoménale",
                "België, anders fenomenaal",
                "Belgien, anders phänomenal",
                "Belgium, phenomenal in its own way",
            ),
            "© SPF Chancellerie",
        ),
        Video(
            "be-alert",
            "https://vimeo.com/347119375",
            L(
                "BE-Alert : comment ça marche ?",
                "BE-Alert: hoe werkt het?",
                "BE-Alert: Wie funktioniert es?",
                "BE-Alert: how does it work?",
            ),
            "© Centre de crise national",
        ),
        Video(
            "police-jobs",
            "https://vimeo.com/512348873",
            L(
                "Rejoignez la police fédérale",
                "Word lid van de federale politie",
                "Werden Sie Teil der Föderalen Polizei",
                "Join the Federal Police",
            ),
            "© Police fédérale",
        ),
        Video(
            "energy-island",
            "https://youtu.be/Q3m8wWkL0pA",
            L(
                "L'île Princesse Elisabeth en images",
                "Het Prinses Elisabetheiland in beeld",
                "Die Prinzessin-Elisabeth-Insel in Bildern",
                "The Princess Elisabeth Island in pictures",
            ),
            "© Elia",
        ),
    ]
}

DOCS = {
    doc.key: doc
    for doc in [
        Doc(
            "annual-report",
            {
                "fr": "Rapport annuel – SPF Chancellerie du Premier Ministre",
                "nl": "Jaarverslag – FOD Kanselarij van de Eerste Minister",
            },
            {
                "fr": [
                    "Rapport annuel\nSPF Chancellerie du Premier Ministre\n\nUn peu plus de 140 "
                    "personnes travaillent au Service public fédéral Chancellerie du Premier "
                    "Ministre. Chaque jour, elles soutiennent la fonction de Premier ministre "
                    "dans la direction et la coordination de la politique gouvernementale.",
                    "Sommaire\n\n- Nouveau contrat d'administration\n- Politique de siège\n"
                    "- Pacte national pour les investissements stratégiques\n- Nouveau contrat "
                    "d'exploitation ICT\n- news.belgium.be\n- Événements et protocole\n"
                    "- La Belgique, autrement phénoménale",
                ],
                "nl": [
                    "Jaarverslag\nFOD Kanselarij van de Eerste Minister\n\nIets meer dan 140 "
                    "mensen werken bij de Federale Overheidsdienst Kanselarij van de Eerste "
                    "Minister. Elke dag ondersteunen zij de Eerste Minister bij de leiding en "
                    "de coördinatie van het regeringsbeleid.",
                    "Inhoud\n\n- Nieuwe bestuursovereenkomst\n- Zetelbeleid\n- Nationaal Pact "
                    "voor Strategische Investeringen\n- Nieuw ICT-exploitatiecontract\n"
                    "- news.belgium.be\n- Evenementen en protocol\n- België, anders fenomenaal",
                ],
            },
        ),
        Doc(
            "respiratory-report",
            {
                "fr": "Bulletin hebdomadaire des infections respiratoires",
                "nl": "Wekelijks bulletin luchtweginfecties",
                "en": "Weekly respiratory infections bulletin",
            },
            {
                "fr": [
                    "Bulletin hebdomadaire\nInfections respiratoires aiguës\n\nIncidence "
                    "des syndromes grippaux : 142 consultations pour 100 000 habitants.\n"
                    "Tendance : en hausse.\nHospitalisations : 3,1 pour 100 000 habitants."
                ],
                "nl": [
                    "Wekelijks bulletin\nAcute luchtweginfecties\n\nIncidentie van "
                    "griepaal syndroom: 142 raadplegingen per 100.000 inwoners.\nTrend: "
                    "stijgend.\nZiekenhuisopnames: 3,1 per 100.000 inwoners."
                ],
                "en": [
                    "Weekly bulletin\nAcute respiratory infections\n\nInfluenza-like "
                    "illness: 142 consultations per 100,000 inhabitants.\nTrend: rising.\n"
                    "Hospital admissions: 3.1 per 100,000 inhabitants."
                ],
            },
        ),
        Doc(
            "budget-table",
            {
                "fr": "Contrôle budgétaire – tableau de synthèse",
                "nl": "Begrotingscontrole – overzichtstabel",
            },
            {
                "fr": [
                    "Contrôle budgétaire\nTableau de synthèse (millions d'euros)\n\n"
                    "Recettes fiscales : 152 430\nDépenses primaires : 158 920\n"
                    "Charges d'intérêt : 9 870\nSolde de financement : -16 360"
                ],
                "nl": [
                    "Begrotingscontrole\nOverzichtstabel (miljoen euro)\n\n"
                    "Fiscale ontvangsten: 152.430\nPrimaire uitgaven: 158.920\n"
                    "Rentelasten: 9.870\nVorderingensaldo: -16.360"
                ],
            },
        ),
        Doc(
            "drone-zones",
            {
                "fr": "Carte des zones géographiques UAS",
                "nl": "Kaart van de UAS-zones",
                "en": "Map of UAS geographical zones",
            },
            {
                "fr": [
                    "Zones géographiques UAS\n\nZones interdites : palais royal, "
                    "prisons, centrales nucléaires.\nZones restreintes : aéroports (CTR), "
                    "zones militaires.\nConsultez droneguide.be avant chaque vol."
                ],
                "nl": [
                    "UAS-zones\n\nVerboden zones: koninklijk paleis, gevangenissen, "
                    "kerncentrales.\nBeperkte zones: luchthavens (CTR), militaire zones.\n"
                    "Raadpleeg droneguide.be voor elke vlucht."
                ],
                "en": [
                    "UAS geographical zones\n\nProhibited: royal palace, prisons, "
                    "nuclear power plants.\nRestricted: airports (CTR), military areas.\n"
                    "Check droneguide.be before every flight."
                ],
            },
        ),
    ]
}

PICTURES_BY_KEY = {picture.key: picture for picture in PICTURES}
