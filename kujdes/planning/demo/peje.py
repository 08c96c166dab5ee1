"""Pejë/Peć's Municipal Strategy for improving social and family services 2022–2024 with its
action plan (illustrative), every text in Albanian and Serbian (Latin) and in English: drafted
by the advisory group in four meetings, in public consultation in early 2022, adopted by the
Municipal Assembly in March 2022. Costs are in euro.

The demo's territory has no administrative units under Kosovo municipalities, so the measures
name no A8 gaps and the activities no units."""

from datetime import date
from decimal import Decimal

from kujdes.directory.demo import demo_id
from kujdes.planning.demo.decision import DemoAdoption
from kujdes.planning.demo.plans import (
    DONOR,
    GENERAL_GRANT,
    MUNICIPAL,
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
    targets,
    yearly,
)
from kujdes.planning.models import AdvisoryMember, Comment, Plan

PLAN_TITLE = "Strategjia Komunale për përmirësimin e shërbimeve sociale dhe familjare 2022–2024"
PLAN_TITLE_SR = "Opštinska strategija za unapređenje socijalnih i porodičnih usluga 2022–2024"
DIRECTORATE = (
    "Drejtoria e Shëndetësisë dhe Mirëqenies Sociale / Direkcija za zdravstvo i socijalnu zaštitu"
)
QPS = "QPS Pejë / CSR Peć"

