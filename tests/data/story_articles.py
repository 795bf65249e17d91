"""Hand-written articles in the four sites' style: the raw material of the labelled story pairs.

Each bilingual article has an English and a French version written as the sites translate
(same facts, numbers and names; French a little longer). Siblings are other articles on the
same subject, for the hard negatives. `make_story_pairs.py` turns them into labelled pairs.
"""

from __future__ import annotations

# (key, source, date, image, title_en, body_en, title_fr, body_fr)
BILINGUAL = [
    (
        "celac-letter",
        "platforma",
        "2023-07-07",
        "",
        "EU-CELAC Summit: towns and regions ask for a follow-up mechanism",
        "PLATFORMA and CEMR wrote on 6 July to the heads of state of the European Union and "
        "of the 33 CELAC countries. The joint letter, signed by 14 networks, asks for a "
        "permanent space where local governments, civil society and trade unions can follow "
        "the summit's roadmap. The summit meets in Brussels on 17 and 18 July 2023, the first "
        "in eight years. Decentralised cooperation between Europe and Latin America already "
        "links more than 1,200 municipalities, the letter recalls. The signatories want the "
        "mechanism funded through the Global Gateway budget.",
        "Sommet UE-CELAC : les villes et régions demandent un mécanisme de suivi",
        "PLATFORMA et le CCRE ont écrit le 6 juillet aux chefs d’État de l’Union européenne "
        "et des 33 pays de la CELAC. La lettre commune, signée par 14 réseaux, demande un "
        "espace permanent où les gouvernements locaux, la société civile et les syndicats "
        "pourront suivre la feuille de route du sommet. Le sommet se réunit à Bruxelles les "
        "17 et 18 juillet 2023, une première depuis huit ans. La coopération décentralisée "
        "entre l’Europe et l’Amérique latine relie déjà plus de 1 200 municipalités, rappelle "
        "la lettre. Les signataires souhaitent que le mécanisme soit financé par le budget "
        "Global Gateway.",
    ),
    (
        "ogp-27-members",
        "ogp",
        "2026-10-28",
        "/uploads/2026/10/new-locals.jpg",
        "OGP Welcomes 27 New Local Members",
        "The Open Government Partnership today welcomed 27 new local members from 19 "
        "countries. Among them are Kisumu in Kenya, Curitiba in Brazil and Lviv in Ukraine. "
        "Each new member will co-create a first action plan with civil society within 12 "
        "months. With this cohort, OGP Local counts 183 members across six continents. "
        "Applications for the next intake open in March 2027.",
        "OGP accueille 27 nouveaux membres locaux",
        "Le Partenariat pour un gouvernement ouvert a accueilli aujourd’hui 27 nouveaux "
        "membres locaux issus de 19 pays. Parmi eux figurent Kisumu au Kenya, Curitiba au "
        "Brésil et Lviv en Ukraine. Chaque nouveau membre élaborera avec la société civile un "
        "premier plan d’action dans un délai de 12 mois. Avec cette cohorte, OGP Local compte "
        "183 membres sur six continents. Les candidatures pour la prochaine vague ouvriront "
        "en mars 2027.",
    ),
    (
        "cohesion-2026",
        "cemr",
        "2026-11-18",
        "/uploads/2026/11/cohesion-alliance.jpg",
        "Cohesion policy: towns and regions mobilise as budget talks begin",
        "As negotiations on the 2028-2034 EU budget start, CEMR and the #CohesionAlliance "
        "call on the Council to keep a strong, place-based cohesion policy. More than 12,000 "
        "signatories have backed the Alliance's declaration since 2018. CEMR President "
        "Carola Gunnarsson warned that merging cohesion funds into national plans would cut "
        "local authorities out of decisions. A mobilisation day is planned in Brussels on "
        "9 December.",
        "Politique de cohésion : les villes et régions se mobilisent à l’ouverture des "
        "négociations budgétaires",
        "Alors que s’ouvrent les négociations sur le budget de l’UE 2028-2034, le CCRE et la "
        "#CohesionAlliance appellent le Conseil à maintenir une politique de cohésion forte "
        "et territorialisée. Plus de 12 000 signataires ont soutenu la déclaration de "
        "l’Alliance depuis 2018. La présidente du CCRE, Carola Gunnarsson, a averti que "
        "fondre les fonds de cohésion dans des plans nationaux écarterait les collectivités "
        "des décisions. Une journée de mobilisation est prévue à Bruxelles le 9 décembre.",
    ),
    (
        "daejeon-congress",
        "uclg",
        "2022-10-14",
        "",
        "Daejeon: the 7th UCLG World Congress shapes the future of local governments",
        "More than 5,000 participants from 140 countries gathered in Daejeon from 10 to 14 "
        "October for the 7th UCLG World Congress. The Pact for the Future of Humanity, "
        "adopted on the last day, rests on three axes: people, planet and government. Mayor "
        "Jang-woo Lee of Daejeon handed over to the next host city. The Congress also "
        "elected Mohamed Boudra's successors to the UCLG Presidency for 2022-2026.",
        "Daejeon : le 7e Congrès mondial de CGLU dessine l’avenir des gouvernements locaux",
        "Plus de 5 000 participants venus de 140 pays se sont réunis à Daejeon du 10 au 14 "
        "octobre pour le 7e Congrès mondial de CGLU. Le Pacte pour l’avenir de l’humanité, "
        "adopté le dernier jour, repose sur trois axes : les personnes, la planète et le "
        "gouvernement. Le maire de Daejeon, Jang-woo Lee, a passé le relais à la prochaine "
        "ville hôte. Le Congrès a également élu les successeurs de Mohamed Boudra à la "
        "présidence de CGLU pour 2022-2026.",
    ),
    (
        "edls-2026",
        "platforma",
        "2026-11-05",
        "",
        "EDLS 2026: a record 160 events for the European Days of Local Solidarity",
        "This year's European Days of Local Solidarity counted 160 events in 21 countries, "
        "from school exchanges in Lille to a partnership fair in Kraków. Since the first "
        "edition in 2018, towns and regions have used EDLS to show citizens what "
        "decentralised cooperation achieves. PLATFORMA thanks the 48 local and regional "
        "governments that took part and will publish a photo report in December.",
        "JESL 2026 : un record de 160 événements pour les Journées européennes de la "
        "solidarité locale",
        "Les Journées européennes de la solidarité locale ont compté cette année 160 "
        "événements dans 21 pays, des échanges scolaires à Lille à une foire aux "
        "partenariats à Kraków. Depuis la première édition en 2018, les villes et régions "
        "utilisent les JESL pour montrer aux citoyens ce que permet la coopération "
        "décentralisée. PLATFORMA remercie les 48 collectivités locales et régionales qui y "
        "ont participé et publiera un reportage photo en décembre.",
    ),
    (
        "beneficial-ownership",
        "ogp",
        "2024-04-16",
        "/uploads/2024/04/bo-report.jpg",
        "New OGP Report: Beneficial Ownership Transparency Gains Ground",
        "A new OGP report finds that 42 members have made commitments on beneficial "
        "ownership transparency since 2016. Nigeria, Armenia and Slovakia now publish "
        "registers that anyone can search. The report, prepared with Open Ownership, counts "
        "87 commitments, of which 31 show major early results. It recommends linking "
        "registers to public procurement data.",
        "Nouveau rapport d’OGP : la transparence sur la propriété effective progresse",
        "Un nouveau rapport d’OGP constate que 42 membres ont pris des engagements sur la "
        "transparence de la propriété effective depuis 2016. Le Nigeria, l’Arménie et la "
        "Slovaquie publient désormais des registres consultables par tous. Le rapport, "
        "préparé avec Open Ownership, recense 87 engagements, dont 31 montrent des résultats "
        "importants dès le départ. Il recommande de relier les registres aux données des "
        "marchés publics.",
    ),
    (
        "ukraine-berlin",
        "cemr",
        "2024-06-13",
        "/uploads/2024/06/urc2024.jpg",
        "Ukraine Recovery Conference in Berlin: municipal partnerships in the spotlight",
        "At the Ukraine Recovery Conference in Berlin on 11 and 12 June, CEMR and the "
        "Association of Ukrainian Cities presented 560 partnerships between European and "
        "Ukrainian municipalities. Mayor Ihor Terekhov of Kharkiv asked for direct access to "
        "reconstruction funds. CEMR Secretary General Fabrizio Rossi called for a "
        "multilevel platform so that the Ukraine Facility's €50 billion reaches local "
        "projects.",
        "Conférence sur le redressement de l’Ukraine à Berlin : les partenariats municipaux "
        "à l’honneur",
        "Lors de la Conférence sur le redressement de l’Ukraine à Berlin les 11 et 12 juin, "
        "le CCRE et l’Association des villes ukrainiennes ont présenté 560 partenariats "
        "entre municipalités européennes et ukrainiennes. Le maire de Kharkiv, Ihor "
        "Terekhov, a demandé un accès direct aux fonds de reconstruction. Le secrétaire "
        "général du CCRE, Fabrizio Rossi, a appelé à une plateforme multiniveau pour que les "
        "50 milliards d’euros de la Facilité pour l’Ukraine atteignent les projets locaux.",
    ),
    (
        "hlpf-2026",
        "uclg",
        "2026-07-16",
        "",
        "HLPF 2026: the Local and Regional Governments' Forum takes stock four years from 2030",
        "On 14 July in New York, the Local and Regional Governments' Forum gathered 300 "
        "mayors and officials on the margins of the High-Level Political Forum. Twenty-two "
        "Voluntary Local Reviews were presented, bringing the total to 312 since 2018. UCLG "
        "Secretary General Emilia Saiz stressed that 65% of the SDG targets cannot be met "
        "without local governments.",
        "FPHN 2026 : le Forum des gouvernements locaux et régionaux fait le point à quatre "
        "ans de 2030",
        "Le 14 juillet à New York, le Forum des gouvernements locaux et régionaux a réuni "
        "300 maires et responsables en marge du Forum politique de haut niveau. Vingt-deux "
        "examens locaux volontaires ont été présentés, ce qui porte le total à 312 depuis "
        "2018. La secrétaire générale de CGLU, Emilia Saiz, a souligné que 65 % des cibles "
        "des ODD ne peuvent être atteintes sans les gouvernements locaux.",
    ),
    (
        "platformawards-2025",
        "platforma",
        "2025-06-05",
        "",
        "PLATFORMAwards 2025: meet the winners rewarded for their partnerships",
        "The jury of the PLATFORMAwards 2025 chose four winners among 37 applications. The "
        "Province of Barcelona and the city of Saint-Louis in Senegal won the climate "
        "category for their joint flood early-warning system. Ghent and Santa Tecla were "
        "rewarded for youth participation. The awards were handed over in Brussels on 3 June "
        "during the PLATFORMA annual forum.",
        "PLATFORMAwards 2025 : découvrez les lauréats récompensés pour leurs partenariats",
        "Le jury des PLATFORMAwards 2025 a retenu quatre lauréats parmi 37 candidatures. La "
        "province de Barcelone et la ville de Saint-Louis au Sénégal ont remporté la "
        "catégorie climat pour leur système commun d’alerte précoce aux inondations. Gand et "
        "Santa Tecla ont été récompensées pour la participation des jeunes. Les prix ont été "
        "remis à Bruxelles le 3 juin lors du forum annuel de PLATFORMA.",
    ),
    (
        "womens-day-2025",
        "uclg",
        "2025-03-07",
        "",
        "UCLG statement for International Women's Day 2025: thirty years after Beijing",
        "Thirty years after the Beijing Declaration, women hold only 27% of seats in local "
        "councils worldwide. On 8 March, UCLG and its Standing Committee on Gender Equality "
        "call for parity laws, safe public spaces and gender budgeting in every city. Mayor "
        "Fatimetou Abdel Malick of Nouakchott recalled that the 1995 platform named local "
        "governments as key actors.",
        "Déclaration de CGLU pour la Journée internationale des femmes 2025 : trente ans "
        "après Pékin",
        "Trente ans après la Déclaration de Pékin, les femmes n’occupent que 27 % des sièges "
        "des conseils locaux dans le monde. Le 8 mars, CGLU et sa Commission permanente pour "
        "l’égalité des genres appellent à des lois sur la parité, à des espaces publics sûrs "
        "et à une budgétisation sensible au genre dans chaque ville. La maire de Nouakchott, "
        "Fatimetou Abdel Malick, a rappelé que la plateforme de 1995 désignait les "
        "gouvernements locaux comme acteurs clés.",
    ),
    (
        "civic-space",
        "ogp",
        "2026-03-05",
        "",
        "Civic Space Is the Foundation of Open Government",
        "Open government cannot work where activists and journalists are threatened. A "
        "survey of 75 OGP members shows that 18 restricted freedom of assembly in 2025. The "
        "OGP Steering Committee adopted new guidance on 2 March, asking members to include "
        "at least one civic space commitment in each action plan. Civil society co-chair "
        "Aidan Eyakuze welcomed the decision.",
        "L’espace civique, fondement du gouvernement ouvert",
        "Le gouvernement ouvert ne peut pas fonctionner là où militants et journalistes sont "
        "menacés. Une enquête auprès de 75 membres d’OGP montre que 18 d’entre eux ont "
        "restreint la liberté de réunion en 2025. Le Comité directeur d’OGP a adopté le 2 "
        "mars de nouvelles orientations qui demandent aux membres d’inclure au moins un "
        "engagement sur l’espace civique dans chaque plan d’action. Le coprésident issu de "
        "la société civile, Aidan Eyakuze, a salué cette décision.",
    ),
    (
        "sdg-study-2025",
        "platforma",
        "2025-09-18",
        "",
        "Localising the SDGs: our 2025 study finds local and regional governments committed",
        "Our 2025 study on the localisation of the SDGs surveyed 412 local and regional "
        "governments in 27 EU countries. 71% of them now link their budget to at least one "
        "goal, up from 48% in 2021. Small municipalities remain behind: only one in three "
        "has a dedicated team. The study, written with the University of Bologna, will be "
        "presented on 30 September in Brussels.",
        "Localiser les ODD : notre étude 2025 montre un engagement croissant des collectivités",
        "Notre étude 2025 sur la localisation des ODD a interrogé 412 collectivités locales "
        "et régionales dans 27 pays de l’UE. 71 % d’entre elles relient désormais leur "
        "budget à au moins un objectif, contre 48 % en 2021. Les petites communes restent "
        "en retrait : une sur trois seulement dispose d’une équipe dédiée. L’étude, rédigée "
        "avec l’Université de Bologne, sera présentée le 30 septembre à Bruxelles.",
    ),
    (
        "housing-2024",
        "cemr",
        "2024-12-05",
        "/uploads/2024/12/social-housing.jpg",
        "Affordable housing: towns and regions ask the EU for a dedicated plan",
        "One in ten European households spends more than 40% of its income on housing. In a "
        "position paper adopted on 4 December, CEMR asks the new Commissioner for Housing, "
        "Dan Jørgensen, for an EU plan that lets municipalities use cohesion funds and EIB "
        "loans for social housing. Vienna, where 43% of residents live in municipal or "
        "cooperative homes, is cited as an example.",
        "Logement abordable : les villes et régions demandent un plan européen",
        "Un ménage européen sur dix consacre plus de 40 % de ses revenus au logement. Dans "
        "une prise de position adoptée le 4 décembre, le CCRE demande au nouveau commissaire "
        "au logement, Dan Jørgensen, un plan européen permettant aux communes d’utiliser les "
        "fonds de cohésion et les prêts de la BEI pour le logement social. Vienne, où 43 % "
        "des habitants vivent dans des logements municipaux ou coopératifs, est citée en "
        "exemple.",
    ),
    (
        "irm-cocreation",
        "ogp",
        "2025-02-12",
        "/uploads/2025/02/irm-chart.png",
        "What Five Years of IRM Reports Tell Us About Co-Creation",
        "The Independent Reporting Mechanism reviewed 214 action plans published between "
        "2020 and 2024. Plans co-created with a multi-stakeholder forum were twice as likely "
        "to contain ambitious commitments. Only 38% of members met every co-creation "
        "standard, however. The IRM team will present the findings at a webinar on 26 "
        "February with Ukraine and Colombia.",
        "Ce que cinq ans de rapports du MRI nous apprennent sur la co-création",
        "Le Mécanisme de rapport indépendant a examiné 214 plans d’action publiés entre 2020 "
        "et 2024. Les plans co-créés avec un forum multipartite étaient deux fois plus "
        "susceptibles de contenir des engagements ambitieux. Seuls 38 % des membres "
        "respectaient toutefois toutes les normes de co-création. L’équipe du MRI "
        "présentera les résultats lors d’un webinaire le 26 février avec l’Ukraine et la "
        "Colombie.",
    ),
    (
        "twinning-2023",
        "cemr",
        "2023-09-21",
        "/uploads/2023/09/twinning.jpg",
        "Twinning: 150 towns gather to reinvent their partnerships",
        "From 18 to 20 September, 150 twinned towns from 24 countries met in Strasbourg for "
        "the CEMR twinning conference. Participants shared projects on climate, youth "
        "mobility and support for Ukrainian partners. The new online twinning map now lists "
        "more than 8,400 partnerships. The next conference will take place in Ljubljana in "
        "2025.",
        "Jumelage : 150 villes réunies pour réinventer leurs partenariats",
        "Du 18 au 20 septembre, 150 villes jumelées de 24 pays se sont retrouvées à "
        "Strasbourg pour la conférence du CCRE sur le jumelage. Les participants ont partagé "
        "des projets sur le climat, la mobilité des jeunes et le soutien aux partenaires "
        "ukrainiens. La nouvelle carte en ligne des jumelages recense désormais plus de "
        "8 400 partenariats. La prochaine conférence aura lieu à Ljubljana en 2025.",
    ),
    (
        "world-council-2026",
        "uclg",
        "2026-11-18",
        "",
        "World Council 2026: UCLG sets its priorities for the coming year",
        "Meeting in Tangier on 16 and 17 November, the UCLG World Council adopted its work "
        "programme for 2027. Priorities include local finance, housing and the follow-up of "
        "the Pact for the Future. The Council welcomed 11 new members and confirmed Rabat as "
        "host of the 2028 World Congress. President Li Yunfeng thanked the city of Tangier.",
        "Conseil mondial 2026 : CGLU fixe ses priorités pour l’année à venir",
        "Réuni à Tanger les 16 et 17 novembre, le Conseil mondial de CGLU a adopté son "
        "programme de travail pour 2027. Les priorités incluent les finances locales, le "
        "logement et le suivi du Pacte pour l’avenir. Le Conseil a accueilli 11 nouveaux "
        "membres et confirmé Rabat comme hôte du Congrès mondial de 2028. Le président Li "
        "Yunfeng a remercié la ville de Tanger.",
    ),
    (
        "ai-services",
        "cemr",
        "2026-05-20",
        "/uploads/2026/05/ai-services.png",
        "Artificial intelligence in local public services: CEMR publishes guidelines",
        "CEMR today published guidelines on the use of artificial intelligence in local "
        "public services. Based on 64 cases from 17 countries, the document covers chatbots, "
        "predictive maintenance and fraud detection. It asks the European Commission to "
        "exempt small municipalities from some AI Act reporting duties. Helsinki and "
        "Barcelona contributed their public algorithm registers.",
        "Intelligence artificielle dans les services publics locaux : le CCRE publie des "
        "lignes directrices",
        "Le CCRE a publié aujourd’hui des lignes directrices sur l’usage de l’intelligence "
        "artificielle dans les services publics locaux. Fondé sur 64 cas dans 17 pays, le "
        "document couvre les agents conversationnels, la maintenance prédictive et la "
        "détection des fraudes. Il demande à la Commission européenne d’exempter les petites "
        "communes de certaines obligations de rapport de l’AI Act. Helsinki et Barcelone ont "
        "partagé leurs registres publics d’algorithmes.",
    ),
    (
        "political-finance",
        "ogp",
        "2026-06-10",
        "/uploads/2026/06/political-finance.jpg",
        "Following the Money: Open Data on Political Finance",
        "Only 14 of the 75 OGP members publish political party finances as open data. A new "
        "OGP brief looks at Estonia, Mexico and Latvia, where donations above €1,500 appear "
        "online within 30 days. It recommends a common data standard and independent "
        "oversight. Reformers can join a peer-learning group starting on 1 July.",
        "Suivre l’argent : des données ouvertes sur le financement politique",
        "Seuls 14 des 75 membres d’OGP publient les finances des partis politiques en "
        "données ouvertes. Une nouvelle note d’OGP examine l’Estonie, le Mexique et la "
        "Lettonie, où les dons supérieurs à 1 500 € sont mis en ligne sous 30 jours. Elle "
        "recommande une norme commune de données et un contrôle indépendant. Les réformateurs "
        "peuvent rejoindre un groupe d’apprentissage entre pairs à partir du 1er juillet.",
    ),
    (
        "sevilla-finance",
        "uclg",
        "2025-07-04",
        "",
        "Seville: local governments at the heart of financing for development",
        "At the Fourth International Conference on Financing for Development in Seville, "
        "held from 30 June to 3 July, UCLG led a delegation of 120 mayors. The Compromiso de "
        "Sevilla recognises subnational finance for the first time. UCLG asks that 10% of "
        "climate finance reach local governments by 2030, against less than 1% today.",
        "Séville : les collectivités locales au cœur du financement du développement",
        "Lors de la quatrième Conférence internationale sur le financement du développement "
        "à Séville, tenue du 30 juin au 3 juillet, CGLU a conduit une délégation de 120 "
        "maires. Le Compromiso de Sevilla reconnaît pour la première fois la finance "
        "infranationale. CGLU demande que 10 % de la finance climat atteigne les "
        "gouvernements locaux d’ici 2030, contre moins de 1 % aujourd’hui.",
    ),
    (
        "latvia-association",
        "platforma",
        "2023-11-10",
        "",
        "Latvian Association of Local and Regional Governments joins PLATFORMA",
        "The Latvian Association of Local and Regional Governments (LALRG) became the 35th "
        "member of PLATFORMA on 8 November. Its 43 member municipalities run partnerships "
        "with towns in Moldova, Georgia and Ukraine. Chair Gints Kaminskis said the "
        "association will share its experience of EU accession with eastern partners.",
        "L’Association lettone des collectivités locales et régionales rejoint PLATFORMA",
        "L’Association lettone des collectivités locales et régionales (LALRG) est devenue "
        "le 35e membre de PLATFORMA le 8 novembre. Ses 43 communes membres mènent des "
        "partenariats avec des villes de Moldavie, de Géorgie et d’Ukraine. Son président, "
        "Gints Kaminskis, a indiqué que l’association partagerait son expérience de "
        "l’adhésion à l’UE avec les partenaires orientaux.",
    ),
    (
        "harassment-survey",
        "cemr",
        "2026-10-14",
        "/uploads/2026/10/harassment.png",
        "Threats and harassment of local elected officials: our survey in 12 countries",
        "Six in ten local elected officials have been insulted or threatened during their "
        "term, according to a CEMR survey of 3,900 councillors in 12 countries. Women and "
        "mayors of small towns are the most exposed. Online abuse has doubled since 2020. "
        "CEMR will present recommendations to the Congress of the Council of Europe on 29 "
        "October.",
        "Menaces et harcèlement des élus locaux : notre enquête dans 12 pays",
        "Six élus locaux sur dix ont été insultés ou menacés au cours de leur mandat, selon "
        "une enquête du CCRE auprès de 3 900 conseillers dans 12 pays. Les femmes et les "
        "maires de petites communes sont les plus exposés. Les violences en ligne ont doublé "
        "depuis 2020. Le CCRE présentera ses recommandations au Congrès du Conseil de "
        "l’Europe le 29 octobre.",
    ),
    (
        "vitoria-summit",
        "ogp",
        "2025-10-09",
        "/uploads/2025/10/summit-closing.jpg",
        "OGP Global Summit Closes with New Commitments from Vitoria-Gasteiz",
        "The 9th OGP Global Summit closed in Vitoria-Gasteiz on 8 October after three days "
        "and 2,300 participants. Twenty-six members announced new commitments, and 15 local "
        "governments signed the Vitoria-Gasteiz Declaration on open local government. The "
        "Basque Government will co-chair OGP's Local Steering Committee until 2027.",
        "Le Sommet mondial d’OGP s’achève à Vitoria-Gasteiz sur de nouveaux engagements",
        "Le 9e Sommet mondial d’OGP s’est achevé à Vitoria-Gasteiz le 8 octobre après trois "
        "jours et 2 300 participants. Vingt-six membres ont annoncé de nouveaux engagements "
        "et 15 gouvernements locaux ont signé la Déclaration de Vitoria-Gasteiz sur le "
        "gouvernement local ouvert. Le gouvernement basque coprésidera le comité directeur "
        "local d’OGP jusqu’en 2027.",
    ),
    (
        "eastern-partnership",
        "platforma",
        "2026-03-12",
        "",
        "Eastern Partnership: in Tbilisi, local government associations plan their next steps",
        "Associations of local governments from Armenia, Georgia, Moldova and Ukraine met in "
        "Tbilisi on 10 and 11 March with PLATFORMA. They agreed on a joint training "
        "programme for 600 municipal staff on EU funds. The National Association of Local "
        "Authorities of Georgia will host a follow-up meeting in September.",
        "Partenariat oriental : à Tbilissi, les associations de collectivités préparent la suite",
        "Les associations de collectivités locales d’Arménie, de Géorgie, de Moldavie et "
        "d’Ukraine se sont réunies à Tbilissi les 10 et 11 mars avec PLATFORMA. Elles se "
        "sont accordées sur un programme commun de formation de 600 agents municipaux aux "
        "fonds européens. L’Association nationale des autorités locales de Géorgie "
        "accueillera une réunion de suivi en septembre.",
    ),
    (
        "uclg-africa",
        "uclg",
        "2026-05-12",
        "",
        "UCLG Africa brings national associations together in Kigali",
        "Forty-two national associations of local governments met in Kigali from 5 to 7 May "
        "at the invitation of UCLG Africa. Delegates adopted a roadmap on fiscal "
        "decentralisation and asked for 5% of national revenue to be transferred to "
        "municipalities. Secretary General Jean-Pierre Elong Mbassi announced an Africities "
        "summit in 2027.",
        "CGLU Afrique réunit les associations nationales à Kigali",
        "Quarante-deux associations nationales de collectivités locales se sont réunies à "
        "Kigali du 5 au 7 mai à l’invitation de CGLU Afrique. Les délégués ont adopté une "
        "feuille de route sur la décentralisation fiscale et demandé que 5 % des recettes "
        "nationales soient transférées aux communes. Le secrétaire général Jean-Pierre Elong "
        "Mbassi a annoncé un sommet Africities en 2027.",
    ),
]

