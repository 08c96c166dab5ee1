"""Bulqizë's Social Plan 2019–2023 (illustrative): drafted with its advisory group in four
meetings, in public consultation in May 2019, adopted by the Municipal Council in June 2019 and
in implementation. Its measures answer the largest A8 gaps of the demo's assessment (families
on economic aid in Ostren, Zerqan and Fushë-Bulqizë; elderly people and persons with
disabilities in the mountain units)."""

from datetime import date
from decimal import Decimal

from kujdes.directory.demo import demo_id
from kujdes.planning.demo.decision import DemoAdoption
from kujdes.planning.demo.plans import (
    DONOR,
    MUNICIPAL,
    SOCIAL_FUND,
    DemoActivity,
    DemoComment,
    DemoDecision,
    DemoIndicator,
    DemoMeasure,
    DemoMeeting,
    DemoMember,
    DemoObjective,
    DemoPlan,
    at,
    gaps_of,
    targets,
    yearly,
)
from kujdes.planning.models import AdvisoryMember, Comment, Plan

PLAN_TITLE = "Plani Social i Bashkisë Bulqizë 2019–2023"
U = "AL-BULQIZE-"
DIRECTORATE = "Drejtoria e Shërbimeve Sociale"
NVNR = "Njësia e Vlerësimit të Nevojave dhe Referimit"
Sector = AdvisoryMember.Sector