CONTENT = (
    DemoObjective(
        "1",
        "Shërbime sociale dhe familjare në komunitet për grupet më të cenueshme",
        "Community social and family services for the most vulnerable groups",
        sr="Socijalne i porodične usluge u zajednici za najugroženije grupe",
    ),
    DemoObjective(
        "1.1",
        "Kujdes ditor dhe në shtëpi për personat me aftësi të kufizuara dhe të moshuarit",
        "Day care and home care for persons with disabilities and elderly people",
        sr="Dnevni boravak i pomoć u kući za osobe sa invaliditetom i starije",
    ),
    DemoMeasure(
        "1.1.1",
        "Zgjerimi i qendrës ditore për fëmijë dhe të rritur me aftësi të kufizuara",
        "Enlarging the day centre for children and adults with disabilities",
        sr="Proširenje dnevnog centra za decu i odrasle sa invaliditetom",
    ),
    DemoActivity(
        "1.1.1.1",
        "Hapësira shtesë dhe staf për 15 përdorues të rinj",
        "More room and staff for 15 new users",
        QPS,
        {**yearly(2022, 2024, MUNICIPAL, 18_000), (2022, DONOR): Decimal(25_000)},
        sr="Dodatni prostor i osoblje za 15 novih korisnika",
        service_type="XK_DAY_CARE_DISABILITY",
        target_groups=("XK_PWD",),
        partners=("peje-qps",),
    ),
    DemoActivity(
        "1.1.1.2",
        "Transport i përshtatur për përdoruesit nga fshatrat",
        "Adapted transport for users from the villages",
        QPS,
        {**yearly(2022, 2024, MUNICIPAL, 6_000), (2022, DONOR): Decimal(22_000)},
        sr="Prilagođeni prevoz za korisnike iz sela",
        target_groups=("XK_PWD",),
        partners=("peje-qps",),
    ),
    DemoMeasure(
        "1.1.2",
        "Shërbime në shtëpi për të moshuarit që jetojnë vetëm",
        "Home-based services for elderly people living alone",
        sr="Usluge u kući za starije koji žive sami",
    ),
    DemoActivity(
        "1.1.2.1",
        "Kontraktimi i shërbimeve në shtëpi me OJQ të licencuara, edhe në Goraždevc në gjuhën serbe",
        "Home-based services contracted to licensed NGOs, in Goraždevac in Serbian too",
        DIRECTORATE,
        {
            (2022, MUNICIPAL): Decimal(12_000),
            (2023, MUNICIPAL): Decimal(15_000),
            (2024, MUNICIPAL): Decimal(18_000),
            (2022, DONOR): Decimal(10_000),
        },
        sr="Ugovaranje usluga u kući sa licenciranim NVO, i u Goraždevcu na srpskom jeziku",
        service_type="XK_HOME_BASED",
        target_groups=("XK_ELDERLY",),
        creates_new_service=True,
        contracted_to_ngo=True,
    ),
    DemoObjective(
        "1.2",
        "Mbrojtja e fëmijëve dhe e viktimave të dhunës në familje",
        "Protection of children and of victims of domestic violence",
        sr="Zaštita dece i žrtava nasilja u porodici",
    ),
    DemoMeasure(
        "1.2.1",
        "Familje kujdestare dhe mbështetje për ribashkimin familjar",
        "Foster families and support for family reunification",
        sr="Hraniteljske porodice i podrška ponovnom spajanju porodice",
    ),
    DemoActivity(
        "1.2.1.1",
        "Rekrutimi dhe trajnimi i tetë familjeve kujdestare",
        "Recruiting and training eight foster families",
        QPS,
        {**yearly(2022, 2024, MUNICIPAL, 8_000), **yearly(2022, 2023, DONOR, 6_000)},
        sr="Regrutovanje i obuka osam hraniteljskih porodica",
        service_type="XK_FOSTER_CARE",
        target_groups=("XK_CHILD_VICTIMS",),
        partners=("peje-qps",),
        creates_new_service=True,
    ),
    DemoMeasure(
        "1.2.2",
        "Strehim dhe riintegrim për viktimat e dhunës në familje",
        "Shelter and reintegration for victims of domestic violence",
        sr="Sklonište i reintegracija žrtava nasilja u porodici",
    ),
    DemoActivity(
        "1.2.2.1",
        "Financimi i strehimores për gratë dhe fëmijët viktima të dhunës",
        "Funding the shelter for women and children who are victims of violence",
        DIRECTORATE,
        {**yearly(2022, 2024, MUNICIPAL, 12_000), **yearly(2022, 2024, GENERAL_GRANT, 8_000)},
        sr="Finansiranje skloništa za žene i decu žrtve nasilja",
        service_type="XK_SHELTER",
        target_groups=("XK_CHILD_VICTIMS",),
        contracted_to_ngo=True,
    ),
    DemoActivity(
        "1.2.2.2",
        "Programi i riintegrimit: këshillim dhe aftësim profesional",
        "A reintegration programme: counselling and vocational training",
        QPS,
        yearly(2023, 2024, DONOR, 9_000),
        sr="Program reintegracije: savetovanje i stručna obuka",
        service_type="XK_REINTEGRATIVE",
        creates_new_service=True,
    ),
    DemoObjective(
        "2",
        "Kapacitete dhe financim i qëndrueshëm i shërbimeve sociale në komunë",
        "Capacity and lasting funding for the municipality's social services",
        sr="Kapaciteti i održivo finansiranje socijalnih usluga u opštini",
    ),
    DemoObjective(
        "2.1",
        "Forcimi i Qendrës për Punë Sociale dhe i partneritetit me OJQ-të",
        "A stronger Centre for Social Work and partnership with NGOs",
        sr="Jačanje Centra za socijalni rad i partnerstva sa NVO",
    ),
    DemoMeasure("2.1.1", "Staf dhe trajnim", "Staff and training", sr="Osoblje i obuka"),
    DemoActivity(
        "2.1.1.1",
        "Punësimi i dy punonjësve socialë shtesë në QPS",
        "Two more social workers at the Centre for Social Work",
        DIRECTORATE,
        yearly(2022, 2024, MUNICIPAL, 14_400),
        sr="Zapošljavanje dva dodatna socijalna radnika u CSR",
    ),
    DemoActivity(
        "2.1.1.2",
        "Trajnim për menaxhimin e rastit dhe standardet minimale",
        "Training in case management and the minimum standards",
        QPS,
        yearly(2022, 2024, DONOR, 4_000),
        sr="Obuka za vođenje slučaja i minimalne standarde",
    ),
    DemoMeasure(
        "2.1.2",
        "Kontraktimi i shërbimeve nga OJQ-të dhe monitorimi i strategjisë",
        "Contracting services from NGOs and monitoring the strategy",
        sr="Ugovaranje usluga od NVO i praćenje strategije",
    ),
    DemoActivity(
        "2.1.2.1",
        "Thirrje publike vjetore për shërbime sociale nga OJQ-të e licencuara",
        "A yearly public call for social services from licensed NGOs",
        DIRECTORATE,
        yearly(2022, 2024, MUNICIPAL, 2_000),
        sr="Godišnji javni poziv za socijalne usluge licenciranih NVO",
    ),
    DemoActivity(
        "2.1.2.2",
        "Rishikimi vjetor i strategjisë me grupin këshillëdhënës",
        "The strategy's yearly review with the advisory group",
        DIRECTORATE,
        yearly(2023, 2024, MUNICIPAL, 1_500),
        sr="Godišnji pregled strategije sa savetodavnom grupom",
    ),
)