# Other articles on the subject of a bilingual one, published close to it: (key, of, days after,
# title_en, body_en). Same names and some numbers, a different piece of news.
SIBLINGS = [
    (
        "celac-declaration",
        "celac-letter",
        12,
        "EU-CELAC Summit: local governments want to be part of the partnership",
        "The EU-CELAC summit closed in Brussels with a declaration of 41 points. PLATFORMA "
        "regrets that towns and regions are mentioned only once, in point 27. Together with "
        "CEMR and Mercociudades, it will meet the Spanish Presidency of the Council in "
        "September to discuss a role for local governments in the Global Gateway projects "
        "announced for Latin America.",
    ),
    (
        "ogp-local-handbook",
        "ogp-27-members",
        9,
        "OGP Local publishes a handbook for new members",
        "New OGP Local members can now rely on a 40-page handbook on co-creation. It draws "
        "on the first action plans of Austin, Quezon City and Tbilisi, and explains how to "
        "set up a forum with civil society. The handbook is available in English, French "
        "and Spanish, and a webinar for the 2026 cohort will take place on 20 November.",
    ),
    (
        "cohesion-vote",
        "cohesion-2026",
        20,
        "Cohesion Alliance: European Parliament backs a place-based budget",
        "The European Parliament voted on 4 December for a resolution that keeps cohesion "
        "policy as a separate heading of the next budget. CEMR welcomed the vote, which "
        "follows months of campaigning by the #CohesionAlliance. The Council has not yet "
        "taken a position; member states will discuss the budget in Brussels in March.",
    ),
    (
        "daejeon-pact",
        "daejeon-congress",
        10,
        "The Pact for the Future of Humanity: what it means for cities",
        "Adopted in Daejeon, the Pact for the Future of Humanity asks local governments to "
        "transform their services around care, climate and democracy. UCLG's new "
        "Presidency will report on its implementation every year. Members are invited to "
        "share local examples through an online platform that opens in January.",
    ),
    (
        "ukraine-partners-2024",
        "ukraine-berlin",
        16,
        "Ukraine: new support programme for municipal partnerships",
        "CEMR and the Association of Ukrainian Cities launched a programme that will fund 40 "
        "new partnerships between European and Ukrainian municipalities in 2024 and 2025. "
        "Kharkiv, Mykolaiv and Chernihiv are among the first Ukrainian partners. Grants of "
        "up to €60,000 will cover joint projects on energy, water and schools.",
    ),
    (
        "sdg-webinar",
        "sdg-study-2025",
        15,
        "Localising the SDGs: a webinar series for small municipalities",
        "Following our study on the localisation of the SDGs, PLATFORMA launches a series "
        "of four webinars for small municipalities. The first, on 14 October, will present "
        "tools to link a local budget to the goals. Speakers from Bologna, Utrecht and the "
        "Swedish association SALAR will share their experience.",
    ),
    (
        "summit-preview",
        "vitoria-summit",
        -14,
        "Vitoria-Gasteiz to host the OGP Global Summit",
        "The OGP Global Summit opens in Vitoria-Gasteiz on 6 October. More than 2,000 "
        "reformers are expected, and the Basque Government will present its open "
        "government strategy. The local track, prepared with 104 OGP Local members, will "
        "focus on participatory budgeting and open contracting.",
    ),
    (
        "harassment-congress",
        "harassment-survey",
        16,
        "Council of Europe Congress debates the safety of local elected officials",
        "Meeting in Strasbourg on 29 October, the Congress of Local and Regional "
        "Authorities of the Council of Europe discussed the safety of elected officials. "
        "CEMR presented its recommendations, including a European helpline and training for "
        "police. Several delegates from Greece and Moldova described threats received during "
        "the last local elections.",
    ),
]