CONTENT = (
    DemoObjective(
        "1",
        "Shërbime në komunitet për personat me aftësi të kufizuara dhe të moshuarit",
        "Community services for persons with disabilities and elderly people",
    ),
    DemoObjective("1.1", "Kujdes në shtëpi në njësitë malore", "Home care in the mountain units"),
    DemoMeasure(
        "1.1.1",
        "Shtrirja e kujdesit në shtëpi në Zerqan, Trebisht, Ostren dhe Gjoricë",
        "Home care extended to Zerqan, Trebisht, Ostren and Gjoricë",
        gaps=gaps_of("PERSONS_WITH_DISABILITIES", U + "ZERQAN", U + "GJORICE")
        + gaps_of("ELDERLY", U + "TREBISHT", U + "OSTREN"),
    ),
    DemoActivity(
        "1.1.1.1",
        "Ekip i lëvizshëm i kujdesit në shtëpi",
        "A mobile home-care team",
        DIRECTORATE,
        {
            **yearly(2020, 2023, MUNICIPAL, 1_200_000),
            **yearly(2021, 2023, SOCIAL_FUND, 1_800_000),
            (2020, DONOR): Decimal(2_500_000),
        },
        service_type="AL_COMMUNITY_HOME",
        target_groups=("AL_PWD", "AL_ELDERLY"),
        units=(U + "ZERQAN", U + "TREBISHT", U + "OSTREN", U + "GJORICE"),
        partners=("bulqize-ngo-elderly",),
        creates_new_service=True,
        contracted_to_ngo=True,
    ),
    DemoObjective(
        "1.2",
        "Qendër ditore për të moshuarit në Bulqizë",
        "A day centre for elderly people in Bulqizë",
    ),
    DemoMeasure(
        "1.2.1",
        "Hapja dhe funksionimi i qendrës ditore",
        "Opening and running the day centre",
        gaps=gaps_of("ELDERLY", U + "BULQIZE"),
    ),
    DemoActivity(
        "1.2.1.1",
        "Rikonstruksioni i mjediseve të qendrës",
        "Refurbishing the centre's rooms",
        "Drejtoria e Planifikimit dhe Zhvillimit",
        {(2019, MUNICIPAL): Decimal(3_500_000), (2020, DONOR): Decimal(4_000_000)},
        target_groups=("AL_ELDERLY",),
        units=(U + "BULQIZE",),
    ),
    DemoActivity(
        "1.2.1.2",
        "Shërbimi ditor për 30 të moshuar, me transport nga fshatrat e njësisë Bulqizë",
        "Day service for 30 elderly people, with transport from the villages of the Bulqizë unit",
        DIRECTORATE,
        {**yearly(2021, 2023, MUNICIPAL, 2_100_000), **yearly(2021, 2023, SOCIAL_FUND, 900_000)},
        service_type="AL_COMMUNITY_DAY",
        target_groups=("AL_ELDERLY",),
        units=(U + "BULQIZE",),
        creates_new_service=True,
    ),
    DemoObjective(
        "2",
        "Mbrojtja e fëmijëve, e viktimave të dhunës në familje dhe e familjeve në nevojë",
        "Protection of children, of victims of domestic violence and of families in need",
    ),
    DemoObjective(
        "2.1", "Përgjigje e shpejtë ndaj dhunës në familje", "A quick response to domestic violence"
    ),
    DemoMeasure(
        "2.1.1",
        "Strehim emergjent 72-orësh dhe referim",
        "72-hour emergency shelter and referral",
        gaps=gaps_of("VICTIMS_OF_VIOLENCE", U + "FUSHE-BULQIZE"),
    ),
    DemoActivity(
        "2.1.1.1",
        "Funksionimi i strehimit emergjent 72-orësh",
        "Running the 72-hour emergency shelter",
        NVNR,
        yearly(2019, 2023, MUNICIPAL, 1_500_000),
        service_type="AL_COMMUNITY_EMERGENCY_72H",
        target_groups=(
            "AL_VICTIMS_VIOLENCE",
            "AL_CHILD_SPECIAL_PROTECTION",
        ),
        creates_new_service=True,
        contracted_to_ngo=True,
    ),
    DemoActivity(
        "2.1.1.2",
        "Trajnimi i punonjësve për rastet e dhunës",
        "Training staff for cases of violence",
        "Njësia për Mbrojtjen e Fëmijës",
        yearly(2019, 2021, DONOR, 600_000),
        target_groups=("AL_VICTIMS_VIOLENCE",),
    ),
    DemoObjective(
        "2.2",
        "Mbështetje për familjet me ndihmë ekonomike në njësitë me nevojat më të mëdha",
        "Support for families on economic aid in the units of greatest need",
    ),
    DemoMeasure(
        "2.2.1",
        "Menaxhim rasti dhe shërbime parandaluese për familjet me ndihmë ekonomike",
        "Case management and preventive services for families on economic aid",
        gaps=gaps_of(
            "POOR_FAMILIES", U + "OSTREN", U + "ZERQAN", U + "FUSHE-BULQIZE", U + "MARTANESH"
        ),
    ),
    DemoActivity(
        "2.2.1.1",
        "Menaxhim rasti, këshillim dhe referim në programet e punësimit",
        "Case management, counselling and referral to employment programmes",
        NVNR,
        {**yearly(2020, 2023, MUNICIPAL, 800_000), (2020, DONOR): Decimal(1_200_000)},
        service_type="AL_PARASOCIAL_INFO_COUNSELLING",
        target_groups=("AL_POOR_FAMILIES", "AL_FAMILIES"),
        units=(U + "OSTREN", U + "ZERQAN", U + "FUSHE-BULQIZE"),
        creates_new_service=True,
    ),
    DemoActivity(
        "2.2.1.2",
        "Vizita të rregullta në shtëpi në Martanesh dhe Ostren",
        "Regular home visits in Martanesh and Ostren",
        DIRECTORATE,
        yearly(2020, 2023, MUNICIPAL, 450_000),
        service_type="AL_PARASOCIAL_INFO_COUNSELLING",
        target_groups=("AL_POOR_FAMILIES", "AL_CHILDREN"),
        units=(U + "MARTANESH", U + "OSTREN"),
        partners=("bulqize-ngo-elderly",),
    ),
)

INDICATORS = (
    DemoIndicator(
        "home-care",
        "1",
        "Persona që marrin kujdes në shtëpi",
        "People receiving home care",
        "persona",
        DIRECTORATE,
        Decimal(31),
        2018,
        targets(2020, 45, 60, 75, 90),
    ),
    DemoIndicator(
        "day-centre",
        "1.2.1",
        "Të moshuar që frekuentojnë qendrën ditore",
        "Elderly people attending the day centre",
        "persona",
        DIRECTORATE,
        Decimal(0),
        2018,
        targets(2021, 20, 30, 30),
    ),
    DemoIndicator(
        "shelter",
        "2.1.1",
        "Raste të dhunës në familje të strehuara brenda 24 orëve (%)",
        "Domestic-violence cases sheltered within 24 hours (%)",
        "%",
        NVNR,
        Decimal(40),
        2018,
        targets(2019, 50, 60, 70, 80, 90),
    ),
    DemoIndicator(
        "case-plans",
        "2.2.1",
        "Familje me ndihmë ekonomike me plan individual të menaxhimit të rastit",
        "Families on economic aid with an individual case-management plan",
        "familje",
        NVNR,
        Decimal(0),
        2018,
        targets(2020, 40, 80, 120, 150),
    ),
)