PERSONS = "persona / osobe"
INDICATORS = (
    DemoIndicator("day-care", "1.1.1", "Përdorues të qendrës ditore për fëmijë dhe të rritur me aftësi të kufizuara", "Users of the day centre for children and adults with disabilities", PERSONS, QPS, Decimal(25), 2021, targets(2022, 30, 35, 40), sr="Korisnici dnevnog centra za decu i odrasle sa invaliditetom"),
    DemoIndicator("home", "1.1.2", "Të moshuar që marrin shërbime në shtëpi", "Elderly people receiving home-based services", PERSONS, DIRECTORATE, Decimal(0), 2021, targets(2022, 20, 35, 50), sr="Stariji koji primaju usluge u kući"),
    DemoIndicator("foster", "1.2.1", "Familje kujdestare aktive", "Active foster families", "familje / porodice", QPS, Decimal(2), 2021, targets(2022, 4, 7, 10), sr="Aktivne hraniteljske porodice"),
    DemoIndicator("reintegration", "1.2.2", "Gra dhe fëmijë të strehuar me plan riintegrimi (%)", "Sheltered women and children with a reintegration plan (%)", "%", QPS, Decimal(30), 2021, targets(2022, 40, 60, 80), sr="Smeštene žene i deca sa planom reintegracije (%)"),
)  # fmt: skip

Sector = AdvisoryMember.Sector
MEMBERS = (
    DemoMember("chair", "Arta Berisha", "Komuna e Pejës, Drejtoria e Shëndetësisë dhe Mirëqenies Sociale / Opština Peć, Direkcija za zdravstvo i socijalnu zaštitu", Sector.MUNICIPALITY, "kryesuese / predsedavajuća"),
    DemoMember("communities", "Milica Stojanović", "Zyra Komunale për Komunitete dhe Kthim / Opštinska kancelarija za zajednice i povratak", Sector.MUNICIPALITY, "anëtare / članica"),
    DemoMember("qps", "Besnik Gashi", "QPS Pejë / CSR Peć", Sector.SOCIAL_WORK_CENTRE, "anëtar / član"),
    DemoMember("police", "Emina Kurtović", "Policia e Kosovës, Stacioni Pejë / Kosovska policija, stanica Peć", Sector.PUBLIC_SERVICE, "anëtare / članica"),
    DemoMember("ngo", "Valdete Krasniqi", "Shoqata e Personave me Aftësi të Kufizuara Pejë / Udruženje osoba sa invaliditetom Peć", Sector.CIVIL_SOCIETY, "anëtare / članica"),
    DemoMember("parents", "Dragan Jovanović", "Prindër të fëmijëve me aftësi të kufizuara, Goraždevc / Roditelji dece sa invaliditetom, Goraždevac", Sector.SERVICE_USERS, "anëtar / član"),
    DemoMember("donor", "Jeton Hoti", "People in Need Kosova", Sector.DONOR, "vëzhgues / posmatrač"),
)  # fmt: skip
EVERYONE = tuple(member.key for member in MEMBERS)
HALL = "Salla e Kuvendit Komunal, Pejë / Sala Skupštine opštine, Peć"

