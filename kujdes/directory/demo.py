"""The demo directory, loaded by `manage.py load_demo` after the areas, through the services.

The services are those the demo municipalities' plans and news name (a Centre for Social Work,
home care for persons with disabilities, a day centre for children with developmental
disabilities, an SOS line in Albanian, Romani and Serbian, a 72-hour emergency shelter). Their
details, local telephone numbers, addresses and figures are invented and marked illustrative.
The national lines (116 117, 116 111, 0800 100 600) are the published national numbers.
Ids are derived from stable keys, so a second run finds every record and changes nothing.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from typing import Any

from kujdes.directory import services
from kujdes.directory.models import (
    Currency,
    FundingSource,
    Location,
    Organization,
    Phone,
    Service,
    ServiceType,
)
from kujdes.territory.demo import DemoReport
from kujdes.territory.models import Area, Sex
from kujdes.territory.services import UpsertCounts

NAMESPACE = uuid.UUID("6f1c7a52-3d0e-4b8e-9c41-5a0d2e7b9f10")
WEEKDAYS = services.ScheduleInput("MO,TU,WE,TH,FR", time(8), time(16))
ALWAYS = services.ScheduleInput("MO,TU,WE,TH,FR,SA,SU", time(0), time(23, 59))


def demo_id(kind: str, key: str) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{kind}:{key}")


@dataclass
class DemoOrganization:
    key: str
    area: str
    values: dict[str, Any]
    licence: dict[str, Any] | None = None
    # key → (unit code, location values)
    locations: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)


@dataclass
class DemoService:
    key: str
    organization: str
    area: str
    type_code: str
    values: dict[str, Any]
    target_groups: list[str]
    served: list[str]
    languages: list[str] = field(default_factory=lambda: ["sq"])
    locations: list[str] = field(default_factory=list)
    phones: list[services.PhoneInput] = field(default_factory=list)
    schedules: list[services.ScheduleInput] = field(default_factory=list)
    # year → (people served, {source: amount}, currency)
    years: dict[int, tuple[int, dict[str, Decimal], str]] = field(default_factory=dict)


def _names(sq: str, sr: str, en: str, field_name: str = "name") -> dict[str, str]:
    return {f"{field_name}_sq": sq, f"{field_name}_sr_latn": sr, f"{field_name}_en": en}


ILLUSTRATIVE = {"is_illustrative": True}
NGO_LICENCE = {
    "kind": "Licencë për shërbime të kujdesit shoqëror",
    "issuer": "Ministria e Shëndetësisë dhe Mbrojtjes Sociale",
}

ORGANIZATIONS = [
    DemoOrganization(
        "national-lines-al",
        "AL",
        {
            "kind": Organization.Kind.PUBLIC_INSTITUTION,
            **_names(
                "Linjat kombëtare të ndihmës",
                "Nacionalne linije za pomoć (Albanija)",
                "National helplines (Albania)",
            ),
        },
    ),
    DemoOrganization(
        "national-lines-rs",
        "RS",
        {
            "kind": Organization.Kind.PUBLIC_INSTITUTION,
            **_names(
                "Linja kombëtare SOS (Serbi)",
                "Nacionalna SOS linija (Srbija)",
                "National SOS line (Serbia)",
            ),
        },
    ),
    DemoOrganization(
        "bulqize-directorate",
        "AL-BULQIZE",
        {
            "kind": Organization.Kind.MUNICIPAL_DIRECTORATE,
            **_names(
                "Drejtoria e Shërbimeve Sociale, Bashkia Bulqizë",
                "Direkcija socijalnih usluga, Opština Bulqiza",
                "Social Services Directorate, Bulqizë Municipality",
            ),
            "email": "sherbimet.sociale@bulqiza.example.al",
            **ILLUSTRATIVE,
        },
        locations={
            "bulqize-town-hall": (
                "AL-BULQIZE-BULQIZE",
                {
                    **_names("Bashkia Bulqizë", "Opština Bulqiza", "Bulqizë town hall"),
                    "address": "Sheshi i Qytetit",
                    "city": "Bulqizë",
                },
            ),
            "bulqize-day-centre": (
                "AL-BULQIZE-BULQIZE",
                {
                    **_names(
                        "Qendra ditore Bulqizë", "Dnevni centar Bulqiza", "Bulqizë day centre"
                    ),
                    "address": "Rruga e Shkollës",
                    "city": "Bulqizë",
                },
            ),
            "bulqize-shelter": (
                "AL-BULQIZE-BULQIZE",
                {
                    **_names("Strehëz emergjente", "Hitni smeštaj", "Emergency shelter"),
                    "address": "Rruga e Fshehtë 12",
                    "city": "Bulqizë",
                    "is_confidential": True,
                },
            ),
        },
    ),
    DemoOrganization(
        "bulqize-ngo-elderly",
        "AL-BULQIZE",
        {
            "kind": Organization.Kind.NGO,
            **_names("Shoqata Zemër e Bardhë", "Udruženje Belo srce", "White Heart Association"),
            "registration_number": "NGO-DEMO-0142",
            **ILLUSTRATIVE,
        },
        licence={
            **NGO_LICENCE,
            "number": "DEMO-2019-077",
            "valid_from": date(2019, 3, 1),
            "valid_to": date(2024, 2, 29),
            "status": "active",
        },
        locations={
            "fushe-bulqize-centre": (
                "AL-BULQIZE-FUSHE-BULQIZE",
                {
                    **_names(
                        "Qendra komunitare Fushë-Bulqizë",
                        "Zajednički centar Fuše-Bulqiza",
                        "Fushë-Bulqizë community centre",
                    ),
                    "address": "Qendra e fshatit",
                    "city": "Fushë-Bulqizë",
                },
            ),
        },
    ),
    DemoOrganization(
        "puke-directorate",
        "AL-PUKE",
        {
            "kind": Organization.Kind.MUNICIPAL_DIRECTORATE,
            **_names(
                "Drejtoria e Shërbimeve Sociale, Bashkia Pukë",
                "Direkcija socijalnih usluga, Opština Puka",
                "Social Services Directorate, Pukë Municipality",
            ),
            **ILLUSTRATIVE,
        },
        locations={
            "puke-centre": (
                "AL-PUKE-PUKE",
                {
                    **_names(
                        "Qendra Multifunksionale Pukë",
                        "Multifunkcionalni centar Puka",
                        "Pukë multifunctional centre",
                    ),
                    "address": "Lagjja Qendër",
                    "city": "Pukë",
                },
            ),
        },
    ),
    DemoOrganization(
        "puke-ngo-home-care",
        "AL-PUKE",
        {
            "kind": Organization.Kind.NGO,
            **_names(
                "Shoqata Kujdes në Shtëpi Pukë",
                "Udruženje Nega u kući Puka",
                "Home Care Association Pukë",
            ),
            "registration_number": "NGO-DEMO-0311",
            **ILLUSTRATIVE,
        },
        licence={
            **NGO_LICENCE,
            "number": "DEMO-2023-015",
            "valid_from": date(2023, 5, 1),
            "valid_to": date(2028, 4, 30),
            "status": "active",
        },
    ),
    DemoOrganization(
        "bujanovac-csr",
        "RS-BUJANOVAC",
        {
            "kind": Organization.Kind.SOCIAL_WORK_CENTRE,
            **_names(
                "Qendra për Punë Sociale Bujanoc",
                "Centar za socijalni rad Bujanovac",
                "Centre for Social Work Bujanovac",
            ),
            **ILLUSTRATIVE,
        },
        locations={
            "bujanovac-csr-office": (
                "RS-BUJANOVAC",
                {
                    **_names("Zyra e QPS", "Kancelarija CSR", "CSW office"),
                    "address": "Karađorđa Petrovića (demo)",
                    "city": "Bujanovac",
                },
            ),
        },
    ),
    DemoOrganization(
        "peje-qps",
        "XK-PEJE",
        {
            "kind": Organization.Kind.SOCIAL_WORK_CENTRE,
            **_names(
                "Qendra për Punë Sociale Pejë",
                "Centar za socijalni rad Peć",
                "Centre for Social Work Pejë",
            ),
            **ILLUSTRATIVE,
        },
        locations={
            "peje-qps-office": (
                "XK-PEJE",
                {
                    **_names("Zyra e QPS Pejë", "Kancelarija CSR Peć", "Pejë CSW office"),
                    "address": "Rruga Mbretëresha Teutë (demo)",
                    "city": "Pejë",
                },
            ),
        },
    ),
]

SOS_AL_ROM_SR = ["sq", "rom", "sr"]

SERVICES = [
    DemoService(
        "al-116117",
        "national-lines-al",
        "AL",
        "AL_PARASOCIAL_INFO_COUNSELLING",
        {
            **_names(
                "Linja kombëtare e këshillimit për gra dhe vajza",
                "Nacionalna linija za savetovanje žena i devojaka",
                "National counselling line for women and girls",
            ),
            **_names(
                "Këshillim falas dhe konfidencial për gratë dhe vajzat që përjetojnë dhunë.",
                "Besplatno i poverljivo savetovanje za žene i devojke koje doživljavaju nasilje.",
                "Free, confidential counselling for women and girls who experience violence.",
                "description",
            ),
        },
        ["AL_ABUSED_WOMEN", "AL_WOMEN_GBV_RISK"],
        ["AL"],
        phones=[services.PhoneInput("116 117", kind=Phone.Kind.SOS, language_codes=["sq"])],
        schedules=[ALWAYS],
    ),
    DemoService(
        "al-116111",
        "national-lines-al",
        "AL",
        "AL_PARASOCIAL_INFO_COUNSELLING",
        {
            **_names(
                "ALO 116 111 — linja kombëtare për fëmijët",
                "ALO 116 111 — nacionalna linija za decu",
                "ALO 116 111 — national child helpline",
            ),
        },
        ["AL_CHILDREN", "AL_CHILD_SPECIAL_PROTECTION"],
        ["AL"],
        phones=[services.PhoneInput("116 111", kind=Phone.Kind.HELPLINE, language_codes=["sq"])],
        schedules=[ALWAYS],
    ),
    DemoService(
        "rs-sos",
        "national-lines-rs",
        "RS",
        "RS_SOS_LINE",
        {
            **_names(
                "Linja kombëtare SOS për gratë me përvojë dhune",
                "Nacionalna SOS linija za žene sa iskustvom nasilja",
                "National SOS line for women who experience violence",
            )
        },
        ["RS_WOMEN_VICTIMS_VIOLENCE"],
        ["RS"],
        languages=["sr"],
        phones=[services.PhoneInput("0800 100 600", kind=Phone.Kind.SOS, language_codes=["sr"])],
        schedules=[ALWAYS],
    ),
    DemoService(
        "bulqize-home-care",
        "bulqize-directorate",
        "AL-BULQIZE",
        "AL_COMMUNITY_HOME",
        {
            **_names(
                "Kujdes në shtëpi për personat me aftësi të kufizuara",
                "Pomoć u kući za osobe sa invaliditetom",
                "Home care for persons with disabilities",
            ),
            **_names(
                "Punonjës socialë vizitojnë në shtëpi personat me aftësi të kufizuara: kujdes personal, shoqërim dhe ndihmë në punët e shtëpisë.",
                "Socijalni radnici posećuju osobe sa invaliditetom kod kuće: lična nega, pratnja i pomoć u kućnim poslovima.",
                "Social workers visit persons with disabilities at home: personal care, company and help with housework.",
                "description",
            ),
            **_names(
                "Persona me aftësi të kufizuara të vlerësuar nga KMCAP, me banim në Bulqizë, Zerqan ose Fushë-Bulqizë.",
                "Osobe sa invaliditetom koje je procenila komisija, sa prebivalištem u Bulqizi, Zerqanu ili Fuše-Bulqizi.",
                "Persons with disabilities assessed by the medical commission, living in Bulqizë, Zerqan or Fushë-Bulqizë.",
                "eligibility",
            ),
            **_names(
                "Kërkesë me shkrim në zyrën e shërbimeve sociale të bashkisë ose te punonjësi social i njësisë administrative.",
                "Pismeni zahtev u kancelariji socijalnih usluga opštine ili kod socijalnog radnika administrativne jedinice.",
                "A written request at the municipality's social services office or to the social worker of the administrative unit.",
                "application_process",
            ),
            "capacity": 40,
            **ILLUSTRATIVE,
        },
        ["AL_PWD"],
        ["AL-BULQIZE-BULQIZE", "AL-BULQIZE-ZERQAN", "AL-BULQIZE-FUSHE-BULQIZE"],
        locations=["bulqize-town-hall"],
        phones=[services.PhoneInput("+355 219 22 001")],
        schedules=[WEEKDAYS],
        years={
            2023: (
                31,
                {
                    FundingSource.MUNICIPAL_BUDGET: Decimal("2400000"),
                    FundingSource.SOCIAL_FUND: Decimal("3600000"),
                },
                Currency.LEK,
            ),
            2024: (
                37,
                {
                    FundingSource.MUNICIPAL_BUDGET: Decimal("2600000"),
                    FundingSource.SOCIAL_FUND: Decimal("4100000"),
                },
                Currency.LEK,
            ),
        },
    ),
    DemoService(
        "bulqize-day-centre",
        "bulqize-directorate",
        "AL-BULQIZE",
        "AL_COMMUNITY_DAY",
        {
            **_names(
                "Qendër ditore për fëmijët me aftësi të kufizuara në zhvillim",
                "Dnevni centar za decu sa smetnjama u razvoju",
                "Day centre for children with developmental disabilities",
            ),
            **_names(
                "Terapi e të folurit, fizioterapi, aktivitete edukative dhe mbështetje për prindërit.",
                "Logopedska terapija, fizioterapija, obrazovne aktivnosti i podrška roditeljima.",
                "Speech therapy, physiotherapy, learning activities and support for parents.",
                "description",
            ),
            **_names(
                "Fëmijë 3–18 vjeç me aftësi të kufizuara në zhvillim.",
                "Deca od 3 do 18 godina sa smetnjama u razvoju.",
                "Children aged 3–18 with developmental disabilities.",
                "eligibility",
            ),
            "capacity": 25,
            "minimum_age": 3,
            "maximum_age": 18,
            **ILLUSTRATIVE,
        },
        ["AL_PWD", "AL_CHILDREN"],
        ["AL-BULQIZE"],
        locations=["bulqize-day-centre"],
        phones=[services.PhoneInput("+355 219 22 002")],
        schedules=[WEEKDAYS],
        years={
            2024: (
                22,
                {
                    FundingSource.DONOR: Decimal("5200000"),
                    FundingSource.MUNICIPAL_BUDGET: Decimal("1800000"),
                },
                Currency.LEK,
            )
        },
    ),
    DemoService(
        "bulqize-shelter",
        "bulqize-directorate",
        "AL-BULQIZE",
        "AL_COMMUNITY_EMERGENCY_72H",
        {
            **_names(
                "Strehim emergjent 72-orësh për viktimat e dhunës",
                "Hitni smeštaj do 72 sata za žrtve nasilja",
                "72-hour emergency shelter for victims of violence",
            ),
            **_names(
                "Strehim i sigurt deri në 72 orë, me referim nga policia, punonjësi social ose linja SOS.",
                "Siguran smeštaj do 72 sata, uz uput policije, socijalnog radnika ili SOS linije.",
                "A safe place to stay for up to 72 hours, on referral by the police, a social worker or the SOS line.",
                "description",
            ),
            "capacity": 6,
            **ILLUSTRATIVE,
        },
        ["AL_VICTIMS_VIOLENCE", "AL_ABUSED_WOMEN"],
        ["AL-BULQIZE"],
        locations=["bulqize-shelter"],
        phones=[services.PhoneInput("+355 219 22 003", kind=Phone.Kind.HELPLINE)],
        schedules=[ALWAYS],
    ),
    DemoService(
        "bulqize-elderly-day",
        "bulqize-ngo-elderly",
        "AL-BULQIZE",
        "AL_COMMUNITY_DAY",
        {
            **_names(
                "Qendër ditore për të moshuarit",
                "Dnevni boravak za starije",
                "Day centre for elderly people",
            ),
            "is_free": False,
            **_names(
                "Kontribut simbolik 500 lekë në muaj.",
                "Simboličan doprinos od 500 leka mesečno.",
                "A token contribution of 500 lek a month.",
                "fees",
            ),
            "capacity": 30,
            **ILLUSTRATIVE,
        },
        ["AL_ELDERLY"],
        ["AL-BULQIZE-FUSHE-BULQIZE", "AL-BULQIZE-ZERQAN"],
        locations=["fushe-bulqize-centre"],
        phones=[services.PhoneInput("+355 69 000 0142")],
        schedules=[services.ScheduleInput("MO,TU,WE,TH,FR", time(9), time(14))],
    ),
    DemoService(
        "puke-multifunctional",
        "puke-directorate",
        "AL-PUKE",
        "AL_COMMUNITY_MULTIFUNCTIONAL",
        {
            **_names(
                "Qendra Multifunksionale Pukë",
                "Multifunkcionalni centar Puka",
                "Pukë multifunctional centre",
            ),
            **_names(
                "Këshillim, aktivitete ditore për fëmijë dhe të rinj me aftësi të kufizuara, mbështetje për familjet.",
                "Savetovanje, dnevne aktivnosti za decu i mlade sa invaliditetom, podrška porodicama.",
                "Counselling, day activities for children and young people with disabilities, family support.",
                "description",
            ),
            "capacity": 35,
            **ILLUSTRATIVE,
        },
        ["AL_PWD", "AL_FAMILIES"],
        ["AL-PUKE"],
        locations=["puke-centre"],
        phones=[services.PhoneInput("+355 212 00 101")],
        schedules=[WEEKDAYS],
    ),
    DemoService(
        "puke-home-care",
        "puke-ngo-home-care",
        "AL-PUKE",
        "AL_COMMUNITY_HOME",
        {
            **_names(
                "Kujdes në shtëpi për të moshuarit që jetojnë vetëm",
                "Nega u kući za starije koji žive sami",
                "Home care for elderly people living alone",
            ),
            "capacity": 20,
            **ILLUSTRATIVE,
        },
        ["AL_ELDERLY"],
        ["AL-PUKE"],
        phones=[services.PhoneInput("+355 68 000 0311")],
    ),
    DemoService(
        "bujanovac-sos",
        "bujanovac-csr",
        "RS-BUJANOVAC",
        "RS_SOS_LINE",
        {
            **_names(
                "Linja SOS për gratë viktima të dhunës (shqip, romanisht, serbisht)",
                "SOS linija za žene žrtve nasilja (albanski, romski, srpski)",
                "SOS line for women victims of violence (Albanian, Romani, Serbian)",
            ),
            **_names(
                "Këshillim dhe referim në shqip, romanisht dhe serbisht.",
                "Savetovanje i upućivanje na albanskom, romskom i srpskom.",
                "Counselling and referral in Albanian, Romani and Serbian.",
                "description",
            ),
            **ILLUSTRATIVE,
        },
        ["RS_WOMEN_VICTIMS_VIOLENCE"],
        ["RS-BUJANOVAC"],
        languages=SOS_AL_ROM_SR,
        phones=[
            services.PhoneInput("0800 000 017", kind=Phone.Kind.SOS, language_codes=SOS_AL_ROM_SR)
        ],
        schedules=[ALWAYS],
        years={2022: (48, {FundingSource.DONOR: Decimal("1450000")}, Currency.DINAR)},
    ),
    DemoService(
        "bujanovac-home-help",
        "bujanovac-csr",
        "RS-BUJANOVAC",
        "RS_HOME_HELP",
        {
            **_names(
                "Ndihmë në shtëpi për personat me aftësi të kufizuara",
                "Pomoć u kući za osobe sa invaliditetom",
                "Home help for persons with disabilities",
            ),
            "capacity": 30,
            **ILLUSTRATIVE,
        },
        ["RS_PWD"],
        ["RS-BUJANOVAC"],
        languages=["sq", "sr"],
        locations=["bujanovac-csr-office"],
        phones=[services.PhoneInput("+381 17 000 001")],
        schedules=[WEEKDAYS],
    ),
    DemoService(
        "bujanovac-playroom",
        "bujanovac-csr",
        "RS-BUJANOVAC",
        "RS_DAY_CARE",
        {
            **_names(
                "Dhoma e lojërave për fëmijët me aftësi të kufizuara në zhvillim",
                "Igraonica za decu sa smetnjama u razvoju",
                "Playroom for children with developmental disabilities",
            ),
            "capacity": 15,
            **ILLUSTRATIVE,
        },
        ["RS_CHILDREN_DEVELOPMENTAL_DISABILITIES"],
        ["RS-BUJANOVAC"],
        languages=["sq", "sr", "rom"],
        locations=["bujanovac-csr-office"],
        schedules=[services.ScheduleInput("MO,WE,FR", time(10), time(13))],
    ),
    DemoService(
        "peje-day-care",
        "peje-qps",
        "XK-PEJE",
        "XK_DAY_CARE_DISABILITY",
        {
            **_names(
                "Qendër ditore për fëmijë dhe të rritur me aftësi të kufizuara",
                "Dnevni centar za decu i odrasle sa invaliditetom",
                "Day-care centre for children and adults with disabilities",
            ),
            "capacity": 25,
            **ILLUSTRATIVE,
        },
        ["XK_PWD"],
        ["XK-PEJE"],
        languages=["sq", "sr", "bs"],
        locations=["peje-qps-office"],
        phones=[services.PhoneInput("+383 39 000 001")],
        schedules=[WEEKDAYS],
    ),
]


def _centre(area: Area, key: str) -> tuple[Decimal, Decimal] | None:
    """Near the middle of the area's bounding box, as a demo point (latitude, longitude);
    moved by up to ±0.01° by the key, so that two places in one area do not overlap."""
    boundary = getattr(area, "boundary", None)
    if boundary is None:
        return None
    geometry = boundary.geometry
    polygons = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    points = [point for polygon in polygons for point in polygon[0]]
    seed = demo_id("location", key).int
    shift = seed % 2001 / 100_000 - 0.01, seed % 1999 / 100_000 - 0.01
    longitude = (min(p[0] for p in points) + max(p[0] for p in points)) / 2 + shift[0]
    latitude = (min(p[1] for p in points) + max(p[1] for p in points)) / 2 + shift[1]
    return Decimal(f"{latitude:.6f}"), Decimal(f"{longitude:.6f}")


def demo_load() -> DemoReport:
    """Create what is missing; leave what exists as it is (staff may have edited it)."""
    report = DemoReport(counts=services.taxonomies_load())
    counts = report.counts
    counts |= {"organizations": UpsertCounts(), "services": UpsertCounts()}
    codes = {o.area for o in ORGANIZATIONS} | {code for s in SERVICES for code in s.served}
    codes |= {unit for o in ORGANIZATIONS for unit, _values in o.locations.values()}
    areas = {a.code: a for a in Area.objects.filter(code__in=codes).select_related("boundary")}
    organizations: dict[str, Organization] = {}
    locations: dict[str, Location] = {}
    for demo in ORGANIZATIONS:
        organization = Organization.objects.filter(pk=demo_id("organization", demo.key)).first()
        if organization is not None:
            counts["organizations"].unchanged += 1
            organizations[demo.key] = organization
            locations |= {
                key: Location.objects.get(pk=demo_id("location", key)) for key in demo.locations
            }
            continue
        organization = services.organization_create(
            actor=None,
            area=areas[demo.area],
            values=demo.values,
            organization_id=demo_id("organization", demo.key),
        )
        counts["organizations"].created += 1
        organizations[demo.key] = organization
        if demo.licence:
            services.licence_save(
                actor=None,
                organization=organization,
                expected_version=organization.version,
                values=demo.licence,
            )
        for key, (unit_code, values) in demo.locations.items():
            unit = areas[unit_code]
            centre = _centre(unit, key)
            position = (
                {"latitude": centre[0], "longitude": centre[1]}
                if centre and not values.get("is_confidential")
                else {}
            )
            locations[key] = services.location_save(
                actor=None,
                organization=organization,
                expected_version=None,
                values={**values, **position, "area": unit},
                location_id=demo_id("location", key),
            )
    types = {t.code: t for t in ServiceType.objects.all()}
    for demo_service in SERVICES:
        if Service.objects.filter(pk=demo_id("service", demo_service.key)).exists():
            counts["services"].unchanged += 1
            continue
        service = services.service_create(
            actor=None,
            organization=organizations[demo_service.organization],
            area=areas[demo_service.area],
            service_id=demo_id("service", demo_service.key),
            data=services.ServiceInput(
                values={**demo_service.values, "service_type": types[demo_service.type_code]},
                target_group_codes=demo_service.target_groups,
                language_codes=demo_service.languages,
                areas_served=[areas[code] for code in demo_service.served],
                locations=[locations[key] for key in demo_service.locations],
                phones=demo_service.phones,
                schedules=demo_service.schedules,
            ),
        )
        counts["services"].created += 1
        for year, (people, money, currency) in demo_service.years.items():
            women = people * 11 // 20
            services.service_year_set(
                actor=None,
                service=service,
                expected_version=None,
                year=year,
                beneficiaries={
                    (Sex.TOTAL, "TOTAL"): people,
                    (Sex.FEMALE, "TOTAL"): women,
                    (Sex.MALE, "TOTAL"): people - women,
                },
                funding=[
                    services.FundingInput(source, amount, currency)
                    for source, amount in money.items()
                ],
            )
    return report
