"""Pukë's Social Plan 2025–2030 (illustrative): three strategic objectives, measures that answer
the A8 gaps of Pukë's five administrative units, sixteen activities costed per year and funding
source, indicators with yearly targets; drafted with its advisory group, in public consultation
in March 2025 and adopted by the Municipal Council in April 2025."""

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

PLAN_TITLE = "Plani Social i Bashkisë Pukë 2025–2030"
GJEGJAN, PUKE, QELEZ, QERRET, RRAPE = (
    f"AL-PUKE-{unit}" for unit in ("GJEGJAN", "PUKE", "QELEZ", "QERRET", "RRAPE")
)
DIRECTORATE = "Drejtoria e Shërbimeve Sociale"
CHILD_PROTECTION = "Njësia për Mbrojtjen e Fëmijës"
NVNR = "Njësia e Vlerësimit të Nevojave dhe Referimit"
NGO = "puke-ngo-home-care"
CENTRE = "puke-directorate"

CONTENT = (
    DemoObjective(
        "1",
        "Kujdes shoqëror pranë shtëpisë në njësitë malore",
        "Social care close to home in the mountain units",
    ),
    DemoObjective(
        "1.1",
        "Kujdes në shtëpi dhe rehabilitim për të moshuarit dhe personat me aftësi të kufizuara",
        "Home care and rehabilitation for elderly people and persons with disabilities",
    ),
    DemoMeasure(
        "1.1.1",
        "Kujdes në shtëpi për të moshuarit që jetojnë vetëm",
        "Home care for elderly people living alone",
        gaps=gaps_of("ELDERLY", QERRET, PUKE, RRAPE, QELEZ),
    ),
    DemoActivity(
        "1.1.1.1",
        "Kontraktimi i kujdesit në shtëpi me një OJF të licencuar",
        "Home care contracted to a licensed NGO",
        DIRECTORATE,
        {**yearly(2025, 2030, MUNICIPAL, 1_500_000), **yearly(2026, 2030, SOCIAL_FUND, 2_400_000)},
        service_type="AL_COMMUNITY_HOME",
        target_groups=("AL_ELDERLY", "AL_PWD"),
        units=(QERRET, PUKE, RRAPE, QELEZ),
        partners=(NGO,),
        creates_new_service=True,
        contracted_to_ngo=True,
    ),
    DemoActivity(
        "1.1.1.2",
        "Një mjet me tërheqje 4x4 për ekipin e kujdesit në shtëpi",
        "A four-wheel-drive vehicle for the home-care team",
        DIRECTORATE,
        {(2025, MUNICIPAL): Decimal(300_000), (2025, DONOR): Decimal(3_200_000)},
        target_groups=("AL_ELDERLY",),
        units=(QELEZ, RRAPE),
    ),
    DemoMeasure(
        "1.1.2",
        "Shërbime të lëvizshme rehabilitimi në Gjegjan, Qelëz dhe Rrapë",
        "Mobile rehabilitation services in Gjegjan, Qelëz and Rrapë",
        gaps=gaps_of("PERSONS_WITH_DISABILITIES", GJEGJAN, RRAPE, QELEZ),
    ),
    DemoActivity(
        "1.1.2.1",
        "Fizioterapi dhe terapi e të folurit nga Qendra Multifunksionale, dy ditë në javë në çdo njësi",
        "Physiotherapy and speech therapy by the multifunctional centre, two days a week in each unit",
        DIRECTORATE,
        {**yearly(2026, 2030, MUNICIPAL, 1_200_000), **yearly(2026, 2030, SOCIAL_FUND, 1_000_000)},
        service_type="AL_COMMUNITY_MULTIFUNCTIONAL",
        target_groups=("AL_PWD",),
        units=(GJEGJAN, QELEZ, RRAPE),
        partners=(CENTRE,),
        creates_new_service=True,
    ),
    DemoObjective(
        "1.2",
        "Mbrojtja e fëmijëve në rrezik dhe e fëmijëve pa kujdes prindëror",
        "Protection of children at risk and of children without parental care",
    ),
    DemoMeasure(
        "1.2.1",
        "Mbrojtja e fëmijës në çdo njësi administrative",
        "Child protection in every administrative unit",
        gaps=gaps_of("CHILDREN", RRAPE, GJEGJAN, QELEZ, QERRET),
    ),
    DemoActivity(
        "1.2.1.1",
        "Një punonjës për mbrojtjen e fëmijës për Gjegjanin, Qelëzin dhe Rrapën, me orar javor në secilën",
        "A child-protection worker for Gjegjan, Qelëz and Rrapë, with weekly hours in each",
        CHILD_PROTECTION,
        yearly(2025, 2030, MUNICIPAL, 960_000),
        target_groups=("AL_CHILD_SPECIAL_PROTECTION",),
        units=(GJEGJAN, QELEZ, RRAPE),
    ),
    DemoActivity(
        "1.2.1.2",
        "Familje kujdestare për fëmijët pa kujdes prindëror",
        "Foster families for children without parental care",
        CHILD_PROTECTION,
        {**yearly(2026, 2030, SOCIAL_FUND, 1_100_000), (2026, DONOR): Decimal(800_000)},
        service_type="AL_COMMUNITY_ALTERNATIVE",
        target_groups=("AL_CHILDREN_WITHOUT_PARENTAL_CARE",),
        creates_new_service=True,
    ),
    DemoActivity(
        "1.2.1.3",
        "Trajnimi i mësuesve, mjekëve dhe infermierëve të familjes për identifikimin dhe referimin e rasteve",
        "Training teachers, family doctors and nurses to identify and refer cases",
        CHILD_PROTECTION,
        yearly(2025, 2026, DONOR, 450_000),
        target_groups=("AL_CHILDREN",),
    ),
    DemoObjective(
        "2",
        "Mbrojtja nga dhuna dhe përfshirja sociale e familjeve në nevojë",
        "Protection from violence and social inclusion of families in need",
    ),
    DemoObjective(
        "2.1",
        "Përgjigje e shpejtë dhe e koordinuar ndaj dhunës në familje",
        "A quick, coordinated response to domestic violence",
    ),
    DemoMeasure(
        "2.1.1",
        "Mekanizmi i referimit dhe strehimi emergjent",
        "The referral mechanism and emergency shelter",
        gaps=gaps_of("VICTIMS_OF_VIOLENCE", RRAPE, GJEGJAN, QELEZ, QERRET),
    ),
    DemoActivity(
        "2.1.1.1",
        "Shërbim emergjent 72-orësh në Pukë për viktimat e dhunës",
        "A 72-hour emergency service in Pukë for victims of violence",
        NVNR,
        {**yearly(2026, 2030, MUNICIPAL, 900_000), **yearly(2026, 2030, SOCIAL_FUND, 600_000)},
        service_type="AL_COMMUNITY_EMERGENCY_72H",
        target_groups=("AL_VICTIMS_VIOLENCE", "AL_ABUSED_WOMEN"),
        creates_new_service=True,
    ),
    DemoActivity(
        "2.1.1.2",
        "Takime mujore të mekanizmit të referimit dhe një linjë telefonike vendore",
        "Monthly meetings of the referral mechanism and a local telephone line",
        NVNR,
        yearly(2025, 2030, MUNICIPAL, 150_000),
        target_groups=("AL_VICTIMS_VIOLENCE",),
    ),
    DemoActivity(
        "2.1.1.3",
        "Fushata informuese në shkolla dhe në fshatra",
        "Information campaigns in schools and villages",
        NVNR,
        yearly(2025, 2027, DONOR, 300_000),
        service_type="AL_PARASOCIAL_INFO_COUNSELLING",
        target_groups=("AL_WOMEN_GBV_RISK", "AL_CHILDREN"),
        units=(GJEGJAN, QELEZ, QERRET, RRAPE),
    ),
    DemoObjective(
        "2.2",
        "Familjet me ndihmë ekonomike mbështeten drejt pavarësisë",
        "Families on economic aid are supported towards independence",
    ),
    DemoMeasure(
        "2.2.1",
        "Menaxhim rasti dhe mbështetje parandaluese për familjet me ndihmë ekonomike",
        "Case management and preventive support for families on economic aid",
        gaps=gaps_of("POOR_FAMILIES", QERRET, RRAPE, PUKE, GJEGJAN, QELEZ),
    ),
    DemoActivity(
        "2.2.1.1",
        "Menaxhim rasti dhe këshillim për familjet me ndihmë ekonomike",
        "Case management and counselling for families on economic aid",
        NVNR,
        yearly(2025, 2030, MUNICIPAL, 700_000),
        service_type="AL_PARASOCIAL_INFO_COUNSELLING",
        target_groups=("AL_POOR_FAMILIES",),
        creates_new_service=True,
    ),
    DemoActivity(
        "2.2.1.2",
        "Paketë dimri në natyrë (dru zjarri, veshje) për familjet në Qerret dhe Rrapë",
        "A winter package in kind (firewood, clothing) for families in Qerret and Rrapë",
        DIRECTORATE,
        yearly(2025, 2030, MUNICIPAL, 1_000_000),
        target_groups=("AL_POOR_FAMILIES", "AL_PARENTS_MANY_CHILDREN"),
        units=(QERRET, RRAPE),
    ),
    DemoActivity(
        "2.2.1.3",
        "Referimi në programet e punësimit dhe të formimit profesional",
        "Referral to employment and vocational training programmes",
        NVNR,
        yearly(2026, 2030, MUNICIPAL, 200_000),
        target_groups=("AL_POOR_FAMILIES", "AL_FEMALE_HEADS_HOUSEHOLD"),
    ),
    DemoObjective(
        "3",
        "Një sistem vendor i kujdesit shoqëror me staf, të dhëna dhe financim të qëndrueshëm",
        "A local social care system with lasting staff, data and funding",
    ),
    DemoObjective(
        "3.1",
        "Strukturat e plotësuara dhe plani i monitoruar çdo vit",
        "Structures fully staffed and the plan monitored every year",
    ),
    DemoMeasure(
        "3.1.1",
        "Plotësimi i strukturave sipas ligjit 121/2016",
        "Staffing the structures Law 121/2016 requires",
    ),
    DemoActivity(
        "3.1.1.1",
        "Dy punonjës socialë për njësitë administrative",
        "Two social workers for the administrative units",
        "Drejtoria e Burimeve Njerëzore",
        yearly(2025, 2030, MUNICIPAL, 1_800_000),
        units=(GJEGJAN, QELEZ, QERRET, RRAPE),
    ),
    DemoActivity(
        "3.1.1.2",
        "Trajnime të akredituara për stafin e shërbimeve sociale",
        "Accredited training for social services staff",
        DIRECTORATE,
        yearly(2025, 2030, DONOR, 250_000),
    ),
    DemoMeasure(
        "3.1.2",
        "Monitorimi vjetor me grupin këshillëdhënës dhe përdoruesit e shërbimeve",
        "Yearly monitoring with the advisory group and the people who use the services",
    ),
    DemoActivity(
        "3.1.2.1",
        "Rishikimi vjetor i planit dhe raporti publik",
        "The plan's yearly review and public report",
        DIRECTORATE,
        yearly(2026, 2030, MUNICIPAL, 120_000),
    ),
    DemoActivity(
        "3.1.2.2",
        "Anketë e kënaqësisë së përdoruesve të shërbimeve, në 2027 dhe 2030",
        "A survey of service users' satisfaction, in 2027 and 2030",
        DIRECTORATE,
        {(2027, DONOR): Decimal(200_000), (2030, DONOR): Decimal(200_000)},
    ),
)