MEETINGS = (
    DemoMeeting(
        date(2021, 11, 10),
        HALL,
        "1. Themelimi i grupit këshillëdhënës / Osnivanje savetodavne grupe\n2. Analiza e nevojave / Analiza potreba\n3. Vizioni dhe objektivat strategjike / Vizija i strateški ciljevi",
        "Morën pjesë të gjithë anëtarët. QPS paraqiti analizën e nevojave: lista e pritjes në qendrën ditore, mungesa e shërbimeve në shtëpi për të moshuarit dhe e familjeve kujdestare. / Prisustvovali su svi članovi. CSR je predstavio analizu potreba: lista čekanja u dnevnom centru, nedostatak usluga u kući za starije i hraniteljskih porodica.",
        EVERYONE,
        (
            DemoDecision(
                "Miratohen vizioni dhe dy objektivat strategjike. / Usvajaju se vizija i dva strateška cilja.",
                ("1", "2"),
            ),
        ),
    ),
    DemoMeeting(
        date(2021, 12, 8),
        HALL,
        "1. Masat dhe aktivitetet / Mere i aktivnosti\n2. Kostot dhe burimet e financimit / Troškovi i izvori finansiranja",
        "Morën pjesë 6 anëtarë. Grupi kërkoi që shërbimet në shtëpi të ofrohen edhe në Goraždevc, në gjuhën serbe, dhe që strategjia të ketë një program riintegrimi për viktimat e dhunës. / Prisustvovalo je 6 članova. Grupa je tražila da se usluge u kući pružaju i u Goraždevcu, na srpskom jeziku, i da strategija ima program reintegracije za žrtve nasilja.",
        ("chair", "communities", "qps", "police", "ngo", "parents"),
        (
            DemoDecision(
                "Shërbimet në shtëpi kontraktohen me OJQ të licencuara dhe ofrohen edhe në Goraždevc, në gjuhën serbe. / Usluge u kući ugovaraju se sa licenciranim NVO i pružaju se i u Goraždevcu, na srpskom jeziku.",
                ("1.1.2", "1.1.2.1"),
            ),
            DemoDecision(
                "Shtohet programi i riintegrimit për viktimat e dhunës në familje. / Dodaje se program reintegracije za žrtve nasilja u porodici.",
                ("1.2.2", "1.2.2.2"),
            ),
        ),
    ),
    DemoMeeting(
        date(2022, 1, 19),
        HALL,
        "1. Treguesit / Pokazatelji\n2. Konsultimi publik / Javne konsultacije",
        "Morën pjesë 5 anëtarë. Drafti publikohet në shqip dhe në serbisht në faqen e komunës. / Prisustvovalo je 5 članova. Nacrt se objavljuje na albanskom i srpskom jeziku na sajtu opštine.",
        ("chair", "communities", "qps", "ngo", "donor"),
        (
            DemoDecision(
                "Miratohen treguesit dhe vlerat e synuara 2022–2024. / Usvajaju se pokazatelji i ciljne vrednosti 2022–2024.",
                tuple(f"indicator:{indicator.key}" for indicator in INDICATORS),
            ),
            DemoDecision(
                "Drafti hapet për konsultim publik nga 24 janari deri më 22 shkurt 2022. / Nacrt se stavlja na javne konsultacije od 24. januara do 22. februara 2022."
            ),
        ),
    ),
    DemoMeeting(
        date(2022, 3, 2),
        HALL,
        "1. Komentet e konsultimit publik / Komentari sa javnih konsultacija\n2. Dërgimi i strategjisë në Kuvendin Komunal / Upućivanje strategije Skupštini opštine",
        "Morën pjesë 6 anëtarë. U shqyrtuan pesë komente. / Prisustvovalo je 6 članova. Razmotreno je pet komentara.",
        ("chair", "communities", "qps", "police", "ngo", "parents"),
        (
            DemoDecision(
                "Pranohet komenti i shoqatës Dora e Ngrohtë: qendra ditore zgjerohet me 15 vende. / Prihvata se komentar udruženja Topla ruka: dnevni centar se proširuje za 15 mesta.",
                ("1.1.1", "1.1.1.1"),
            ),
            DemoDecision(
                "Strategjia dërgohet në Kuvendin Komunal për miratim. / Strategija se upućuje Skupštini opštine na usvajanje."
            ),
        ),
    ),
)