# Periodic items built from one template: (source, lang, title pattern, body pattern, slots).
TEMPLATES = [
    (
        "ogp",
        "en",
        "Local Roundup | {month} {year}",
        "Welcome to the {month} {year} edition of the OGP Local Roundup, our monthly look at "
        "what local members are doing. This month, {city} opened its council meetings to "
        "live questions from residents, and {city2} published its first open contracting "
        "data. {n} local members submitted progress reports. As always, write to us with "
        "news from your city for the next roundup.",
    ),
    (
        "platforma",
        "en",
        "PLATFORMA newsletter | {month} {year}",
        "In this {month} {year} newsletter: news from our members, upcoming events and "
        "funding opportunities. {city} hosted a study visit on waste management with "
        "partners from {city2}. The call for proposals of the Local Authorities programme "
        "closes in {n} days. Do not miss the next PLATFORMA webinar, and follow us on social "
        "media for daily updates.",
    ),
    (
        "platforma",
        "fr",
        "Lettre d’information PLATFORMA | {month} {year}",
        "Dans cette lettre d’information de {month} {year} : les nouvelles de nos membres, "
        "les événements à venir et les appels à projets. {city} a accueilli une visite "
        "d’étude sur la gestion des déchets avec des partenaires de {city2}. L’appel à "
        "propositions du programme Autorités locales se clôt dans {n} jours. Ne manquez pas "
        "le prochain webinaire de PLATFORMA.",
    ),
    (
        "uclg",
        "en",
        "Local Democracy Academy – {year} edition",
        "The {year} edition of the Local Democracy Academy brought together {n} young "
        "elected officials and civil servants in {city}. Over five days, participants worked "
        "on participatory budgeting, citizen assemblies and the fight against "
        "misinformation. The Academy is organised by UCLG with the support of {city2}.",
    ),
    (
        "uclg",
        "en",
        "UCLG statement for International Women's Day {year}",
        "On 8 March {year}, UCLG reaffirms its commitment to gender equality in local "
        "decision-making. Women still hold a minority of mayoral posts, and {n}% of local "
        "councils have no gender action plan. UCLG calls on its members, from {city} to "
        "{city2}, to adopt parity measures and to make public spaces safe for all.",
    ),
    (
        "cemr",
        "fr",
        "Journées européennes de la solidarité locale {year}",
        "Les Journées européennes de la solidarité locale {year} ont réuni {n} événements "
        "dans toute l’Europe. À {city}, des écoles ont échangé avec des élèves de {city2}. "
        "Les collectivités montrent ainsi aux citoyens ce que permet la coopération "
        "décentralisée. Rendez-vous l’an prochain pour une nouvelle édition.",
    ),
]
CITIES = [
    "Austin",
    "Quezon City",
    "Tbilisi",
    "Kisumu",
    "Lviv",
    "Curitiba",
    "Ghent",
    "Bologna",
    "Saint-Louis",
    "Nouakchott",
    "Rabat",
    "Kraków",
    "Lille",
    "Utrecht",
    "Malmö",
    "Porto",
]
