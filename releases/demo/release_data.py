"""The demo press releases: what federal communicators publish in an ordinary few months.
Most come in French and Dutch, some also in German or English, a few in one language only."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    title: str
    lead: str
    paragraphs: tuple
    heading: str = ""
    more: tuple = ()
    quote: str = ""


def T(title, lead, *paragraphs, heading="", more=(), quote=""):  # noqa: N802
    return Text(title, lead, tuple(paragraphs), heading, tuple(more), quote)


@dataclass(frozen=True)
class Story:
    key: str
    publisher: str
    days_ago: float
    themes: tuple
    texts: dict
    image: str = ""
    gallery: tuple = ()
    infographic: str = ""
    video: str = ""
    attachment: str = ""
    co_publishers: tuple = ()
    quote_by: str = ""
    links: tuple = field(default_factory=tuple)  # (title, url)


STORIES = [
    Story(
        "news-belgium-launch",
        "chancellery",
        2.2,
        ("institutions", "digital"),
        {
            "fr": T(
                "News.belgium.be fait peau neuve",
                "Le site qui regroupe les communiqués du Conseil des ministres, des institutions "
                "fédérales et des membres du gouvernement est entièrement renouvelé.",
                "News.belgium.be regroupe tous les communiqués du Conseil des ministres ainsi "
                "que ceux des institutions fédérales et des membres du gouvernement fédéral. Il "
                "propose aussi un répertoire de tous les points de contact presse.",
                "Le nouveau site est plus rapide, accessible et lisible sur tous les écrans. Les "
                "communiqués peuvent désormais intégrer photos, infographies, vidéos et galeries.",
                heading="Abonnements et flux",
                more=(
                    "Les journalistes peuvent s'abonner par thème, par source ou par membre du "
                    "gouvernement et choisir de recevoir les communiqués immédiatement, chaque "
                    "jour ou chaque semaine. Chaque liste filtrée dispose de son flux RSS.",
                ),
                quote="Nous voulions aller directement à l'essentiel : le communiqué, ses "
                "contacts et ses documents.",
            ),
            "nl": T(
                "News.belgium.be in een nieuw jasje",
                "De site met de persberichten van de Ministerraad, de federale instellingen en "
                "de regeringsleden is volledig vernieuwd.",
                "News.belgium.be bundelt alle persberichten van de Ministerraad en van de "
                "federale instellingen en regeringsleden. De site bevat ook een overzicht van "
                "alle perscontactpunten.",
                "De nieuwe site is sneller, toegankelijk en leesbaar op elk scherm. Persberichten "
                "kunnen voortaan foto's, infographics, video's en fotogalerijen bevatten.",
                heading="Abonnementen en feeds",
                more=(
                    "Journalisten kunnen zich abonneren per thema, per bron of per regeringslid "
                    "en kiezen of ze de berichten meteen, dagelijks of wekelijks ontvangen. "
                    "Elke gefilterde lijst heeft een eigen RSS-feed.",
                ),
                quote="We wilden meteen naar de kern gaan: het persbericht, de contactpersonen "
                "en de documenten.",
            ),
            "de": T(
                "News.belgium.be im neuen Gewand",
                "Die Website mit den Pressemitteilungen des Ministerrats, der föderalen "
                "Einrichtungen und der Regierungsmitglieder wurde vollständig erneuert.",
                "News.belgium.be bündelt alle Pressemitteilungen des Ministerrats sowie der "
                "föderalen Einrichtungen und der Mitglieder der Föderalregierung.",
                "Die neue Website ist schneller, barrierefrei und auf jedem Bildschirm lesbar. "
                "Pressemitteilungen können nun Fotos, Infografiken, Videos und Galerien enthalten.",
            ),
            "en": T(
                "A new look for news.belgium.be",
                "The site that brings together the press releases of the Council of Ministers, "
                "the federal institutions and the members of the government has been rebuilt.",
                "News.belgium.be publishes every press release of the Council of Ministers, of "
                "the federal institutions and of the members of the federal government, with a "
                "directory of all press contacts.",
                "The new site is faster, accessible and readable on every screen. Releases can "
                "now carry photos, infographics, videos and galleries.",
            ),
        },
        image="news-site",
        quote_by="Équipe Rédaction, DG Communication externe",
    ),
    Story(
        "annual-report",
        "chancellery",
        9.5,
        ("institutions",),
        {
            "fr": T(
                "La Chancellerie publie son rapport annuel",
                "Un nouveau contrat d'administration, la Politique de siège et le suivi du Pacte "
                "national pour les investissements stratégiques marquent l'année écoulée.",
                "Un peu plus de 140 personnes travaillent au SPF Chancellerie du Premier Ministre. "
                "Leur travail quotidien, parfois de fourmi, soutient la direction et la "
                "coordination de la politique gouvernementale.",
                "Le nouveau contrat d'administration, conclu pour trois années civiles, fusionne "
                "deux directions générales en une Direction générale Secrétariats et Coordination "
                "et crée une seule fonction d'encadrement pour les services d'appui.",
            ),
            "nl": T(
                "Kanselarij publiceert haar jaarverslag",
                "Een nieuwe bestuursovereenkomst, het Zetelbeleid en de opvolging van het "
                "Nationaal Pact voor Strategische Investeringen kenmerken het voorbije jaar.",
                "Iets meer dan 140 mensen werken bij de FOD Kanselarij van de Eerste Minister. "
                "Hun dagelijkse, vaak onzichtbare werk ondersteunt de leiding en de coördinatie "
                "van het regeringsbeleid.",
                "De nieuwe bestuursovereenkomst voor drie kalenderjaren voegt twee directies-"
                "generaal samen tot een Directie-generaal Secretariaten en Coördinatie en creëert "
                "één staffunctie voor de ondersteunende diensten.",
            ),
        },
        attachment="annual-report",
    ),
    Story(
        "bastogne-commemoration",
        "chancellery",
        16.1,
        ("institutions", "defence"),
        {
            "fr": T(
                "Commémoration fédérale de la Bataille des Ardennes à Bastogne",
                "La cérémonie au Mémorial du Mardasson était placée sous le signe de la gratitude "
                "envers les vétérans et de la mémoire des victimes.",
                "La Chancellerie a organisé à Bastogne une cérémonie fédérale de commémoration "
                "de la Bataille des Ardennes, en présence de vétérans et de délégations "
                "internationales.",
                "Mobilité, sécurité, logistique, communication et protocole : l'organisation a "
                "mobilisé les Affaires étrangères, l'Intérieur, la Défense, le Palais royal et "
                "les services de police.",
                quote="C'est avant tout une aventure humaine.",
            ),
            "nl": T(
                "Federale herdenking van de Slag om de Ardennen in Bastenaken",
                "De plechtigheid aan het Mardasson-monument stond in het teken van dankbaarheid "
                "jegens de veteranen en van de herinnering aan de slachtoffers.",
                "De Kanselarij organiseerde in Bastenaken een federale herdenking van de Slag om "
                "de Ardennen, in aanwezigheid van veteranen en internationale delegaties.",
                "Mobiliteit, veiligheid, logistiek, communicatie en protocol: Buitenlandse Zaken, "
                "Binnenlandse Zaken, Defensie, het Koninklijk Paleis en de politiediensten "
                "werkten samen.",
                quote="Het is vooral een menselijk avontuur.",
            ),
            "de": T(
                "Föderale Gedenkfeier zur Ardennenoffensive in Bastogne",
                "Die Zeremonie am Mardasson-Denkmal stand im Zeichen der Dankbarkeit gegenüber "
                "den Veteranen und der Erinnerung an die Opfer.",
                "Die Kanzlei organisierte in Bastogne eine föderale Gedenkfeier zur "
                "Ardennenoffensive, in Anwesenheit von Veteranen und internationalen Delegationen.",
            ),
            "en": T(
                "Federal commemoration of the Battle of the Bulge in Bastogne",
                "The ceremony at the Mardasson Memorial honoured the veterans and remembered the "
                "victims and the missing.",
                "The Chancellery organised a federal ceremony in Bastogne to commemorate the "
                "Battle of the Bulge, attended by veterans and international delegations.",
            ),
        },
        gallery=("mardasson-1", "mardasson-2", "mardasson-3"),
        quote_by="Benjamin Goes, Protocole",
    ),
    Story(
        "host-state-policy",
        "chancellery",
        30.3,
        ("foreign-affairs", "institutions"),
        {
            "fr": T(
                "Politique de siège : un point de contact unique pour les organisations "
                "internationales",
                "La Chancellerie coordonne désormais l'accueil des organisations internationales "
                "qui ont leur siège ou une représentation en Belgique.",
                "La Politique de siège concerne l'accueil des organisations internationales "
                "gouvernementales établies en Belgique. Elle fait partie intégrante de la "
                "politique étrangère du pays.",
                "Un guichet unique informe les organisations sur les privilèges, les visas, la "
                "sécurité et l'installation de leur personnel.",
            ),
            "nl": T(
                "Zetelbeleid: één aanspreekpunt voor internationale organisaties",
                "De Kanselarij coördineert voortaan de ontvangst van internationale organisaties "
                "met een zetel of vertegenwoordiging in België.",
                "Het Zetelbeleid betreft de ontvangst van intergouvernementele organisaties die "
                "in België gevestigd zijn. Het maakt integraal deel uit van het buitenlands "
                "beleid.",
                "Eén loket informeert de organisaties over voorrechten, visa, veiligheid en de "
                "vestiging van hun personeel.",
            ),
            "en": T(
                "Host state policy: one point of contact for international organisations",
                "The Chancellery now coordinates the reception of international organisations "
                "with headquarters or a representation in Belgium.",
                "Host state policy covers the reception of intergovernmental organisations based "
                "in Belgium and is an integral part of the country's foreign policy.",
                "A single desk informs organisations about privileges, visas, security and the "
                "settling-in of their staff.",
            ),
        },
        co_publishers=("fps-foreign-affairs",),
    ),
    Story(
        "phenomenal-japan",
        "chancellery",
        44.0,
        ("foreign-affairs", "economy"),
        {
            "fr": T(
                "« La Belgique, autrement phénoménale » accueille des journalistes japonais",
                "Sept journalistes et quatre influenceurs japonais découvrent les trois régions "
                "du pays.",
                "Depuis 2017, la campagne « La Belgique, autrement phénoménale » soutient une "
                "image positive de la Belgique. Ce voyage de presse fait vivre aux invités des "
                "expériences étonnantes et uniques.",
                "La campagne compte déjà plus de 260 articles de presse et ses vidéos ont touché "
                "plus de 44 millions de personnes.",
            ),
            "nl": T(
                "'België, anders fenomenaal' ontvangt Japanse journalisten",
                "Zeven journalisten en vier Japanse influencers ontdekken de drie gewesten.",
                "Sinds 2017 ondersteunt de campagne 'België, anders fenomenaal' een positief "
                "imago van België. Deze persreis laat de gasten verrassende en unieke "
                "ervaringen beleven.",
                "De campagne haalde al meer dan 260 persartikels en de video's bereikten meer dan "
                "44 miljoen mensen.",
            ),
            "en": T(
                "'Belgium, phenomenal in its own way' welcomes Japanese journalists",
                "Seven journalists and four Japanese influencers discover the country's three "
                "regions.",
                "Since 2017 the campaign has supported a positive image of Belgium at home and "
                "abroad. This press trip offers guests surprising and unique experiences.",
            ),
        },
        video="phenomenal",
    ),
    Story(
        "strategic-investments",
        "chancellery",
        58.0,
        ("economy", "finance-taxes"),
        {
            "fr": T(
                "Pacte national pour les investissements stratégiques : état des lieux",
                "Quatre chantiers interfédéraux préparent InvestEU, simplifient le cadre des "
                "grands projets et renforcent les partenariats public-privé.",
                "Le Secrétariat permanent du Pacte suit la mise en œuvre des projets, en "
                "concertation avec le SPF Finances, la Régie des bâtiments et la Fédération des "
                "entreprises de Belgique.",
                "Parmi les projets soutenus : le rail, le réacteur de recherche MYRRHA, le nouveau "
                "bâtiment de Sciensano et l'Institut Von Karman.",
            ),
            "nl": T(
                "Nationaal Pact voor Strategische Investeringen: stand van zaken",
                "Vier interfederale werven bereiden InvestEU voor, vereenvoudigen het kader voor "
                "grote projecten en versterken publiek-private samenwerking.",
                "Het Permanent Secretariaat van het Pact volgt de uitvoering van de projecten op, "
                "samen met de FOD Financiën, de Regie der Gebouwen en het VBO.",
                "Gesteunde projecten zijn onder meer het spoor, de onderzoeksreactor MYRRHA, het "
                "nieuwe gebouw van Sciensano en het Von Karman Instituut.",
            ),
            "en": T(
                "National Pact for Strategic Investments: where we stand",
                "Four interfederal workstreams prepare InvestEU, simplify the rules for major "
                "projects and strengthen public-private partnerships.",
                "The Pact's permanent secretariat monitors the projects with FPS Finance, the "
                "Buildings Agency and the Federation of Belgian Enterprises.",
            ),
        },
        infographic="investments",
    ),
    Story(
        "tax-on-web",
        "fps-finance",
        5.4,
        ("finance-taxes", "digital"),
        {
            "fr": T(
                "Déclaration d'impôt : Tax-on-web est ouvert",
                "Plus de deux tiers des contribuables reçoivent une proposition de déclaration "
                "simplifiée ; les autres peuvent remplir leur déclaration en ligne.",
                "La déclaration préremplie est disponible dans MyMinfin. Vérifiez les données "
                "et complétez-les si nécessaire avant la date limite.",
                "Des séances d'aide au remplissage sont organisées dans les bureaux des Finances, "
                "uniquement sur rendez-vous.",
            ),
            "nl": T(
                "Belastingaangifte: Tax-on-web is open",
                "Meer dan twee derde van de belastingplichtigen krijgt een voorstel van "
                "vereenvoudigde aangifte; de anderen kunnen online aangifte doen.",
                "De vooraf ingevulde aangifte staat klaar in MyMinfin. Controleer de gegevens en "
                "vul ze zo nodig aan vóór de uiterste datum.",
                "In de kantoren van Financiën worden invulsessies georganiseerd, enkel op "
                "afspraak.",
            ),
            "de": T(
                "Steuererklärung: Tax-on-web ist geöffnet",
                "Mehr als zwei Drittel der Steuerpflichtigen erhalten einen Vorschlag einer "
                "vereinfachten Erklärung; die anderen können ihre Erklärung online ausfüllen.",
                "Die vorausgefüllte Erklärung steht in MyMinfin bereit. Prüfen Sie die Angaben "
                "und ergänzen Sie sie bei Bedarf vor Fristablauf.",
            ),
        },
        links=(("MyMinfin", "https://eservices.minfin.fgov.be/myminfin-web/"),),
    ),
    Story(
        "customs-counterfeit",
        "fps-finance",
        12.7,
        ("finance-taxes", "security"),
        {
            "nl": T(
                "Douane onderschept 1,2 miljoen namaakartikelen in de haven van Antwerpen",
                "Speelgoed, parfums en auto-onderdelen zonder veiligheidsgaranties werden uit "
                "de handel genomen.",
                "Bij gerichte controles op containers uit Azië stelde de Algemene Administratie "
                "van Douane en Accijnzen 1,2 miljoen namaakartikelen vast.",
                "Namaakgoederen ontwijken belastingen en vormen vaak een gevaar voor de "
                "gezondheid en de veiligheid van de consument.",
            ),
            "fr": T(
                "La douane intercepte 1,2 million de contrefaçons au port d'Anvers",
                "Jouets, parfums et pièces automobiles sans garantie de sécurité ont été retirés "
                "du marché.",
                "Lors de contrôles ciblés de conteneurs en provenance d'Asie, l'Administration "
                "générale des Douanes et Accises a constaté 1,2 million d'articles contrefaits.",
                "Les contrefaçons échappent à l'impôt et présentent souvent un danger pour la "
                "santé et la sécurité des consommateurs.",
            ),
        },
        image="customs-antwerp",
    ),
    Story(
        "travel-advice",
        "fps-foreign-affairs",
        7.9,
        ("foreign-affairs", "security"),
        {
            "fr": T(
                "Vacances : consultez les conseils aux voyageurs et enregistrez votre voyage",
                "Avant de partir, vérifiez les conseils aux voyageurs et enregistrez-vous sur "
                "Travellers Online.",
                "Les conseils aux voyageurs sont mis à jour en continu pour plus de 190 pays. "
                "Ils renseignent sur la sécurité, la santé et les formalités d'entrée.",
                "En cas de crise, les voyageurs enregistrés peuvent être contactés rapidement "
                "par nos ambassades et consulats.",
            ),
            "nl": T(
                "Vakantie: raadpleeg de reisadviezen en registreer uw reis",
                "Controleer voor vertrek de reisadviezen en registreer u op Travellers Online.",
                "De reisadviezen worden voortdurend bijgewerkt voor meer dan 190 landen. Ze "
                "informeren over veiligheid, gezondheid en binnenkomstformaliteiten.",
                "Bij een crisis kunnen geregistreerde reizigers snel worden gecontacteerd door "
                "onze ambassades en consulaten.",
            ),
            "de": T(
                "Urlaub: Lesen Sie die Reisehinweise und registrieren Sie Ihre Reise",
                "Prüfen Sie vor der Abreise die Reisehinweise und registrieren Sie sich bei "
                "Travellers Online.",
                "Die Reisehinweise werden für mehr als 190 Länder laufend aktualisiert.",
            ),
            "en": T(
                "Holidays: check the travel advice and register your trip",
                "Before leaving, check the travel advice and register on Travellers Online.",
                "Travel advice is updated continuously for more than 190 countries and covers "
                "security, health and entry requirements.",
                "In a crisis, registered travellers can be reached quickly by our embassies and "
                "consulates.",
            ),
        },
        links=(("Travellers Online", "https://travellersonline.diplomatie.be"),),
    ),
    Story(
        "mission-japan",
        "fps-foreign-affairs",
        21.0,
        ("foreign-affairs", "economy"),
        {
            "nl": T(
                "Economische missie naar Japan: 120 Belgische bedrijven in Tokio en Osaka",
                "Life sciences, logistiek en hernieuwbare energie staan centraal.",
                "De missie brengt 120 bedrijven en kennisinstellingen samen met Japanse partners. "
                "Er worden een twintigtal samenwerkingsakkoorden ondertekend.",
                "Japan is de tweede grootste Aziatische handelspartner van België.",
            ),
            "fr": T(
                "Mission économique au Japon : 120 entreprises belges à Tokyo et Osaka",
                "Sciences de la vie, logistique et énergies renouvelables au programme.",
                "La mission réunit 120 entreprises et institutions de recherche avec leurs "
                "partenaires japonais. Une vingtaine d'accords de coopération seront signés.",
                "Le Japon est le deuxième partenaire commercial asiatique de la Belgique.",
            ),
            "en": T(
                "Economic mission to Japan: 120 Belgian companies in Tokyo and Osaka",
                "Life sciences, logistics and renewable energy are at the heart of the mission.",
                "The mission brings 120 companies and research institutions together with "
                "Japanese partners; some twenty cooperation agreements will be signed.",
            ),
        },
        gallery=("mission-japan-1", "mission-japan-2"),
    ),
    Story(
        "flu-vaccination",
        "fps-health",
        3.1,
        ("health",),
        {
            "fr": T(
                "Grippe saisonnière : la vaccination est recommandée dès maintenant",
                "Les personnes de 65 ans et plus, les femmes enceintes, les malades chroniques et "
                "le personnel de santé sont prioritaires.",
                "Le vaccin est disponible en pharmacie sur prescription. Le moment idéal pour se "
                "faire vacciner se situe entre mi-octobre et mi-décembre.",
                "Se faire vacciner protège aussi son entourage et soulage les hôpitaux pendant "
                "l'hiver.",
            ),
            "nl": T(
                "Seizoensgriep: vaccinatie nu aanbevolen",
                "65-plussers, zwangere vrouwen, chronisch zieken en zorgpersoneel krijgen "
                "voorrang.",
                "Het vaccin is op voorschrift verkrijgbaar in de apotheek. Het ideale moment om "
                "u te laten vaccineren ligt tussen half oktober en half december.",
                "Wie zich laat vaccineren, beschermt ook zijn omgeving en ontlast de "
                "ziekenhuizen tijdens de winter.",
            ),
            "de": T(
                "Saisonale Grippe: Impfung ab sofort empfohlen",
                "Menschen ab 65 Jahren, Schwangere, chronisch Kranke und Gesundheitspersonal "
                "haben Vorrang.",
                "Der Impfstoff ist auf Rezept in der Apotheke erhältlich. Der beste Zeitpunkt "
                "liegt zwischen Mitte Oktober und Mitte Dezember.",
            ),
        },
        image="vaccination",
        infographic="flu-coverage",
    ),
    Story(
        "heat-plan",
        "fps-health",
        120.0,
        ("health", "climate-energy"),
        {
            "nl": T(
                "Warmteplan: waarschuwingsfase geactiveerd",
                "Drink voldoende water, vermijd inspanningen tijdens de warmste uren en let op "
                "kwetsbare mensen in uw omgeving.",
                "Het KMI voorspelt maximumtemperaturen boven 30 graden gedurende minstens drie "
                "dagen. De waarschuwingsfase van het warmteplan is daarom geactiveerd.",
                "Ook de ozonconcentraties kunnen de informatiedrempel overschrijden.",
            ),
            "fr": T(
                "Plan canicule : phase d'avertissement activée",
                "Buvez suffisamment d'eau, évitez les efforts aux heures les plus chaudes et "
                "veillez sur les personnes vulnérables de votre entourage.",
                "L'IRM prévoit des maxima supérieurs à 30 degrés pendant au moins trois jours. La "
                "phase d'avertissement du plan canicule est donc activée.",
                "Les concentrations d'ozone peuvent aussi dépasser le seuil d'information.",
            ),
        },
    ),
    Story(
        "respiratory-bulletin",
        "sciensano",
        1.3,
        ("health",),
        {
            "nl": T(
                "Luchtweginfecties: griepepidemie in aantocht",
                "Het aantal raadplegingen voor griepaal syndroom stijgt voor de derde week op rij.",
                "Met 142 raadplegingen per 100.000 inwoners nadert de incidentie de "
                "epidemische drempel. Vooral kinderen onder 15 jaar zijn getroffen.",
                "Het aantal ziekenhuisopnames blijft beperkt maar neemt toe.",
            ),
            "fr": T(
                "Infections respiratoires : l'épidémie de grippe approche",
                "Le nombre de consultations pour syndrome grippal augmente pour la troisième "
                "semaine consécutive.",
                "Avec 142 consultations pour 100 000 habitants, l'incidence approche du seuil "
                "épidémique. Les enfants de moins de 15 ans sont les plus touchés.",
                "Le nombre d'hospitalisations reste limité mais augmente.",
            ),
            "en": T(
                "Respiratory infections: a flu epidemic is approaching",
                "Consultations for influenza-like illness rise for the third week in a row.",
                "At 142 consultations per 100,000 inhabitants, incidence is nearing the "
                "epidemic threshold. Children under 15 are the most affected.",
            ),
        },
        attachment="respiratory-report",
    ),
    Story(
        "health-survey",
        "sciensano",
        66.0,
        ("health",),
        {
            "fr": T(
                "Enquête de santé : un adulte sur trois ne bouge pas assez",
                "Seuls 34 % des adultes atteignent les recommandations d'activité physique.",
                "L'enquête nationale de santé interroge tous les quatre ans plus de 10 000 "
                "personnes sur leur santé, leur mode de vie et leur recours aux soins.",
                "Les écarts entre groupes socio-économiques restent importants.",
            ),
            "nl": T(
                "Gezondheidsenquête: één op drie volwassenen beweegt te weinig",
                "Slechts 34 % van de volwassenen haalt de aanbevelingen voor lichaamsbeweging.",
                "De nationale gezondheidsenquête bevraagt om de vier jaar meer dan 10.000 mensen "
                "over hun gezondheid, levensstijl en zorggebruik.",
                "De verschillen tussen sociaal-economische groepen blijven groot.",
            ),
        },
    ),
    Story(
        "inflation",
        "fps-economy",
        4.0,
        ("economy",),
        {
            "nl": T(
                "Inflatie daalt tot 2,2 %",
                "De lagere energieprijzen drukken de inflatie voor de zesde maand op rij.",
                "De consumptieprijsindex stijgt op jaarbasis met 2,2 %, tegenover 2,4 % vorige "
                "maand. De kerninflatie bedraagt 2,6 %.",
                "De gezondheidsindex, die voor de indexering van lonen en uitkeringen wordt "
                "gebruikt, bedraagt 2,3 %.",
            ),
            "fr": T(
                "L'inflation recule à 2,2 %",
                "La baisse des prix de l'énergie fait reculer l'inflation pour le sixième mois "
                "consécutif.",
                "L'indice des prix à la consommation augmente de 2,2 % sur base annuelle, contre "
                "2,4 % le mois précédent. L'inflation sous-jacente s'établit à 2,6 %.",
                "L'indice santé, utilisé pour l'indexation des salaires et des allocations, "
                "s'élève à 2,3 %.",
            ),
            "en": T(
                "Inflation falls to 2.2%",
                "Lower energy prices pull inflation down for the sixth month in a row.",
                "The consumer price index rises 2.2% year on year, against 2.4% last month. "
                "Core inflation stands at 2.6%.",
            ),
        },
        infographic="inflation",
    ),
    Story(
        "energy-check",
        "fps-economy",
        75.0,
        ("economy", "climate-energy"),
        {
            "fr": T(
                "Comparez votre contrat d'énergie avant l'hiver",
                "Un ménage moyen peut économiser plusieurs centaines d'euros par an en changeant "
                "de fournisseur.",
                "Changer de fournisseur d'électricité ou de gaz est gratuit et se fait sans "
                "coupure. Le nouveau fournisseur se charge des démarches.",
                "Les comparateurs agréés par les régulateurs régionaux sont neutres et gratuits.",
            ),
            "nl": T(
                "Vergelijk uw energiecontract voor de winter",
                "Een gemiddeld gezin kan honderden euro per jaar besparen door van leverancier "
                "te veranderen.",
                "Van elektriciteits- of gasleverancier veranderen is gratis en gebeurt zonder "
                "onderbreking. De nieuwe leverancier regelt alles.",
                "De vergelijkers die door de gewestelijke regulatoren erkend zijn, zijn neutraal "
                "en gratis.",
            ),
        },
    ),
    Story(
        "speed-pedelecs",
        "fps-mobility",
        6.6,
        ("mobility", "security"),
        {
            "nl": T(
                "Nieuwe regels voor speedpedelecs en elektrische steps",
                "Een helm wordt verplicht op speedpedelecs en de leeftijdsgrens voor deelsteps "
                "stijgt naar 16 jaar.",
                "Het aantal ongevallen met elektrische steps is op drie jaar verdubbeld. De "
                "nieuwe regels moeten vooral jonge gebruikers beter beschermen.",
                "Steps mogen niet meer op het voetpad rijden, behalve aan stapvoets tempo.",
            ),
            "fr": T(
                "Nouvelles règles pour les speed pedelecs et les trottinettes électriques",
                "Le casque devient obligatoire en speed pedelec et l'âge minimum pour les "
                "trottinettes partagées passe à 16 ans.",
                "Le nombre d'accidents impliquant des trottinettes a doublé en trois ans. Les "
                "nouvelles règles protègent en priorité les jeunes usagers.",
                "Les trottinettes ne peuvent plus circuler sur le trottoir, sauf au pas.",
            ),
            "de": T(
                "Neue Regeln für S-Pedelecs und E-Scooter",
                "Auf S-Pedelecs wird ein Helm Pflicht, und das Mindestalter für Leih-Scooter "
                "steigt auf 16 Jahre.",
                "Die Zahl der Unfälle mit E-Scootern hat sich in drei Jahren verdoppelt.",
            ),
        },
    ),
    Story(
        "drone-zones",
        "fps-mobility",
        38.0,
        ("mobility", "security"),
        {
            "fr": T(
                "Drones : nouvelle carte des zones géographiques",
                "Avant chaque vol, les télépilotes doivent vérifier les zones interdites et "
                "restreintes.",
                "La carte officielle des zones géographiques UAS est mise à jour. Elle indique "
                "les zones où le vol est interdit ou soumis à autorisation.",
                "Les infractions peuvent entraîner une amende et la saisie du drone.",
            ),
            "nl": T(
                "Drones: nieuwe kaart van de geografische zones",
                "Dronepiloten moeten voor elke vlucht de verboden en beperkte zones controleren.",
                "De officiële kaart van de geografische UAS-zones is bijgewerkt. Ze toont waar "
                "vliegen verboden is of een toelating vereist.",
                "Overtredingen kunnen leiden tot een boete en de inbeslagname van de drone.",
            ),
            "en": T(
                "Drones: new map of geographical zones",
                "Remote pilots must check prohibited and restricted zones before every flight.",
                "The official map of UAS geographical zones has been updated, showing where "
                "flying is prohibited or needs an authorisation.",
            ),
        },
        attachment="drone-zones",
        links=(("Droneguide", "https://www.droneguide.be"),),
    ),
    Story(
        "digital-justice",
        "fps-justice",
        10.2,
        ("justice", "digital"),
        {
            "nl": T(
                "Justitie digitaliseert: elk strafdossier voortaan online raadpleegbaar",
                "Advocaten en rechtzoekenden kunnen het dossier inkijken zonder zich naar de "
                "griffie te verplaatsen.",
                "Via JustOnWeb kunnen partijen hun dossier consulteren en stukken neerleggen. "
                "Dat bespaart tijd en papier.",
                "Tegen het einde van het jaar volgen ook de burgerlijke procedures.",
            ),
            "fr": T(
                "La Justice se numérise : chaque dossier pénal consultable en ligne",
                "Avocats et justiciables peuvent consulter le dossier sans se rendre au greffe.",
                "Via JustOnWeb, les parties consultent leur dossier et déposent leurs pièces. Un "
                "gain de temps et de papier.",
                "Les procédures civiles suivront d'ici la fin de l'année.",
            ),
        },
    ),
    Story(
        "detention-houses",
        "fps-justice",
        95.0,
        ("justice",),
        {
            "fr": T(
                "Trois nouvelles maisons de détention ouvrent leurs portes",
                "Ces petites structures accueillent des détenus condamnés à de courtes peines, "
                "près de leur lieu de vie.",
                "Les maisons de détention comptent chacune une soixantaine de places. Elles "
                "misent sur la réinsertion, le travail et la formation.",
                "Elles contribuent aussi à réduire la surpopulation carcérale.",
            ),
            "nl": T(
                "Drie nieuwe detentiehuizen openen de deuren",
                "Deze kleinschalige huizen vangen gedetineerden met korte straffen op, dicht bij "
                "hun leefomgeving.",
                "De detentiehuizen tellen elk een zestigtal plaatsen. Ze zetten in op re-"
                "integratie, werk en opleiding.",
                "Ze helpen ook de overbevolking in de gevangenissen terug te dringen.",
            ),
        },
    ),
    Story(
        "new-eid",
        "fps-home-affairs",
        13.0,
        ("digital", "security"),
        {
            "fr": T(
                "Une nouvelle carte d'identité électronique plus sûre",
                "La nouvelle eID intègre des éléments de sécurité renforcés et une puce sans "
                "contact.",
                "La carte est délivrée par les communes dès ce mois-ci. Les cartes actuelles "
                "restent valables jusqu'à leur date d'expiration.",
                "Le prix de la carte reste inchangé.",
            ),
            "nl": T(
                "Een nieuwe, veiligere elektronische identiteitskaart",
                "De nieuwe eID bevat versterkte veiligheidskenmerken en een contactloze chip.",
                "De gemeenten reiken de kaart vanaf deze maand uit. De huidige kaarten blijven "
                "geldig tot hun vervaldatum.",
                "De prijs van de kaart blijft ongewijzigd.",
            ),
            "de": T(
                "Ein neuer, sichererer elektronischer Personalausweis",
                "Der neue eID enthält verstärkte Sicherheitsmerkmale und einen kontaktlosen Chip.",
                "Die Gemeinden stellen den Ausweis ab diesem Monat aus. Die aktuellen Ausweise "
                "bleiben bis zu ihrem Ablaufdatum gültig.",
            ),
        },
        image="eid",
    ),
    Story(
        "be-alert-test",
        "fps-home-affairs",
        26.0,
        ("security",),
        {
            "nl": T(
                "Test van de sirenes en BE-Alert op donderdag",
                "Het nucleaire sirenenetwerk en BE-Alert worden getest. U hoeft niets te doen.",
                "Rond de nucleaire sites klinken de sirenes om 12 uur. Inwoners die bij BE-Alert "
                "zijn ingeschreven, krijgen een testbericht.",
                "Schrijf u in op be-alert.be om gewaarschuwd te worden bij een noodsituatie.",
            ),
            "fr": T(
                "Test des sirènes et de BE-Alert ce jeudi",
                "Le réseau de sirènes nucléaires et BE-Alert sont testés. Vous ne devez rien "
                "faire.",
                "Autour des sites nucléaires, les sirènes retentiront à midi. Les habitants "
                "inscrits à BE-Alert recevront un message de test.",
                "Inscrivez-vous sur be-alert.be pour être averti en cas d'urgence.",
            ),
            "de": T(
                "Test der Sirenen und von BE-Alert am Donnerstag",
                "Das nukleare Sirenennetz und BE-Alert werden getestet. Sie müssen nichts tun.",
                "Rund um die nuklearen Standorte ertönen die Sirenen um 12 Uhr.",
            ),
            "en": T(
                "Sirens and BE-Alert tested on Thursday",
                "The nuclear siren network and BE-Alert are being tested. You need do nothing.",
                "Around the nuclear sites the sirens will sound at noon. Residents registered "
                "with BE-Alert will receive a test message.",
            ),
        },
        video="be-alert",
    ),
    Story(
        "heat-construction",
        "fps-employment",
        110.0,
        ("employment", "health"),
        {
            "fr": T(
                "Chaleur : l'inspection du travail contrôle les chantiers",
                "Pauses, eau potable et protection solaire : les employeurs doivent adapter le "
                "travail aux fortes chaleurs.",
                "Le Contrôle du bien-être au travail mène une action ciblée sur les chantiers de "
                "construction pendant les périodes de forte chaleur.",
                "Au-delà de certaines températures, l'employeur doit prévoir des mesures "
                "collectives et individuelles.",
            ),
            "nl": T(
                "Hitte: arbeidsinspectie controleert bouwwerven",
                "Pauzes, drinkwater en zonbescherming: werkgevers moeten het werk aanpassen aan "
                "de hitte.",
                "Het Toezicht op het Welzijn op het Werk voert een gerichte actie op bouwwerven "
                "tijdens periodes van grote hitte.",
                "Boven bepaalde temperaturen moet de werkgever collectieve en individuele "
                "maatregelen nemen.",
            ),
        },
    ),
    Story(
        "road-safety-weekend",
        "federal-police",
        2.9,
        ("security", "mobility"),
        {
            "nl": T(
                "Verkeersveiligheid: 1.850 snelheidsovertreders betrapt tijdens het weekend",
                "De wegpolitie controleerde meer dan 60.000 voertuigen op de autosnelwegen.",
                "Tijdens de actie werden ook 112 bestuurders onder invloed van alcohol of drugs "
                "uit het verkeer genomen.",
                "De controles gaan de komende weken door.",
            ),
            "fr": T(
                "Sécurité routière : 1 850 excès de vitesse constatés ce week-end",
                "La police de la route a contrôlé plus de 60 000 véhicules sur les autoroutes.",
                "Lors de l'action, 112 conducteurs sous l'influence d'alcool ou de drogues ont "
                "aussi été retirés de la circulation.",
                "Les contrôles se poursuivront dans les semaines à venir.",
            ),
        },
        image="speed-check",
    ),
    Story(
        "police-recruitment",
        "federal-police",
        52.0,
        ("security", "employment"),
        {
            "fr": T(
                "La police recrute 1 600 inspecteurs et inspectrices",
                "Les candidatures sont ouvertes pour les formations qui débutent au printemps.",
                "La police intégrée recherche des profils variés : inspecteurs, spécialistes "
                "IT, enquêteurs financiers et personnel administratif.",
                "La formation est rémunérée dès le premier jour.",
            ),
            "nl": T(
                "Politie werft 1.600 inspecteurs en inspectrices aan",
                "De kandidaturen staan open voor de opleidingen die in de lente starten.",
                "De geïntegreerde politie zoekt uiteenlopende profielen: inspecteurs, IT-"
                "specialisten, financiële speurders en administratief personeel.",
                "De opleiding wordt vanaf de eerste dag betaald.",
            ),
            "de": T(
                "Die Polizei stellt 1.600 Inspektorinnen und Inspektoren ein",
                "Bewerbungen für die im Frühjahr beginnenden Ausbildungen sind ab sofort möglich.",
                "Die Ausbildung wird vom ersten Tag an vergütet.",
            ),
        },
        video="police-jobs",
    ),
    Story(
        "reception-capacity",
        "fedasil",
        8.2,
        ("asylum-migration",),
        {
            "nl": T(
                "Opvangnetwerk: 1.200 extra plaatsen tegen het einde van de maand",
                "Nieuwe centra openen in Brussel, Wallonië en Vlaanderen.",
                "Het opvangnetwerk telt momenteel ongeveer 35.000 plaatsen en is vrijwel "
                "volzet. De bijkomende plaatsen verminderen de druk op het aanmeldcentrum.",
                "Fedasil werkt daarvoor samen met het Rode Kruis, OCMW's en private partners.",
            ),
            "fr": T(
                "Réseau d'accueil : 1 200 places supplémentaires d'ici la fin du mois",
                "De nouveaux centres ouvrent à Bruxelles, en Wallonie et en Flandre.",
                "Le réseau compte actuellement environ 35 000 places et est quasi saturé. Les "
                "places supplémentaires soulagent le centre d'arrivée.",
                "Fedasil collabore pour cela avec la Croix-Rouge, les CPAS et des partenaires "
                "privés.",
            ),
            "en": T(
                "Reception network: 1,200 additional places by the end of the month",
                "New centres open in Brussels, Wallonia and Flanders.",
                "The network currently counts about 35,000 places and is nearly full.",
            ),
        },
    ),
    Story(
        "pm-european-council",
        "sophie-wauters",
        1.8,
        ("foreign-affairs", "institutions"),
        {
            "fr": T(
                "Conseil européen : la Première ministre plaide pour une Europe plus compétitive",
                "Énergie abordable, marché unique des capitaux et simplification "
                "administrative étaient au cœur des discussions.",
                "La Première ministre a défendu une réduction rapide des charges administratives "
                "pour les entreprises et un marché européen de l'énergie mieux intégré.",
                "Les chefs d'État et de gouvernement ont également fait le point sur le soutien "
                "à l'Ukraine.",
                quote="L'Europe doit être un lieu où il est simple d'entreprendre et d'innover.",
            ),
            "nl": T(
                "Europese Raad: eerste minister pleit voor een competitiever Europa",
                "Betaalbare energie, een eengemaakte kapitaalmarkt en administratieve "
                "vereenvoudiging stonden centraal.",
                "De eerste minister verdedigde een snelle vermindering van de administratieve "
                "lasten voor bedrijven en een beter geïntegreerde Europese energiemarkt.",
                "De staatshoofden en regeringsleiders maakten ook een stand van zaken op over de "
                "steun aan Oekraïne.",
                quote="Europa moet een plek zijn waar ondernemen en innoveren eenvoudig is.",
            ),
            "en": T(
                "European Council: the Prime Minister calls for a more competitive Europe",
                "Affordable energy, a capital markets union and administrative simplification "
                "were at the heart of the talks.",
                "The Prime Minister argued for a swift cut in red tape for businesses and a "
                "better integrated European energy market.",
                quote="Europe must be a place where it is simple to start a business and innovate.",
            ),
        },
        image="press-room",
        quote_by="Sophie Wauters",
    ),
    Story(
        "budget-control",
        "koen-vermeulen",
        11.0,
        ("finance-taxes",),
        {
            "nl": T(
                "Begrotingscontrole: tekort daalt met 1,4 miljard euro",
                "De regering houdt vast aan het traject naar een tekort onder 3 % van het bbp.",
                "De bijsturing combineert besparingen in de werking van de overheid met een "
                "strengere strijd tegen fiscale fraude.",
                "De lasten op arbeid worden niet verhoogd.",
                quote="We doen wat we beloofd hebben: de rekeningen op orde, zonder de werkende "
                "mensen te raken.",
            ),
            "fr": T(
                "Contrôle budgétaire : le déficit réduit de 1,4 milliard d'euros",
                "Le gouvernement maintient la trajectoire vers un déficit inférieur à 3 % du PIB.",
                "L'ajustement combine des économies dans le fonctionnement de l'État et une "
                "lutte renforcée contre la fraude fiscale.",
                "Les charges sur le travail ne sont pas augmentées.",
                quote="Nous faisons ce que nous avions promis : des comptes en ordre, sans "
                "toucher à ceux qui travaillent.",
            ),
        },
        attachment="budget-table",
        quote_by="Koen Vermeulen",
        co_publishers=("bart-van-den-broeck",),
    ),
    Story(
        "medicine-shortages",
        "nathalie-lambert",
        15.5,
        ("health",),
        {
            "fr": T(
                "Pénuries de médicaments : un plan en dix mesures",
                "Stocks stratégiques, signalement obligatoire et production européenne doivent "
                "limiter les ruptures.",
                "Les firmes pharmaceutiques devront signaler toute pénurie prévisible six mois "
                "à l'avance. L'AFMPS pourra imposer un stock de sécurité pour les médicaments "
                "essentiels.",
                "La Belgique plaide aussi au niveau européen pour relocaliser la production de "
                "principes actifs.",
            ),
            "nl": T(
                "Geneesmiddelentekorten: een plan met tien maatregelen",
                "Strategische voorraden, verplichte melding en Europese productie moeten "
                "onbeschikbaarheden beperken.",
                "Farmaceutische bedrijven moeten een voorzienbaar tekort zes maanden vooraf "
                "melden. Het FAGG kan een veiligheidsvoorraad opleggen voor essentiële "
                "geneesmiddelen.",
                "België pleit ook op Europees niveau voor het terughalen van de productie van "
                "werkzame stoffen.",
            ),
        },
        co_publishers=("fps-health",),
    ),
    Story(
        "rail-contract",
        "thomas-peeters",
        19.0,
        ("mobility",),
        {
            "nl": T(
                "Nieuw openbaredienstcontract: meer treinen, stiptere treinen",
                "Het contract met de NMBS voorziet 10 % meer treinaanbod tegen het einde van de "
                "legislatuur.",
                "Het contract legt doelstellingen vast voor stiptheid, toegankelijkheid van de "
                "stations en informatie aan de reizigers.",
                "Infrabel investeert tegelijk in de capaciteit rond Brussel.",
            ),
            "fr": T(
                "Nouveau contrat de service public : plus de trains, plus ponctuels",
                "Le contrat avec la SNCB prévoit 10 % d'offre en plus d'ici la fin de la "
                "législature.",
                "Le contrat fixe des objectifs de ponctualité, d'accessibilité des gares et "
                "d'information aux voyageurs.",
                "Infrabel investit parallèlement dans la capacité autour de Bruxelles.",
            ),
        },
        image="rail",
        co_publishers=("fps-mobility",),
    ),
    Story(
        "energy-island",
        "jan-goossens",
        24.0,
        ("climate-energy",),
        {
            "nl": T(
                "Prinses Elisabetheiland: eerste caissons geplaatst",
                "Het eerste kunstmatige energie-eiland ter wereld krijgt vorm in de Noordzee.",
                "Het eiland zal de stroom van nieuwe offshore windparken bundelen en naar het "
                "vasteland brengen. Het verbindt België ook met het Verenigd Koninkrijk en "
                "Denemarken.",
                "Het eiland is een sleutelproject voor de energiezekerheid van het land.",
            ),
            "fr": T(
                "Île Princesse Elisabeth : les premiers caissons sont posés",
                "La première île énergétique artificielle au monde prend forme en mer du Nord.",
                "L'île regroupera l'électricité des nouveaux parcs éoliens en mer et "
                "l'acheminera vers la côte. Elle reliera aussi la Belgique au Royaume-Uni et au "
                "Danemark.",
                "L'île est un projet clé pour la sécurité d'approvisionnement du pays.",
            ),
            "en": T(
                "Princess Elisabeth Island: first caissons in place",
                "The world's first artificial energy island is taking shape in the North Sea.",
                "The island will collect power from new offshore wind farms and bring it ashore, "
                "and connect Belgium with the United Kingdom and Denmark.",
            ),
        },
        gallery=("offshore-1", "offshore-2", "offshore-3"),
        video="energy-island",
    ),
    Story(
        "digital-mailbox",
        "wouter-maes",
        33.0,
        ("digital",),
        {
            "nl": T(
                "Eén digitale brievenbus voor alle post van de overheid",
                "Via myGov.be ontvangen burgers hun officiële documenten op één plek.",
                "Belastingbrieven, pensioenberekeningen en attesten komen voortaan in één "
                "beveiligde brievenbus terecht. Wie dat wenst, blijft papieren post ontvangen.",
                "De app is toegankelijk met itsme en de eID.",
            ),
            "fr": T(
                "Une seule boîte aux lettres numérique pour le courrier des autorités",
                "Via myGov.be, les citoyens reçoivent leurs documents officiels au même endroit.",
                "Courriers fiscaux, calculs de pension et attestations arrivent désormais dans "
                "une boîte sécurisée. Qui le souhaite continue à recevoir du courrier papier.",
                "L'application est accessible avec itsme et l'eID.",
            ),
            "de": T(
                "Ein einziger digitaler Briefkasten für die Post der Behörden",
                "Über myGov.be erhalten Bürgerinnen und Bürger ihre amtlichen Dokumente an einem "
                "Ort.",
                "Wer es wünscht, erhält weiterhin Post auf Papier.",
            ),
        },
    ),
    Story(
        "f35-arrival",
        "amelie-renard",
        47.0,
        ("defence",),
        {
            "fr": T(
                "Les premiers F-35 belges atterrissent à Florennes",
                "Les nouveaux avions de combat remplaceront progressivement les F-16.",
                "La base de Florennes accueille les premiers appareils après la formation des "
                "pilotes aux États-Unis. Kleine-Brogel suivra.",
                "Les infrastructures des deux bases ont été adaptées pour les nouveaux avions.",
            ),
            "nl": T(
                "Eerste Belgische F-35's landen in Florennes",
                "De nieuwe gevechtsvliegtuigen vervangen geleidelijk de F-16's.",
                "De basis van Florennes ontvangt de eerste toestellen na de opleiding van de "
                "piloten in de Verenigde Staten. Kleine-Brogel volgt.",
                "De infrastructuur van beide basissen werd aangepast voor de nieuwe toestellen.",
            ),
            "en": T(
                "Belgium's first F-35s land at Florennes",
                "The new fighter jets will gradually replace the F-16s.",
                "Florennes air base receives the first aircraft after pilot training in the "
                "United States; Kleine-Brogel will follow.",
            ),
        },
        image="f35",
    ),
    Story(
        "asylum-figures",
        "ines-hamdi",
        28.0,
        ("asylum-migration",),
        {
            "fr": T(
                "Asile : les demandes en baisse de 12 % sur un an",
                "La durée de traitement des dossiers par le CGRA est ramenée à six mois en "
                "moyenne.",
                "Le nombre de demandes de protection internationale diminue pour le quatrième "
                "trimestre consécutif.",
                "Le retour volontaire est renforcé, en collaboration avec Fedasil.",
            ),
            "nl": T(
                "Asiel: aanvragen dalen met 12 % op jaarbasis",
                "De behandelingsduur bij het CGVS daalt tot gemiddeld zes maanden.",
                "Het aantal verzoeken om internationale bescherming daalt voor het vierde "
                "kwartaal op rij.",
                "De vrijwillige terugkeer wordt versterkt, in samenwerking met Fedasil.",
            ),
        },
        co_publishers=("fedasil",),
    ),
    Story(
        "pension-bonus",
        "helene-marchal",
        40.0,
        ("social-affairs",),
        {
            "nl": T(
                "Pensioenbonus: wie langer werkt, krijgt een hoger pensioen",
                "Voor elk bijkomend gewerkt jaar na de vervroegde pensioenleeftijd stijgt het "
                "pensioen.",
                "De bonus wordt automatisch berekend door de Federale Pensioendienst. Werknemers "
                "kunnen hun simulatie raadplegen op mypension.be.",
                "De maatregel geldt voor werknemers, zelfstandigen en ambtenaren.",
            ),
            "fr": T(
                "Bonus pension : travailler plus longtemps augmente la pension",
                "Chaque année supplémentaire travaillée après l'âge de la pension anticipée "
                "augmente la pension.",
                "Le bonus est calculé automatiquement par le Service fédéral des Pensions. Les "
                "travailleurs peuvent consulter leur simulation sur mypension.be.",
                "La mesure vaut pour les salariés, les indépendants et les fonctionnaires.",
            ),
        },
        links=(("mypension.be", "https://www.mypension.be"),),
    ),
    Story(
        "development-cooperation",
        "celine-gilson",
        55.0,
        ("foreign-affairs",),
        {
            "fr": T(
                "Coopération au développement : 25 millions d'euros pour la santé au Sahel",
                "Le soutien vise les soins de santé primaires et la vaccination des enfants.",
                "Le programme est mis en œuvre par Enabel avec les ministères de la Santé du "
                "Burkina Faso, du Mali et du Niger.",
                "Il renforce aussi la formation des sages-femmes.",
            ),
            "nl": T(
                "Ontwikkelingssamenwerking: 25 miljoen euro voor gezondheid in de Sahel",
                "De steun gaat naar eerstelijnszorg en de vaccinatie van kinderen.",
                "Het programma wordt uitgevoerd door Enabel met de ministeries van Volks"
                "gezondheid van Burkina Faso, Mali en Niger.",
                "Het versterkt ook de opleiding van vroedvrouwen.",
            ),
            "de": T(
                "Entwicklungszusammenarbeit: 25 Millionen Euro für die Gesundheit im Sahel",
                "Die Unterstützung gilt der Primärversorgung und der Impfung von Kindern.",
                "Das Programm wird von Enabel umgesetzt.",
            ),
        },
    ),
    Story(
        "rail-noise",
        "marc-leroy",
        640.0,
        ("mobility",),
        {
            "fr": T(
                "Bruit ferroviaire : des écrans antibruit le long de 40 kilomètres de voies",
                "Les riverains des lignes les plus fréquentées seront mieux protégés.",
                "Infrabel installera des écrans antibruit et des rails plus silencieux sur les "
                "tronçons prioritaires.",
            ),
            "nl": T(
                "Spoorlawaai: geluidsschermen langs 40 kilometer spoor",
                "Omwonenden van de drukste lijnen worden beter beschermd.",
                "Infrabel plaatst geluidsschermen en stillere sporen op de prioritaire trajecten.",
            ),
        },
    ),
    Story(
        "eid-middleware",
        "fedict",
        3300.0,
        ("digital",),
        {
            "fr": T(
                "Nouveau logiciel eID disponible",
                "La nouvelle version du logiciel eID prend en charge les derniers systèmes "
                "d'exploitation.",
                "Le logiciel permet d'utiliser la carte d'identité électronique pour se "
                "connecter aux services en ligne et signer des documents.",
            ),
            "nl": T(
                "Nieuwe eID-software beschikbaar",
                "De nieuwe versie van de eID-software ondersteunt de recentste besturingssystemen.",
                "Met de software kunt u de elektronische identiteitskaart gebruiken om aan te "
                "melden bij onlinediensten en documenten te ondertekenen.",
            ),
        },
    ),
    # One language only.
    Story(
        "melsbroek-open-day",
        "federal-police",
        14.0,
        ("security",),
        {
            "nl": T(
                "Opendeurdag bij de luchtsteun van de federale politie in Melsbroek",
                "Bezoekers maken kennis met de helikopters en drones van de politie.",
                "De Directie luchtsteun opent zaterdag haar hangars. Piloten en technici "
                "vertellen over hun opdrachten, van opsporing tot verkeersbewaking.",
            ),
        },
    ),
    Story(
        "job-fair",
        "fps-employment",
        18.0,
        ("employment",),
        {
            "fr": T(
                "Salon de l'emploi fédéral à Namur",
                "Une trentaine d'employeurs publics présentent plus de 500 postes vacants.",
                "Le salon est ouvert à tous, avec ou sans expérience. Des ateliers CV et "
                "entretien d'embauche sont organisés toute la journée.",
            ),
        },
    ),
    Story(
        "eupen-info",
        "fps-home-affairs",
        35.0,
        ("security",),
        {
            "de": T(
                "Informationsabend zur Notfallplanung in Eupen",
                "Bürgerinnen und Bürger erfahren, wie sie bei einem Notfall gewarnt werden.",
                "Der Abend stellt BE-Alert, die Sirenen und die Notfallpläne der Gemeinden vor. "
                "Der Eintritt ist frei.",
            ),
        },
    ),
    Story(
        "nato-conference",
        "fps-foreign-affairs",
        62.0,
        ("foreign-affairs", "defence"),
        {
            "en": T(
                "Brussels hosts conference on resilience of critical infrastructure",
                "Experts from 32 countries discuss the protection of undersea cables and "
                "energy networks.",
                "The conference, organised with NATO and the European Union, focuses on "
                "information sharing between governments and operators.",
            ),
        },
    ),
]