SOURCE = DIRECTORATE
INDICATORS = (
    DemoIndicator("home-care", "1.1.1", "Të moshuar dhe persona me aftësi të kufizuara që marrin kujdes në shtëpi", "Elderly people and persons with disabilities receiving home care", "persona", SOURCE, Decimal(20), 2024, targets(2025, 25, 40, 55, 65, 75, 80)),
    DemoIndicator("rehabilitation", "1.1.2", "Persona me aftësi të kufizuara në Gjegjan, Qelëz dhe Rrapë që marrin rehabilitim", "Persons with disabilities in Gjegjan, Qelëz and Rrapë receiving rehabilitation", "persona", SOURCE, Decimal(0), 2024, targets(2026, 15, 25, 30, 35, 40)),
    DemoIndicator("foster", "1.2.1", "Fëmijë pa kujdes prindëror të vendosur në familje kujdestare", "Children without parental care placed with foster families", "fëmijë", CHILD_PROTECTION, Decimal(0), 2024, targets(2026, 2, 4, 6, 8, 10)),
    DemoIndicator("referral", "2.1.1", "Raste të dhunës në familje të referuara brenda 24 orëve (%)", "Domestic-violence cases referred within 24 hours (%)", "%", NVNR, Decimal(45), 2024, targets(2025, 55, 65, 75, 85, 90, 95)),
    DemoIndicator("case-plans", "2.2.1", "Familje me ndihmë ekonomike me plan individual të menaxhimit të rastit", "Families on economic aid with an individual case-management plan", "familje", NVNR, Decimal(30), 2024, targets(2025, 60, 110, 160, 200, 240, 280)),
    DemoIndicator("posts", "3", "Pozicione të plotësuara në strukturat e kujdesit shoqëror (%)", "Posts filled in the social care structures (%)", "%", "Drejtoria e Burimeve Njerëzore", Decimal(60), 2024, targets(2025, 70, 80, 90, 100, 100, 100)),
)  # fmt: skip