MEMBERS = (
    DemoMember("chair", "Arben Hoxha", "Bashkia Bulqizë, Drejtoria e Shërbimeve Sociale", Sector.MUNICIPALITY, "kryetar i grupit"),
    DemoMember("finance", "Mimoza Lika", "Bashkia Bulqizë, Drejtoria e Financës", Sector.MUNICIPALITY, "anëtare, buxheti"),
    DemoMember("sss", "Elona Daci", "Shërbimi Social Shtetëror, Zyra Rajonale Dibër", Sector.SOCIAL_WORK_CENTRE, "anëtare"),
    DemoMember("health", "Gëzim Muça", "Qendra Shëndetësore Bulqizë", Sector.PUBLIC_SERVICE, "anëtar"),
    DemoMember("ngo", "Lindita Kola", "Shoqata Zemër e Bardhë", Sector.CIVIL_SOCIETY, "anëtare"),
    DemoMember("users", "Fatmir Doçi", "Shoqata e personave me aftësi të kufizuara, Bulqizë", Sector.SERVICE_USERS, "përfaqësues i përdoruesve"),
    DemoMember("parents", "Drita Shehu", "Prindër të fëmijëve me aftësi të kufizuara", Sector.SERVICE_USERS, "përfaqësuese e familjeve"),
    DemoMember("donor", "Erjon Bega", "UNDP Shqipëri, programi Leave No One Behind", Sector.DONOR, "vëzhgues"),
)  # fmt: skip
EVERYONE = tuple(member.key for member in MEMBERS)
HALL = "Salla e mbledhjeve, Bashkia Bulqizë"

MEETINGS = (
    DemoMeeting(
        date(2019, 2, 12),
        HALL,
        "1. Ngritja e grupit këshillëdhënës dhe rregullorja e punës\n2. Vlerësimi i nevojave (A1–A8)\n3. Vizioni dhe objektivat strategjike\n4. Kalendari i hartimit të planit",
        "Morën pjesë 7 nga 8 anëtarët. Drejtoria e Shërbimeve Sociale paraqiti vlerësimin e nevojave: boshllëqet më të mëdha janë te familjet me ndihmë ekonomike në Ostren, Zerqan dhe Fushë-Bulqizë dhe te të moshuarit e personat me aftësi të kufizuara në njësitë malore. Grupi ra dakord për vizionin dhe dy objektiva strategjike. Takimi i ardhshëm: mars 2019.",
        tuple(key for key in EVERYONE if key != "donor"),
        (
            DemoDecision(
                "Miratohen vizioni i planit dhe dy objektivat strategjike: shërbime në komunitet për personat me aftësi të kufizuara dhe të moshuarit; mbrojtja e fëmijëve, e viktimave të dhunës dhe e familjeve në nevojë.",
                ("1", "2"),
            ),
        ),
    ),
    DemoMeeting(
        date(2019, 3, 19),
        HALL,
        "1. Boshllëqet sipas njësive administrative dhe grupeve\n2. Masat dhe aktivitetet e propozuara\n3. Kostot sipas viteve dhe burimeve të financimit",
        "Morën pjesë të gjithë anëtarët. Drejtoria e Financës paraqiti tavanin buxhetor 2019–2021. Grupi kërkoi që kujdesi në shtëpi të shtrihet edhe në Gjoricë, ku numri i personave me aftësi të kufizuara është i lartë, dhe që plani të ketë një objektiv për familjet me ndihmë ekonomike.",
        EVERYONE,
        (
            DemoDecision(
                "Kujdesi në shtëpi shtrihet edhe në Gjoricë: masa 1.1.1 dhe aktiviteti 1.1.1.1 përfshijnë njësinë Gjoricë.",
                ("1.1.1", "1.1.1.1"),
            ),
            DemoDecision(
                "Shtohet objektivi specifik 2.2 me masën 2.2.1: menaxhim rasti për familjet me ndihmë ekonomike në Ostren, Zerqan, Fushë-Bulqizë dhe Martanesh.",
                ("2.2", "2.2.1", "2.2.1.1"),
            ),
        ),
    ),
    DemoMeeting(
        date(2019, 4, 16),
        HALL,
        "1. Drafti i plotë i planit\n2. Treguesit dhe vlerat e synuara\n3. Përgatitja e konsultimit publik",
        "Morën pjesë 6 anëtarë. Grupi shqyrtoi draftin e plotë dhe treguesit. Drafti publikohet në faqen e bashkisë dhe diskutohet në dy dëgjesa publike, në Bulqizë dhe në Zerqan.",
        ("chair", "finance", "sss", "ngo", "users", "parents"),
        (
            DemoDecision(
                "Miratohen treguesit e planit, me vlerat bazë të vitit 2018 dhe vlerat e synuara vjetore.",
                (
                    "indicator:home-care",
                    "indicator:day-centre",
                    "indicator:shelter",
                    "indicator:case-plans",
                ),
            ),
            DemoDecision("Drafti i planit hapet për konsultim publik nga 2 deri më 31 maj 2019."),
        ),
    ),
    DemoMeeting(
        date(2019, 6, 4),
        HALL,
        "1. Komentet e konsultimit publik dhe përgjigjet e propozuara\n2. Dërgimi i planit në Këshillin Bashkiak",
        "Morën pjesë 7 anëtarë. U shqyrtuan gjashtë komente: dy pranohen, dy pranohen pjesërisht dhe dy refuzohen, me arsyet përkatëse.",
        ("chair", "finance", "sss", "health", "ngo", "users", "donor"),
        (
            DemoDecision(
                "Pranohet komenti i Shoqatës Zemër e Bardhë: shtohet aktiviteti 2.2.1.2, vizita të rregullta në shtëpi në Martanesh dhe Ostren.",
                ("2.2.1.2",),
            ),
            DemoDecision(
                "Pranohet pjesërisht komenti për transportin: qendra ditore ofron transport për fshatrat e njësisë Bulqizë brenda kostos së aktivitetit 1.2.1.2.",
                ("1.2.1.2",),
            ),
            DemoDecision("Plani dërgohet në Këshillin Bashkiak për miratim."),
        ),
    ),
)