Answer = Comment.Answer
COMMENTS = (
    DemoComment(
        at(2022, 1, 27, 10, 15),
        "Masa 1.1.1",
        "Në listën e pritjes së qendrës ditore janë mbi 20 fëmijë. Zgjerimi me 10 vende nuk mjafton.",
        Answer.ACCEPTED,
        "Qendra zgjerohet me 15 vende (aktiviteti 1.1.1.1). / Centar se proširuje za 15 mesta (aktivnost 1.1.1.1).",
        organization="Shoqata Dora e Ngrohtë",
    ),
    DemoComment(
        at(2022, 2, 2, 17, 40),
        "Goraždevac",
        "Usluge u kući treba da budu dostupne i u Goraždevcu, na srpskom jeziku.",
        Answer.ACCEPTED,
        "Shërbimet në shtëpi ofrohen edhe në Goraždevc, në gjuhën serbe; ky është kusht i thirrjes për OJQ-të (2.1.2.1). / Usluge u kući pružaju se i u Goraždevcu, na srpskom jeziku; to je uslov javnog poziva za NVO (2.1.2.1).",
    ),
    DemoComment(
        at(2022, 2, 9, 12, 0),
        "Masa 1.2.2",
        "Komuna e financon strehimoren vetëm pjesërisht. Kërkojmë financim të plotë të kostove të funksionimit.",
        Answer.PARTLY,
        "Komuna jep 20 000 € në vit, bashkë me grantin e përgjithshëm; pjesën tjetër e japin Ministria dhe donatorët. / Opština daje 20.000 € godišnje, zajedno sa opštim grantom; ostatak daju Ministarstvo i donatori.",
        organization="OJQ Hapi i Ri",
    ),
    DemoComment(
        at(2022, 2, 14, 20, 25),
        "Buxheti",
        "Pse strategjia nuk ka ndihmë në para për familjet e varfra?",
        Answer.REJECTED,
        "Ndihma sociale në para është skemë e Ministrisë sipas Ligjit 2003/15; strategjia komunale mbulon shërbimet sociale dhe familjare. / Novčana socijalna pomoć je šema Ministarstva po Zakonu 2003/15; opštinska strategija obuhvata socijalne i porodične usluge.",
    ),
    DemoComment(
        at(2022, 2, 18, 9, 50),
        "Pokazatelji",
        "Treba pratiti i broj dece sa smetnjama u razvoju koja pohađaju redovne škole.",
        Answer.REJECTED,
        "Ky tregues i përket planit komunal të arsimit, ku e ndjek Drejtoria e Arsimit. / Ovaj pokazatelj pripada opštinskom planu obrazovanja, gde ga prati Direkcija za obrazovanje.",
        organization="Udruženje roditelja dece sa smetnjama u razvoju Osmeh",
    ),
)