Sector = AdvisoryMember.Sector
MEMBERS = (
    DemoMember("chair", "Blerina Marku", "Bashkia Pukë, Drejtoria e Shërbimeve Sociale", Sector.MUNICIPALITY, "kryetare e grupit"),
    DemoMember("finance", "Pjetër Gjoni", "Bashkia Pukë, Drejtoria e Financës", Sector.MUNICIPALITY, "anëtar, buxheti"),
    DemoMember("child", "Marjana Prenga", "Bashkia Pukë, Njësia për Mbrojtjen e Fëmijës", Sector.MUNICIPALITY, "anëtare"),
    DemoMember("sss", "Ardian Lleshi", "Shërbimi Social Shtetëror, Zyra Rajonale Shkodër", Sector.SOCIAL_WORK_CENTRE, "anëtar"),
    DemoMember("health", "Valbona Deda", "Qendra Shëndetësore Pukë", Sector.PUBLIC_SERVICE, "anëtare"),
    DemoMember("ngo", "Gjergj Vata", "Shoqata Kujdes në Shtëpi Pukë", Sector.CIVIL_SOCIETY, "anëtar"),
    DemoMember("parents", "Lule Pali", "Prindër të fëmijëve me aftësi të kufizuara, Pukë", Sector.SERVICE_USERS, "përfaqësuese e familjeve"),
    DemoMember("donor", "Klodiana Shkurti", "Save the Children në Shqipëri", Sector.DONOR, "vëzhguese"),
)  # fmt: skip
EVERYONE = tuple(member.key for member in MEMBERS)
HALL = "Salla e Këshillit Bashkiak, Pukë"

