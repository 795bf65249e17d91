"""Articles for the held-out labelled pairs, written after the grouping thresholds were fixed.

Never used to tune anything: `make_story_heldout.py` builds pairs from them and
`tests/test_stories_heldout.py` only measures. New texts in the four sites' style (facts and
names invented for the purpose), not the texts of the tuning set.
"""

from __future__ import annotations

# (key, source, date, title_en, body_en, title_fr, body_fr); paragraphs separated by "\n\n".
# OGP's French versions read like the machine translations the real site publishes.
ARTICLES = [
    (
        "energy-communities",
        "cemr",
        "2025-02-11",
        "Energy communities: 85 towns share their first results",
        "Eighty-five towns and villages from 14 countries presented the first results of their "
        "energy communities at a CEMR seminar in Ljubljana on 10 February.\n\n"
        "In Mureck, 420 households now buy electricity from a cooperative solar park; in "
        "Tipperary, a wind project pays €120 a year back to each member. CEMR asks the "
        "Commission to simplify the grid rules that still block 3 projects out of 10.",
        "Communautés d’énergie : 85 communes partagent leurs premiers résultats",
        "Quatre-vingt-cinq villes et villages de 14 pays ont présenté les premiers résultats "
        "de leurs communautés d’énergie lors d’un séminaire du CCRE à Ljubljana le 10 "
        "février.\n\n"
        "À Mureck, 420 foyers achètent désormais leur électricité à un parc solaire "
        "coopératif ; à Tipperary, un projet éolien reverse 120 € par an à chaque membre. Le "
        "CCRE demande à la Commission de simplifier les règles de réseau qui bloquent encore "
        "3 projets sur 10.",
    ),
    (
        "equality-charter-signatories",
        "cemr",
        "2025-03-07",
        "Equality Charter: Sarajevo becomes the 2,100th signatory",
        "Sarajevo signed the European Charter for Equality of Women and Men in Local Life on 6 "
        "March, bringing the number of signatories to 2,100 in 36 countries.\n\n"
        "The city will publish an action plan within two years, as the Charter requires. "
        "CEMR's Observatory counts 412 action plans adopted so far, a quarter of them since "
        "2022. A training day for new signatories takes place in Vienna on 3 June.",
        "Charte pour l’égalité : Sarajevo devient la 2 100e signataire",
        "Sarajevo a signé le 6 mars la Charte européenne pour l’égalité des femmes et des "
        "hommes dans la vie locale, ce qui porte le nombre de signataires à 2 100 dans 36 "
        "pays.\n\n"
        "La ville publiera un plan d’action d’ici deux ans, comme l’exige la Charte. "
        "L’Observatoire du CCRE recense 412 plans d’action adoptés à ce jour, dont un quart "
        "depuis 2022. Une journée de formation pour les nouveaux signataires aura lieu à "
        "Vienne le 3 juin.",
    ),
    (
        "flood-fund",
        "cemr",
        "2025-05-20",
        "Floods: mayors call for a faster EU Solidarity Fund",
        "Mayors from Valencia, Emilia-Romagna and Lower Silesia told MEPs on 19 May that aid "
        "from the EU Solidarity Fund arrives on average 19 months after a disaster.\n\n"
        "CEMR proposes an advance of 25% paid within 6 weeks, directly to the local "
        "authorities that rebuild roads, schools and water networks. The European Parliament "
        "will vote on the reform of the Fund in October.",
        "Inondations : les maires demandent un Fonds de solidarité de l’UE plus rapide",
        "Des maires de Valence, d’Émilie-Romagne et de Basse-Silésie ont expliqué aux "
        "députés européens le 19 mai que l’aide du Fonds de solidarité de l’UE arrive en "
        "moyenne 19 mois après une catastrophe.\n\n"
        "Le CCRE propose une avance de 25 % versée sous 6 semaines, directement aux "
        "collectivités qui reconstruisent routes, écoles et réseaux d’eau. Le Parlement "
        "européen votera la réforme du Fonds en octobre.",
    ),
    (
        "digital-twins",
        "cemr",
        "2025-09-16",
        "Digital twins: what 12 pilot cities learnt",
        "Twelve cities that tested digital twins of their streets and buildings met in "
        "Tampere on 15 September to compare notes.\n\n"
        "Rotterdam cut the time needed to approve a building permit from 90 to 35 days; Porto "
        "used its model to plan 7 km of new cycle lanes. The pilots cost between €400,000 "
        "and €2.3 million. CEMR will publish a guide for smaller municipalities in December.",
        "Jumeaux numériques : les leçons de 12 villes pilotes",
        "Douze villes qui ont testé des jumeaux numériques de leurs rues et de leurs "
        "bâtiments se sont retrouvées à Tampere le 15 septembre pour comparer leurs "
        "expériences.\n\n"
        "Rotterdam a réduit de 90 à 35 jours le délai d’instruction d’un permis de "
        "construire ; Porto a utilisé son modèle pour tracer 7 km de nouvelles pistes "
        "cyclables. Les projets pilotes ont coûté entre 400 000 € et 2,3 millions d’euros. Le "
        "CCRE publiera un guide pour les petites communes en décembre.",
    ),
    (
        "youth-mayors",
        "cemr",
        "2026-01-27",
        "Young elected officials: a network of 600 councillors under 35",
        "CEMR launched its network of young elected officials in Brussels on 26 January with "
        "600 councillors under 35 from 27 countries.\n\n"
        "Its first task is a survey on why young councillors leave office: in Finland and "
        "Slovenia, 4 in 10 do not stand again after one term. The results will be presented "
        "at the CEMR Congress in Rotterdam in 2027.",
        "Jeunes élus : un réseau de 600 conseillers de moins de 35 ans",
        "Le CCRE a lancé son réseau de jeunes élus à Bruxelles le 26 janvier avec 600 "
        "conseillers de moins de 35 ans venus de 27 pays.\n\n"
        "Sa première tâche est une enquête sur les raisons pour lesquelles les jeunes élus "
        "quittent leur mandat : en Finlande et en Slovénie, 4 sur 10 ne se représentent pas "
        "après un mandat. Les résultats seront présentés au Congrès du CCRE à Rotterdam en "
        "2027.",
    ),
    (
        "hospitals-cross-border",
        "cemr",
        "2026-04-14",
        "Cross-border health: 9 hospitals share one emergency service",
        "Nine hospitals on both sides of the border between Spain and France now share an "
        "emergency service for 310,000 residents, the Cerdanya partners told CEMR's health "
        "working group on 13 April.\n\n"
        "Patients are taken to the nearest hospital whatever their country. The scheme, "
        "financed by Interreg with €11 million, is a model for 40 other border regions.",
        "Santé transfrontalière : 9 hôpitaux partagent un service d’urgence",
        "Neuf hôpitaux des deux côtés de la frontière entre l’Espagne et la France partagent "
        "désormais un service d’urgence pour 310 000 habitants, ont expliqué les partenaires "
        "de Cerdagne au groupe de travail santé du CCRE le 13 avril.\n\n"
        "Les patients sont conduits à l’hôpital le plus proche, quel que soit leur pays. Le "
        "dispositif, financé par Interreg à hauteur de 11 millions d’euros, sert de modèle à "
        "40 autres régions frontalières.",
    ),
    (
        "global-gateway-forum",
        "platforma",
        "2025-02-25",
        "Global Gateway: local governments want a seat in 30 country platforms",
        "Meeting in Accra on 24 February, PLATFORMA members and African partners asked that "
        "local governments take part in the 30 Global Gateway country platforms.\n\n"
        "Only 2 of the 87 flagship projects announced for Africa involve a municipality, "
        "according to a PLATFORMA review. The members will present their proposals to "
        "Commissioner Jozef Síkela in Brussels in April.",
        "Global Gateway : les collectivités veulent un siège dans 30 plateformes pays",
        "Réunis à Accra le 24 février, les membres de PLATFORMA et leurs partenaires africains "
        "ont demandé que les collectivités participent aux 30 plateformes pays du Global "
        "Gateway.\n\n"
        "Seuls 2 des 87 projets phares annoncés pour l’Afrique associent une municipalité, "
        "selon une analyse de PLATFORMA. Les membres présenteront leurs propositions au "
        "commissaire Jozef Síkela à Bruxelles en avril.",
    ),
    (
        "twinning-anniversary",
        "platforma",
        "2025-06-18",
        "Bobo-Dioulasso and Châlons: 60 years of partnership",
        "The partnership between Bobo-Dioulasso in Burkina Faso and Châlons-en-Champagne "
        "turned 60 on 17 June.\n\n"
        "Over six decades, the two cities built 14 schools, trained 230 municipal staff and "
        "set up a shared land register that now covers 48,000 plots. PLATFORMA publishes "
        "their story as the first of a series on long-running partnerships.",
        "Bobo-Dioulasso et Châlons : 60 ans de partenariat",
        "Le partenariat entre Bobo-Dioulasso, au Burkina Faso, et Châlons-en-Champagne a fêté "
        "ses 60 ans le 17 juin.\n\n"
        "En six décennies, les deux villes ont construit 14 écoles, formé 230 agents "
        "municipaux et mis en place un cadastre partagé qui couvre aujourd’hui 48 000 "
        "parcelles. PLATFORMA publie leur histoire, la première d’une série sur les "
        "partenariats de longue durée.",
    ),
    (
        "localisation-index",
        "platforma",
        "2025-10-08",
        "A new index measures how far EU aid reaches local governments",
        "PLATFORMA's first localisation index, published on 7 October, finds that 4.2% of EU "
        "development aid reached local and regional governments in 2024.\n\n"
        "Sweden, Belgium and Spain score highest among 20 donors reviewed. The index counts "
        "1,350 projects in 62 partner countries and will be updated every two years.",
        "Un nouvel indice mesure la part de l’aide de l’UE qui atteint les collectivités",
        "Le premier indice de localisation de PLATFORMA, publié le 7 octobre, constate que "
        "4,2 % de l’aide au développement de l’UE a atteint les collectivités locales et "
        "régionales en 2024.\n\n"
        "La Suède, la Belgique et l’Espagne obtiennent les meilleurs scores parmi 20 donateurs "
        "étudiés. L’indice recense 1 350 projets dans 62 pays partenaires et sera mis à jour "
        "tous les deux ans.",
    ),
    (
        "water-partnerships",
        "platforma",
        "2026-03-24",
        "World Water Day: 70 municipal water partnerships in one map",
        "For World Water Day, PLATFORMA mapped 70 partnerships between European and partner "
        "water utilities run by municipalities.\n\n"
        "Together they brought safe water to 1.8 million people since 2015. In Kisii, Kenya, "
        "a partnership with Vitens cut water losses from 52% to 31%. The map is open to new "
        "partnerships until 30 June.",
        "Journée mondiale de l’eau : 70 partenariats municipaux de l’eau sur une carte",
        "À l’occasion de la Journée mondiale de l’eau, PLATFORMA a cartographié 70 "
        "partenariats entre régies municipales de l’eau européennes et partenaires.\n\n"
        "Ensemble, ils ont apporté une eau potable à 1,8 million de personnes depuis 2015. À "
        "Kisii, au Kenya, un partenariat avec Vitens a réduit les pertes d’eau de 52 % à 31 %. "
        "La carte est ouverte à de nouveaux partenariats jusqu’au 30 juin.",
    ),
    (
        "ukraine-schools",
        "platforma",
        "2026-06-09",
        "Ukraine: 23 schools rebuilt with partner municipalities",
        "Twenty-three schools in the regions of Chernihiv and Sumy reopened this month, "
        "rebuilt with the help of 17 partner municipalities from Poland, Lithuania and "
        "Germany.\n\n"
        "The €9.6 million programme, coordinated with PLATFORMA, also trained 140 teachers in "
        "first aid. A second phase covering 30 kindergartens starts in September.",
        "Ukraine : 23 écoles reconstruites avec des communes partenaires",
        "Vingt-trois écoles des régions de Tchernihiv et de Soumy ont rouvert ce mois-ci, "
        "reconstruites avec l’aide de 17 communes partenaires de Pologne, de Lituanie et "
        "d’Allemagne.\n\n"
        "Le programme de 9,6 millions d’euros, coordonné avec PLATFORMA, a aussi formé 140 "
        "enseignants aux premiers secours. Une seconde phase portant sur 30 écoles "
        "maternelles commence en septembre.",
    ),
    (
        "housing-report",
        "uclg",
        "2025-04-03",
        "UCLG report: 1.6 billion people lack adequate housing",
        "The housing report presented by UCLG in Nairobi on 2 April estimates that 1.6 billion "
        "people live without adequate housing, 300 million more than in 2015.\n\n"
        "It gathers 54 local policies, from rent caps in Barcelona to community land trusts "
        "in San Juan. UCLG co-president Amara Diallo called on national governments to give "
        "cities the powers to act on land prices.",
        "Rapport de CGLU : 1,6 milliard de personnes sans logement convenable",
        "Le rapport sur le logement présenté par CGLU à Nairobi le 2 avril estime que 1,6 "
        "milliard de personnes vivent sans logement convenable, soit 300 millions de plus "
        "qu’en 2015.\n\n"
        "Il rassemble 54 politiques locales, de l’encadrement des loyers à Barcelone aux "
        "fiducies foncières communautaires de San Juan. La coprésidente de CGLU, Amara "
        "Diallo, a appelé les gouvernements nationaux à donner aux villes les moyens d’agir "
        "sur le prix du foncier.",
    ),
    (
        "culture-award",
        "uclg",
        "2025-06-05",
        "International Award UCLG – Mexico City – Culture 21: the 2025 winners",
        "Lyon and the Colombian city of Medellín won the sixth International Award UCLG – "
        "Mexico City – Culture 21, announced on 4 June.\n\n"
        "The jury, chaired by Lupe Arrieta, examined 118 candidatures from 47 countries. "
        "Lyon was recognised for its free libraries of musical instruments, Medellín for 22 "
        "neighbourhood cultural centres. Each winner receives €50,000.",
        "Prix international CGLU – Ville de Mexico – Culture 21 : les lauréats 2025",
        "Lyon et la ville colombienne de Medellín ont remporté le sixième Prix international "
        "CGLU – Ville de Mexico – Culture 21, annoncé le 4 juin.\n\n"
        "Le jury, présidé par Lupe Arrieta, a examiné 118 candidatures venues de 47 pays. Lyon "
        "est distinguée pour ses bibliothèques gratuites d’instruments de musique, Medellín "
        "pour 22 centres culturels de quartier. Chaque lauréat reçoit 50 000 €.",
    ),
    (
        "hlpf-reports",
        "uclg",
        "2025-07-16",
        "HLPF 2025: 31 local reports presented at the United Nations",
        "Local and regional governments presented 31 voluntary local reviews at the "
        "High-Level Political Forum in New York on 15 July.\n\n"
        "The reviews come from cities such as Bristol, Kazan and Yogyakarta. UCLG's own "
        "report, the ninth of its kind, finds that 72% of countries reporting to the Forum "
        "this year consulted their local governments.",
        "FPHN 2025 : 31 rapports locaux présentés aux Nations Unies",
        "Les gouvernements locaux et régionaux ont présenté 31 examens locaux volontaires au "
        "Forum politique de haut niveau à New York le 15 juillet.\n\n"
        "Ces examens viennent de villes comme Bristol, Kazan et Yogyakarta. Le rapport de "
        "CGLU, le neuvième du genre, constate que 72 % des pays qui rendent compte au Forum "
        "cette année ont consulté leurs gouvernements locaux.",
    ),
    (
        "migration-charter",
        "uclg",
        "2025-12-18",
        "Migrants Day: 214 cities join the Mechelen Charter",
        "On International Migrants Day, 18 December, UCLG counted 214 cities that have "
        "signed the Mechelen Charter on local migration governance.\n\n"
        "The Charter asks signatories to open municipal services to all residents, whatever "
        "their status. Since 2023, the network has trained 380 officials from cities such as "
        "Agadir, Dakar and Montevideo.",
        "Journée des migrants : 214 villes rejoignent la Charte de Malines",
        "À l’occasion de la Journée internationale des migrants, le 18 décembre, CGLU a "
        "recensé 214 villes signataires de la Charte de Malines sur la gouvernance locale des "
        "migrations.\n\n"
        "La Charte demande aux signataires d’ouvrir les services municipaux à tous les "
        "habitants, quel que soit leur statut. Depuis 2023, le réseau a formé 380 agents de "
        "villes comme Agadir, Dakar et Montevideo.",
    ),
    (
        "africities-2027",
        "uclg",
        "2026-02-19",
        "Africities 2027 will take place in Kigali",
        "The tenth Africities summit will take place in Kigali from 15 to 19 November 2027, "
        "UCLG Africa announced on 18 February.\n\n"
        "More than 8,000 participants are expected. The theme, the role of intermediary "
        "cities in Africa's growth, follows a study showing that cities of 50,000 to 1 "
        "million people will house 40% of urban Africans by 2040.",
        "Africités 2027 se tiendra à Kigali",
        "Le dixième sommet Africités se tiendra à Kigali du 15 au 19 novembre 2027, a annoncé "
        "CGLU Afrique le 18 février.\n\n"
        "Plus de 8 000 participants sont attendus. Le thème, le rôle des villes "
        "intermédiaires dans la croissance de l’Afrique, fait suite à une étude montrant que "
        "les villes de 50 000 à 1 million d’habitants accueilleront 40 % des citadins "
        "africains d’ici 2040.",
    ),
    (
        "local-finance",
        "uclg",
        "2026-05-12",
        "Local finance: subnational governments spend 24% of public money",
        "The World Observatory on Subnational Government Finance published its 2026 data on 11 "
        "May: local and regional governments account for 24% of public spending in 135 "
        "countries.\n\n"
        "The share falls to 8% in low-income countries. UCLG and the OECD will discuss the "
        "figures with finance ministers in Seville on 30 June.",
        "Finances locales : les gouvernements infranationaux dépensent 24 % de l’argent public",
        "L’Observatoire mondial des finances des gouvernements infranationaux a publié le 11 "
        "mai ses données 2026 : les gouvernements locaux et régionaux représentent 24 % des "
        "dépenses publiques dans 135 pays.\n\n"
        "Cette part tombe à 8 % dans les pays à faible revenu. CGLU et l’OCDE discuteront de "
        "ces chiffres avec les ministres des finances à Séville le 30 juin.",
    ),
    (
        "beneficial-ownership",
        "ogp",
        "2025-03-19",
        "Beneficial Ownership: 41 Countries Now Publish Registers",
        "Forty-one OGP members now publish registers of who really owns companies, according "
        "to a review released on March 18.\n\n"
        "Armenia, Nigeria and Ukraine added public registers since 2023. Journalists in "
        "Kenya used open data to trace 19 public contracts to companies owned by officials. "
        "OGP will host a learning exchange on registers in Bogotá on May 6.",
        "Propriété effective : 41 pays publient désormais des registres",
        "Quarante-et-un membres de l’OGP publient maintenant des registres de qui possède "
        "vraiment les entreprises, selon un examen publié le 18 mars.\n\n"
        "L’Arménie, le Nigeria et l’Ukraine ont ajouté des registres publics depuis 2023. "
        "Des journalistes au Kenya ont utilisé les données ouvertes pour retracer 19 contrats "
        "publics à des entreprises possédées par des fonctionnaires. L’OGP accueillera un "
        "échange d’apprentissage sur les registres à Bogotá le 6 mai.",
    ),
    (
        "civic-space-report",
        "ogp",
        "2025-06-24",
        "New Report: Civic Space Commitments Grow by a Third",
        "Commitments to protect civic space grew by a third in OGP action plans adopted "
        "since 2022, a report published on June 23 finds.\n\n"
        "Of 96 such commitments, 38 concern the right to protest and 21 the safety of "
        "journalists. Moldova and Costa Rica are cited for reforms that went beyond their "
        "promises. The report draws on the Independent Reporting Mechanism.",
        "Nouveau rapport : les engagements sur l’espace civique augmentent d’un tiers",
        "Les engagements pour protéger l’espace civique ont augmenté d’un tiers dans les "
        "plans d’action de l’OGP adoptés depuis 2022, constate un rapport publié le 23 "
        "juin.\n\n"
        "Sur 96 tels engagements, 38 concernent le droit de manifester et 21 la sécurité des "
        "journalistes. La Moldavie et le Costa Rica sont cités pour des réformes qui sont "
        "allées au-delà de leurs promesses. Le rapport s’appuie sur le Mécanisme de "
        "rapport indépendant.",
    ),
    (
        "local-cohort-2025",
        "ogp",
        "2025-10-02",
        "OGP Local: 19 New Members Join From Five Regions",
        "Nineteen local governments joined OGP Local on October 1, from Tirana to Mendoza.\n\n"
        "They will each co-create an action plan with civil society in the next 12 months. "
        "Among them, Surabaya plans to open its procurement data and Tirana to publish "
        "council votes online. OGP Local now has 172 members.",
        "OGP Local : 19 nouveaux membres rejoignent de cinq régions",
        "Dix-neuf gouvernements locaux ont rejoint OGP Local le 1er octobre, de Tirana à "
        "Mendoza.\n\n"
        "Ils vont chacun co-créer un plan d’action avec la société civile dans les 12 "
        "prochains mois. Parmi eux, Surabaya prévoit d’ouvrir ses données de marchés publics "
        "et Tirana de publier les votes du conseil en ligne. OGP Local a maintenant 172 "
        "membres.",
    ),
    (
        "open-contracting-cities",
        "ogp",
        "2026-02-05",
        "How Three Cities Opened Their Contracts",
        "Bucharest, Quezon City and Kaduna published every public contract above $10,000 in "
        "2025, a new OGP case study shows.\n\n"
        "In Kaduna, the number of bidders per tender rose from 2.1 to 4.6; in Bucharest, the "
        "average price of school meals fell by 12%. Officials from the three cities will "
        "speak at a webinar on February 24.",
        "Comment trois villes ont ouvert leurs contrats",
        "Bucarest, Quezon City et Kaduna ont publié tous les contrats publics au-dessus de "
        "10 000 $ en 2025, montre une nouvelle étude de cas de l’OGP.\n\n"
        "À Kaduna, le nombre de soumissionnaires par appel d’offres est passé de 2,1 à 4,6 ; "
        "à Bucarest, le prix moyen des repas scolaires a baissé de 12 %. Des fonctionnaires "
        "des trois villes parleront lors d’un webinaire le 24 février.",
    ),
    (
        "summit-2026-dates",
        "ogp",
        "2026-04-21",
        "The 2026 OGP Global Summit Will Take Place in Nairobi",
        "The Government of Kenya will host the next OGP Global Summit in Nairobi on December "
        "1-3, 2026, the Steering Committee announced on April 20.\n\n"
        "About 3,000 reformers are expected. For the first time, a full day will be given to "
        "the 172 local members. Registration opens on July 1.",
        "Le Sommet mondial OGP 2026 aura lieu à Nairobi",
        "Le gouvernement du Kenya accueillera le prochain Sommet mondial OGP à Nairobi du 1er "
        "au 3 décembre 2026, a annoncé le Comité directeur le 20 avril.\n\n"
        "Environ 3 000 réformateurs sont attendus. Pour la première fois, une journée "
        "entière sera consacrée aux 172 membres locaux. Les inscriptions ouvrent le 1er "
        "juillet.",
    ),
    (
        "climate-adaptation-plans",
        "cemr",
        "2026-09-22",
        "Climate adaptation: 1 town in 3 has no plan",
        "A CEMR survey of 2,400 municipalities, published on 21 September, finds that one in "
        "three has no climate adaptation plan.\n\n"
        "Small towns are most affected: 58% of those under 5,000 inhabitants have neither a "
        "plan nor staff to write one. CEMR asks for a technical assistance facility in the "
        "next Mission on Adaptation work programme.",
        "Adaptation au climat : 1 commune sur 3 n’a pas de plan",
        "Une enquête du CCRE auprès de 2 400 communes, publiée le 21 septembre, montre qu’une "
        "sur trois n’a pas de plan d’adaptation au changement climatique.\n\n"
        "Les petites villes sont les plus touchées : 58 % de celles de moins de 5 000 "
        "habitants n’ont ni plan ni personnel pour en rédiger un. Le CCRE demande un "
        "dispositif d’assistance technique dans le prochain programme de travail de la "
        "Mission Adaptation.",
    ),
    (
        "decentralised-cooperation-awards",
        "platforma",
        "2026-11-03",
        "Decentralised cooperation awards: Tulear and Ghent win",
        "The first PLATFORMA awards for decentralised cooperation went on 2 November to the "
        "partnership between Tulear in Madagascar and Ghent, for its waste collection "
        "scheme serving 85,000 residents.\n\n"
        "Eleven partnerships were shortlisted among 64 entries. The jury praised the 340 "
        "jobs created in Tulear's collection service.",
        "Prix de la coopération décentralisée : Tuléar et Gand récompensées",
        "Les premiers prix PLATFORMA de la coopération décentralisée ont été remis le 2 "
        "novembre au partenariat entre Tuléar, à Madagascar, et Gand, pour son service de "
        "collecte des déchets qui dessert 85 000 habitants.\n\n"
        "Onze partenariats ont été retenus parmi 64 candidatures. Le jury a salué les 340 "
        "emplois créés dans le service de collecte de Tuléar.",
    ),
    (
        "peer-learning-mobility",
        "uclg",
        "2026-10-07",
        "Peer learning on public transport: 16 cities in Bogotá",
        "Sixteen cities took part in a UCLG peer learning week on public transport in Bogotá "
        "from 5 to 7 October.\n\n"
        "The TransMilenio network carries 2.4 million passengers a day; delegates from "
        "Dakar, Addis Ababa and Lima studied how its fares are set. A learning note will be "
        "published in January.",
        "Apprentissage entre pairs sur les transports publics : 16 villes à Bogotá",
        "Seize villes ont participé à une semaine d’apprentissage entre pairs de CGLU sur "
        "les transports publics à Bogotá du 5 au 7 octobre.\n\n"
        "Le réseau TransMilenio transporte 2,4 millions de passagers par jour ; des "
        "délégués de Dakar, d’Addis-Abeba et de Lima ont étudié la fixation de ses tarifs. "
        "Une note d’apprentissage sera publiée en janvier.",
    ),
    (
        "open-parliament-week",
        "ogp",
        "2026-09-15",
        "Open Parliament Week: 22 Legislatures Take Part",
        "Twenty-two parliaments opened their doors to citizens during Open Parliament Week, "
        "from September 8 to 14.\n\n"
        "The Parliament of Georgia streamed every committee meeting, and Chile's Senate "
        "published 1,100 lobbying meetings as open data. OGP's legislative network will meet "
        "in Santiago in November.",
        "Semaine du Parlement ouvert : 22 législatures prennent part",
        "Vingt-deux parlements ont ouvert leurs portes aux citoyens pendant la Semaine du "
        "Parlement ouvert, du 8 au 14 septembre.\n\n"
        "Le Parlement de Géorgie a diffusé chaque réunion de commission, et le Sénat du "
        "Chili a publié 1 100 réunions de lobbying comme données ouvertes. Le réseau "
        "législatif de l’OGP se réunira à Santiago en novembre.",
    ),
]