PLAN = DemoPlan(
    id=demo_id("plan", "XK-PEJE:2022"),
    municipality="XK-PEJE",
    values={
        "name_sq": PLAN_TITLE,
        "name_sr_latn": PLAN_TITLE_SR,
        "name_en": "Municipal Strategy for improving social and family services 2022–2024",
        "kind": Plan.Kind.MUNICIPAL_STRATEGY,
        "start_year": 2022,
        "end_year": 2024,
        "currency": "EUR",
        "vision_sq": "Pejë, komunë ku çdo fëmijë, i moshuar, person me aftësi të kufizuara dhe viktimë e dhunës merr shërbime sociale dhe familjare cilësore, në gjuhën e vet dhe pranë shtëpisë.",
        "vision_sr_latn": "Peć, opština u kojoj svako dete, starija osoba, osoba sa invaliditetom i žrtva nasilja dobija kvalitetne socijalne i porodične usluge, na svom jeziku i blizu kuće.",
        "vision_en": "Pejë/Peć, a municipality where every child, elderly person, person with disabilities and victim of violence receives good social and family services, in their own language and close to home.",
        "mission_sq": "Komuna e Pejës, përmes Qendrës për Punë Sociale dhe në partneritet me OJQ-të e licencuara dhe donatorët, planifikon, financon dhe monitoron shërbime sociale dhe familjare për të gjitha komunitetet.",
        "mission_sr_latn": "Opština Peć, preko Centra za socijalni rad i u partnerstvu sa licenciranim NVO i donatorima, planira, finansira i prati socijalne i porodične usluge za sve zajednice.",
        "mission_en": "The Municipality of Pejë/Peć, through its Centre for Social Work and in partnership with licensed NGOs and donors, plans, funds and monitors social and family services for all communities.",
        "principles_sq": "Interesi më i lartë i fëmijës.\nMosdiskriminimi dhe barazia e komuniteteve.\nShërbime në gjuhën e përdoruesit.\nKujdes në familje dhe në komunitet para institucionit.\nPartneriteti me shoqërinë civile.\nTransparenca dhe llogaridhënia.",
        "principles_sr_latn": "Najbolji interes deteta.\nNediskriminacija i ravnopravnost zajednica.\nUsluge na jeziku korisnika.\nBriga u porodici i zajednici pre institucije.\nPartnerstvo sa civilnim društvom.\nTransparentnost i odgovornost.",
        "principles_en": "The best interests of the child.\nNon-discrimination and equality of communities.\nServices in the user's language.\nCare in the family and community before institutions.\nPartnership with civil society.\nTransparency and accountability.",
    },
    content=CONTENT,
    indicators=INDICATORS,
    members=MEMBERS,
    meetings=MEETINGS,
    consultation=(date(2022, 1, 24), date(2022, 2, 22)),
    comments=COMMENTS,
    answered_on=date(2022, 3, 3),
    submitted_on=date(2022, 3, 10),
    adoption=DemoAdoption(
        body="Kuvendi Komunal i Pejës / Skupština opštine Peć",
        number="016-4521/22",
        decided_on=date(2022, 3, 31),
        languages=("sq", "sr-latn"),
        heading=(
            "REPUBLIKA E KOSOVËS / REPUBLIKA KOSOVO",
            "KOMUNA E PEJËS / OPŠTINA PEĆ",
            "KUVENDI KOMUNAL / SKUPŠTINA OPŠTINE",
        ),
        title="VENDIM / ODLUKA Nr. 016-4521/22, 31.03.2022",
        paragraphs=(
            "Në mbështetje të Ligjit nr. 03/L-040 për vetëqeverisjen lokale dhe të Ligjit nr. 02/L-17 për shërbimet sociale dhe familjare, Kuvendi Komunal i Pejës miraton Strategjinë Komunale për përmirësimin e shërbimeve sociale dhe familjare 2022–2024 me planin e saj të veprimit, me kosto të përgjithshme 352 200 €. Për zbatimin ngarkohet Drejtoria e Shëndetësisë dhe Mirëqenies Sociale.",
            "Na osnovu Zakona br. 03/L-040 o lokalnoj samoupravi i Zakona br. 02/L-17 o socijalnim i porodičnim uslugama, Skupština opštine Peć usvaja Opštinsku strategiju za unapređenje socijalnih i porodičnih usluga 2022–2024 sa akcionim planom, ukupne vrednosti 352.200 €. Za sprovođenje se zadužuje Direkcija za zdravstvo i socijalnu zaštitu.",
            "KRYESUESI I KUVENDIT / PREDSEDAVAJUĆI SKUPŠTINE",
        ),
    ),
)