MEETINGS = (
    DemoMeeting(
        date(2025, 1, 21),
        HALL,
        "1. Ngritja e grupit këshillëdhënës\n2. Vlerësimi i nevojave dhe boshllëqet sipas njësive (A8)\n3. Vizioni dhe objektivat strategjike",
        "Morën pjesë 7 nga 8 anëtarët. Pukë ka humbur rreth 44% të banorëve që nga viti 2011; boshllëqet më të mëdha janë te fëmijët dhe viktimat e dhunës në Rrapë, Gjegjan dhe Qelëz dhe te familjet me ndihmë ekonomike në Qerret. Grupi ra dakord për tre objektiva strategjike.",
        tuple(key for key in EVERYONE if key != "health"),
        (
            DemoDecision(
                "Miratohen vizioni i planit dhe tre objektivat strategjike.", ("1", "2", "3")
            ),
        ),
    ),
    DemoMeeting(
        date(2025, 2, 11),
        HALL,
        "1. Masat për çdo boshllëk\n2. Aktivitetet, përgjegjësit dhe kostot\n3. Shërbimet për t'u kontraktuar me OJF",
        "Morën pjesë të gjithë anëtarët. Grupi vendosi që kujdesi në shtëpi të kontraktohet me një OJF të licencuar dhe që njësitë e largëta të mbulohen nga shërbime të lëvizshme të Qendrës Multifunksionale.",
        EVERYONE,
        (
            DemoDecision(
                "Kujdesi në shtëpi kontraktohet me një OJF të licencuar (aktiviteti 1.1.1.1).",
                ("1.1.1", "1.1.1.1"),
            ),
            DemoDecision(
                "Qendra Multifunksionale ofron shërbime të lëvizshme në Gjegjan, Qelëz dhe Rrapë (masa 1.1.2).",
                ("1.1.2", "1.1.2.1"),
            ),
        ),
    ),
    DemoMeeting(
        date(2025, 2, 25),
        HALL,
        "1. Treguesit dhe vlerat e synuara\n2. Buxheti sipas viteve dhe burimeve\n3. Konsultimi publik",
        "Morën pjesë 6 anëtarë. Drejtoria e Financës konfirmoi se kostot e bashkisë përfshihen në programin buxhetor afatmesëm 2025–2027.",
        ("chair", "finance", "child", "sss", "ngo", "donor"),
        (
            DemoDecision(
                "Miratohen treguesit dhe vlerat e synuara 2025–2030.",
                tuple(f"indicator:{indicator.key}" for indicator in INDICATORS),
            ),
            DemoDecision("Drafti hapet për konsultim publik nga 3 deri më 24 mars 2025."),
        ),
    ),
    DemoMeeting(
        date(2025, 3, 31),
        HALL,
        "1. Komentet e konsultimit publik dhe përgjigjet e propozuara\n2. Dërgimi i planit në Këshillin Bashkiak",
        "Morën pjesë 7 anëtarë. U shqyrtuan pesë komente: dy pranohen, dy pranohen pjesërisht dhe një refuzohet.",
        tuple(key for key in EVERYONE if key != "donor"),
        (
            DemoDecision(
                "Pranohet komenti për Qelëzin: aktiviteti 1.1.1.2 blen një mjet me tërheqje 4x4.",
                ("1.1.1.2",),
            ),
            DemoDecision(
                "Pranohet komenti i Qendrës Shëndetësore: trajnimi 1.2.1.3 përfshin infermierët e ambulancave të fshatrave.",
                ("1.2.1.3",),
            ),
            DemoDecision("Plani dërgohet në Këshillin Bashkiak për miratim."),
        ),
    ),
)