Answer = Comment.Answer
COMMENTS = (
    DemoComment(
        at(2019, 5, 7, 11, 20),
        "Masa 2.2.1",
        "Familjet me ndihmë ekonomike në Martanesh janë larg çdo shërbimi. Propozojmë vizita të rregullta në shtëpi nga punonjësi social, jo vetëm takime në zyrë.",
        Answer.ACCEPTED,
        "Shtohet aktiviteti 2.2.1.2, vizita të rregullta në shtëpi në Martanesh dhe Ostren, nga viti 2020.",
        organization="Shoqata Zemër e Bardhë",
    ),
    DemoComment(
        at(2019, 5, 9, 18, 5),
        "Qendra ditore për të moshuarit",
        "Qendra ditore duhet të ketë transport për të moshuarit nga fshatrat përreth, përndryshe do ta përdorin vetëm ata të qytetit.",
        Answer.PARTLY,
        "Transporti përfshihet për fshatrat e njësisë Bulqizë brenda kostos së aktivitetit 1.2.1.2. Për njësitë e tjera do të vendoset në rishikimin vjetor të vitit 2021, kur të njihet numri i përdoruesve.",
    ),
    DemoComment(
        at(2019, 5, 14, 9, 45),
        "Objektivi 2",
        "Plani nuk parashikon shërbim për fëmijët me aftësi të kufizuara në zhvillim. Kërkojmë një qendër ditore të re për ta.",
        Answer.REJECTED,
        "Qendra ditore për fëmijët me aftësi të kufizuara në zhvillim në Bulqizë funksionon me financim të një donatori deri në vitin 2021 (vlerësimi i nevojave, A3). Plani nuk hap një qendër të dytë; marrja përsipër e kostove nga bashkia do të shqyrtohet në rishikimin e vitit 2021.",
        organization="Organizata për të Drejtat e Fëmijëve Dibër",
    ),
    DemoComment(
        at(2019, 5, 16, 20, 30),
        "Buxheti",
        "Sa nga buxheti i planit vjen nga bashkia dhe sa nga donatorët? Në draft nuk duket qartë.",
        Answer.ACCEPTED,
        "Plani publikohet me tabelën e buxhetit sipas burimit të financimit dhe vitit.",
    ),
    DemoComment(
        at(2019, 5, 22, 13, 10),
        "Aktiviteti 2.1.1.1",
        "Strehimi emergjent duhet të jetë në qytetin e Bulqizës, jo larg tij.",
        Answer.REJECTED,
        "Vendndodhja e strehimit emergjent nuk bëhet publike, për sigurinë e viktimave. Shërbimi mbulon të gjithë bashkinë; transporti sigurohet nga policia ose punonjësi social.",
        author_name="Bujar M.",
    ),
    DemoComment(
        at(2019, 5, 28, 10, 0),
        "Objektivi specifik 2.2",
        "Propozojmë që familjet me ndihmë ekonomike të referohen edhe në programet e nxitjes së punësimit dhe të formimit profesional.",
        Answer.PARTLY,
        "Referimi në programet e punësimit përfshihet në aktivitetin 2.2.1.1. Vetë programet mbeten përgjegjësi e Zyrës së Punësimit dhe nuk kostohen në këtë plan.",
        organization="Zyra Vendore e Punësimit Bulqizë",
    ),
)