# Other news on the subject of an article, in either language, published soon after it:
# (key, of, days after, lang, title, body). Same names, other facts: never the same story.
FOLLOW_UPS = [
    (
        "energy-communities-law",
        "energy-communities",
        21,
        "fr",
        "Communautés d’énergie : le Parlement européen adopte des règles de réseau simplifiées",
        "Le Parlement européen a adopté le 3 mars un texte qui réduit de moitié les délais de "
        "raccordement des communautés d’énergie. Le CCRE salue un vote obtenu par 412 voix. "
        "Les communes de Mureck et de Tipperary, pionnières, seront associées au suivi.",
    ),
    (
        "flood-fund-vote",
        "flood-fund",
        30,
        "en",
        "EU Solidarity Fund: Parliament committee backs advance payments",
        "The European Parliament's regional development committee backed on 18 June an "
        "advance payment of 25% from the EU Solidarity Fund. CEMR welcomed the vote but "
        "regrets that payments still go through national governments. The mayor of Valencia "
        "spoke for the 240 towns hit by floods last autumn.",
    ),
    (
        "global-gateway-brussels",
        "global-gateway-forum",
        35,
        "en",
        "PLATFORMA members meet Commissioner Síkela on Global Gateway",
        "A delegation of 12 PLATFORMA members met Commissioner Jozef Síkela in Brussels on 1 "
        "April. They handed over a list of 45 local projects ready for Global Gateway funding, "
        "from water utilities in Ghana to transport in Senegal. The Commission promised a "
        "reply before the summer.",
    ),
    (
        "housing-day",
        "housing-report",
        24,
        "fr",
        "Logement : CGLU lance une campagne mondiale avec 40 villes",
        "Trois semaines après la publication de son rapport, CGLU lance une campagne mondiale "
        "pour le droit au logement avec 40 villes, dont Barcelone, San Juan et Nairobi. Amara "
        "Diallo présentera la campagne à ONU-Habitat en mai.",
    ),
    (
        "civic-space-webinar",
        "civic-space-report",
        14,
        "fr",
        "Espace civique : un webinaire avec la Moldavie et le Costa Rica",
        "L’OGP organise le 7 juillet un webinaire avec les réformateurs de la Moldavie et du "
        "Costa Rica sur leurs engagements pour l’espace civique. Les participants pourront "
        "poser des questions sur les 38 engagements liés au droit de manifester.",
    ),
    (
        "kigali-preparations",
        "africities-2027",
        40,
        "en",
        "Kigali prepares for Africities with a call for side events",
        "The organisers of Africities 2027 opened a call for side events on 30 March. Cities "
        "and networks can propose sessions on intermediary cities, finance and culture until "
        "30 September. Kigali will also host a youth forum of 500 participants.",
    ),
    (
        "nairobi-summit-registration",
        "summit-2026-dates",
        71,
        "fr",
        "Sommet mondial OGP : les inscriptions sont ouvertes",
        "Les inscriptions pour le Sommet mondial OGP de Nairobi sont ouvertes depuis le 1er "
        "juillet. Les membres locaux peuvent proposer des sessions jusqu’au 15 août. Le "
        "gouvernement du Kenya prévoit un programme culturel dans 5 quartiers de la ville.",
    ),
    (
        "digital-twins-guide",
        "digital-twins",
        80,
        "fr",
        "Jumeaux numériques : le guide du CCRE pour les petites communes est en ligne",
        "Le guide annoncé en septembre est en ligne : 48 pages pour aider les communes de "
        "moins de 20 000 habitants à lancer un jumeau numérique. Il reprend les exemples de "
        "Rotterdam, Porto et Tampere et propose un budget type de 150 000 €.",
    ),
    (
        "ukraine-kindergartens",
        "ukraine-schools",
        95,
        "en",
        "Ukraine: the kindergarten phase of the schools programme begins",
        "Work started on 12 September on the first 8 of 30 kindergartens in the Chernihiv "
        "and Sumy regions. Partner municipalities from Poland and Lithuania have pledged €4.1 "
        "million. PLATFORMA will report on progress at its annual forum.",
    ),
    (
        "water-map-update",
        "water-partnerships",
        28,
        "fr",
        "Carte des partenariats de l’eau : 12 nouvelles adhésions",
        "Un mois après son lancement, la carte des partenariats municipaux de l’eau de "
        "PLATFORMA compte 12 nouveaux partenariats, dont un entre Kisii et une régie "
        "néerlandaise pour l’assainissement. Les inscriptions restent ouvertes jusqu’au 30 "
        "juin.",
    ),
]

# A periodic item in both languages (OGP's monthly roundup and its machine-made French copy).
ROUNDUP = (
    "ogp",
    "Local Roundup | {month} {year}",
    "This is the {month} {year} Local Roundup. {city} published its first budget in open "
    "data, and {city2} held {n} public hearings on its action plan. Send us your news before "
    "the end of the month.",
    "Tour d’horizon local | {month} {year}",
    "Ceci est le Tour d’horizon local de {month} {year}. {city} a publié son premier budget "
    "en données ouvertes, et {city2} a tenu {n} audiences publiques sur son plan d’action. "
    "Envoyez-nous vos nouvelles avant la fin du mois.",
)
ROUNDUP_CITIES = ["Mendoza", "Tirana", "Surabaya", "Kaduna", "Quezon City", "Bucharest"]