Answer = Comment.Answer
COMMENTS = (
    DemoComment(
        at(2025, 3, 5, 9, 30),
        "Masa 1.1.1",
        "Në Qelëz ka fshatra ku rruga mbyllet nga bora në dimër. Ekipi i kujdesit në shtëpi ka nevojë për një mjet që i kalon këto rrugë.",
        Answer.ACCEPTED,
        "Aktiviteti 1.1.1.2 blen një mjet me tërheqje 4x4 për ekipin e kujdesit në shtëpi.",
        organization="Shoqata e Grave Rurale Pukë",
    ),
    DemoComment(
        at(2025, 3, 8, 19, 15),
        "Fëmijët në Rrapë",
        "Në Rrapë nuk ka asnjë punonjës social. Prindërit duhet të shkojnë deri në Pukë për çdo gjë.",
        Answer.PARTLY,
        "Aktiviteti 1.2.1.1 sjell një punonjës për mbrojtjen e fëmijës me orar javor në Rrapë, Gjegjan dhe Qelëz, dhe aktiviteti 3.1.1.1 dy punonjës socialë për njësitë. Një punonjës i përhershëm vetëm për Rrapën nuk justifikohet nga numri i rasteve.",
    ),
    DemoComment(
        at(2025, 3, 12, 11, 0),
        "Aktiviteti 1.2.1.3",
        "Trajnimi duhet të përfshijë edhe infermierët e ambulancave të fshatrave: ata i shohin familjet më shpesh se mjekët.",
        Answer.ACCEPTED,
        "Trajnimi 1.2.1.3 përfshin infermierët e ambulancave të fshatrave.",
        organization="Qendra Shëndetësore Pukë",
    ),
    DemoComment(
        at(2025, 3, 17, 21, 40),
        "Buxheti",
        "Paketa e dimrit është ndihmë, jo shërbim. Këto para duhet të shkojnë në shërbime sociale.",
        Answer.REJECTED,
        "Ndihma në natyrë për familjet që nuk i arrijnë dot shërbimet gjatë dimrit është pjesë e mbështetjes parandaluese dhe shoqërohet me menaxhim rasti (2.2.1.1). Kostoja e saj është 7% e planit.",
        author_name="Gjon K.",
    ),
    DemoComment(
        at(2025, 3, 21, 14, 5),
        "Treguesit",
        "Treguesi i kujdesit në shtëpi duhet t'i ndajë të moshuarit nga personat me aftësi të kufizuara.",
        Answer.PARTLY,
        "Raporti vjetor i monitorimit i jep shifrat të ndara sipas grupit. Treguesi mbetet një, që të krahasohet me bazën e vitit 2024.",
        organization="Organizata e Personave me Aftësi të Kufizuara Pukë",
    ),
)