PLAN = DemoPlan(
    id=demo_id("plan", "AL-BULQIZE:2019"),
    municipality="AL-BULQIZE",
    values={
        "name_sq": PLAN_TITLE,
        "name_en": "Social Plan of the Municipality of Bulqizë 2019–2023",
        "kind": Plan.Kind.SOCIAL_PLAN,
        "start_year": 2019,
        "end_year": 2023,
        "currency": "ALL",
        "vision_sq": "Bulqiza, një bashki ku çdo person në nevojë – i moshuar, me aftësi të kufizuara, fëmijë në rrezik ose familje në vështirësi – merr kujdes të mirë pranë shtëpisë, në çdo njësi administrative, fshatrat malore përfshirë.",
        "vision_en": "Bulqizë, a municipality where everyone in need – an elderly person, a person with disabilities, a child at risk or a family in difficulty – is well cared for close to home, in every administrative unit, the mountain villages included.",
        "mission_sq": "Bashkia Bulqizë planifikon, financon dhe ofron, vetë ose përmes organizatave të licencuara, shërbime të kujdesit shoqëror që u përgjigjen nevojave të vlerësuara në çdo njësi administrative, bashkë me grupin këshillëdhënës, Shërbimin Social Shtetëror dhe përdoruesit e shërbimeve.",
        "mission_en": "The Municipality of Bulqizë plans, funds and provides, itself or through licensed organizations, social care services that answer the needs assessed in each administrative unit, together with the advisory group, the State Social Service and the people who use the services.",
        "principles_sq": "Dinjiteti dhe të drejtat e njeriut.\nMosdiskriminimi dhe barazia gjinore.\nShërbime pranë komunitetit, që parandalojnë institucionalizimin.\nPjesëmarrja e përdoruesve në planifikim dhe vlerësim.\nTransparenca dhe llogaridhënia për fondet publike.\nPartneriteti me shoqërinë civile dhe donatorët.",
        "principles_en": "Dignity and human rights.\nNon-discrimination and gender equality.\nServices close to the community, which prevent institutionalisation.\nParticipation of service users in planning and evaluation.\nTransparency and accountability for public funds.\nPartnership with civil society and donors.",
    },
    content=CONTENT,
    indicators=INDICATORS,
    members=MEMBERS,
    meetings=MEETINGS,
    consultation=(date(2019, 5, 2), date(2019, 5, 31)),
    comments=COMMENTS,
    answered_on=date(2019, 6, 5),
    submitted_on=date(2019, 6, 10),
    adoption=DemoAdoption(
        body="Këshilli Bashkiak Bulqizë",
        number="47",
        decided_on=date(2019, 6, 27),
        languages=("sq",),
        heading=("REPUBLIKA E SHQIPËRISË", "BASHKIA BULQIZË", "KËSHILLI BASHKIAK"),
        title="VENDIM Nr. 47, datë 27.06.2019, PËR MIRATIMIN E PLANIT SOCIAL TË BASHKISË BULQIZË 2019–2023",
        paragraphs=(
            "Në mbështetje të ligjit nr. 139/2015 „Për vetëqeverisjen vendore“ dhe të ligjit nr. 121/2016 „Për shërbimet e kujdesit shoqëror në Republikën e Shqipërisë“, pasi shqyrtoi propozimin e Kryetarit të Bashkisë dhe procesverbalin e konsultimit publik, Këshilli Bashkiak Bulqizë",
            "VENDOSI:",
            "1. Miratimin e Planit Social të Bashkisë Bulqizë 2019–2023, me kosto të përgjithshme 44 700 000 lekë, sipas dokumentit bashkëlidhur.",
            "2. Ngarkohen Drejtoria e Shërbimeve Sociale për zbatimin e planit dhe Drejtoria e Financës për parashikimin e fondeve në buxhetet vjetore.",
            "3. Ky vendim hyn në fuqi pas shpalljes.",
            "KRYETARI I KËSHILLIT BASHKIAK",
        ),
    ),
)