PLAN = DemoPlan(
    id=demo_id("plan", "AL-PUKE:2025"),
    municipality="AL-PUKE",
    values={
        "name_sq": PLAN_TITLE,
        "name_en": "Social Plan of the Municipality of Pukë 2025–2030",
        "kind": Plan.Kind.SOCIAL_PLAN,
        "start_year": 2025,
        "end_year": 2030,
        "currency": "ALL",
        "vision_sq": "Deri në vitin 2030, çdo banor i Pukës në nevojë, edhe në fshatrat më të largëta, gjen shërbim shoqëror cilësor pranë shtëpisë dhe nuk mbetet vetëm.",
        "vision_en": "By 2030, every resident of Pukë in need, in the most remote villages too, finds good social care close to home and is not left alone.",
        "mission_sq": "Bashkia Pukë, bashkë me organizatat e licencuara, Shërbimin Social Shtetëror dhe donatorët, ofron dhe kontrakton shërbime që u përgjigjen boshllëqeve të vlerësuara në pesë njësitë administrative, dhe e mat çdo vit përparimin bashkë me përdoruesit.",
        "mission_en": "The Municipality of Pukë, with licensed organizations, the State Social Service and donors, provides and contracts services that answer the gaps assessed in its five administrative units, and measures progress every year together with the people who use them.",
        "principles_sq": "Dinjiteti dhe mosdiskriminimi.\nInteresi më i lartë i fëmijës.\nShërbime në komunitet para institucionit.\nBarazia ndërmjet qytetit dhe fshatit.\nPjesëmarrja e përdoruesve dhe e familjeve të tyre.\nTransparenca e fondeve dhe e rezultateve.",
        "principles_en": "Dignity and non-discrimination.\nThe best interests of the child.\nCommunity services before institutions.\nEquity between town and village.\nParticipation of service users and their families.\nTransparency of funds and results.",
    },
    content=CONTENT,
    indicators=INDICATORS,
    members=MEMBERS,
    meetings=MEETINGS,
    consultation=(date(2025, 3, 3), date(2025, 3, 24)),
    comments=COMMENTS,
    answered_on=date(2025, 4, 1),
    submitted_on=date(2025, 4, 7),
    adoption=DemoAdoption(
        body="Këshilli Bashkiak Pukë",
        number="29",
        decided_on=date(2025, 4, 29),
        languages=("sq",),
        heading=("REPUBLIKA E SHQIPËRISË", "BASHKIA PUKË", "KËSHILLI BASHKIAK"),
        title="VENDIM Nr. 29, datë 29.04.2025, PËR MIRATIMIN E PLANIT SOCIAL TË BASHKISË PUKË 2025–2030",
        paragraphs=(
            "Në mbështetje të ligjit nr. 139/2015 „Për vetëqeverisjen vendore“ dhe të ligjit nr. 121/2016 „Për shërbimet e kujdesit shoqëror në Republikën e Shqipërisë“, pasi shqyrtoi propozimin e Kryetarit të Bashkisë dhe procesverbalin e konsultimit publik, Këshilli Bashkiak Pukë",
            "VENDOSI:",
            "1. Miratimin e Planit Social të Bashkisë Pukë 2025–2030, me kosto të përgjithshme 82 260 000 lekë, sipas dokumentit bashkëlidhur.",
            "2. Ngarkohen Drejtoria e Shërbimeve Sociale për zbatimin e planit dhe Drejtoria e Financës për parashikimin e fondeve në buxhetet vjetore.",
            "3. Ky vendim hyn në fuqi pas shpalljes.",
            "KRYETARI I KËSHILLIT BASHKIAK",
        ),
    ),
)
