"""The cast every test can use: a small area tree with two municipalities, and one user per
role in Bulqizë, the same roles in Pukë (the outsiders), a national viewer and an
administrator."""

import uuid
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal

from django.core.files.base import ContentFile

from kujdes.accounts.models import Role, User
from kujdes.accounts.services import membership_grant, user_create
from kujdes.directory import services as directory
from kujdes.directory.models import Organization, Phone, ServiceType
from kujdes.documents.models import AssessmentDocument, PlanDocument
from kujdes.planning import services as planning
from kujdes.planning.models import (
    AdvisoryMember,
    BudgetYear,
    Meeting,
    Objective,
    Plan,
    Programme,
    Structure,
)
from kujdes.territory.models import Area
from kujdes.territory.services import AreaRow, areas_upsert

PASSWORD = "a-long-test-password-7"

AREAS = [
    AreaRow("AL", "", Area.Level.COUNTRY, "Shqipëri", "Albanija", "Albania"),
    AreaRow("AL-QARK-DIBER", "AL", Area.Level.REGION, "Dibër", "Dibra", "Dibër"),
    AreaRow("AL-QARK-SHKODER", "AL", Area.Level.REGION, "Shkodër", "Skadar", "Shkodër"),
    AreaRow(
        "AL-BULQIZE",
        "AL-QARK-DIBER",
        Area.Level.MUNICIPALITY,
        "Bulqizë",
        "Bulqiza",
        "Bulqizë",
        Decimal("469.38"),
    ),
    AreaRow("AL-BULQIZE-ZERQAN", "AL-BULQIZE", Area.Level.ADMIN_UNIT, "Zerqan"),
    AreaRow("AL-BULQIZE-FUSHE-BULQIZE", "AL-BULQIZE", Area.Level.ADMIN_UNIT, "Fushë-Bulqizë"),
    AreaRow("AL-PUKE", "AL-QARK-SHKODER", Area.Level.MUNICIPALITY, "Pukë", "Puka", "Pukë"),
    AreaRow("AL-PUKE-QERRET", "AL-PUKE", Area.Level.ADMIN_UNIT, "Qerret"),
]

# A small directory with fixed ids, so that routes can name them.
ORGANIZATION_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000b001")
ORGANIZATION_PUKE = uuid.UUID("00000000-0000-4000-8000-00000000a001")
SERVICE_DAY_CENTRE = uuid.UUID("00000000-0000-4000-8000-00000000b101")
SERVICE_SOS_LINE = uuid.UUID("00000000-0000-4000-8000-00000000b102")
SERVICE_SHELTER = uuid.UUID("00000000-0000-4000-8000-00000000b103")
SERVICE_PUKE = uuid.UUID("00000000-0000-4000-8000-00000000a101")
LICENCE_PUKE = uuid.UUID("00000000-0000-4000-8000-00000000a301")
LOCATION_DAY_CENTRE = uuid.UUID("00000000-0000-4000-8000-00000000b201")
LOCATION_SHELTER = uuid.UUID("00000000-0000-4000-8000-00000000b202")
LOCATION_PUKE = uuid.UUID("00000000-0000-4000-8000-00000000a201")
# The needs assessment's entries and one finished document, for the route matrix.
STRUCTURE_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000b401")
BUDGET_YEAR_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000b501")
DOCUMENT_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000b601")
# Bulqizë's draft Social Plan (no objectives), for the route matrix.
PLAN_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000b701")
# An earlier plan of Bulqizë, adopted and in implementation, public, with one objective.
PLAN_BULQIZE_ADOPTED = uuid.UUID("00000000-0000-4000-8000-00000000b702")
OBJECTIVE_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000b703")
PLANS = (PLAN_BULQIZE, PLAN_BULQIZE_ADOPTED)
# A former member of Bulqizë's advisory group (no longer active, so that the group of every
# test starts empty), and the meeting on the adopted plan they attended.
ADVISORY_MEMBER_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000b704")
MEETING_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000b705")
# A finished PDF of the adopted plan, written once it was adopted: public.
PLAN_DOCUMENT_BULQIZE = uuid.UUID("00000000-0000-4000-8000-00000000b801")
# The shelter's address: tests assert it appears on no public page, API answer or export.
SHELTER_ADDRESS = "Rruga Sekrete 7"
SHELTER_COORDINATES = (Decimal("41.512345"), Decimal("20.187654"))

# Roles held in one municipality; the same roles elsewhere make the outsiders.
MUNICIPAL_ROLES = [
    Role.PLANNER,
    Role.CASE_WORKER,
    Role.SUPERVISOR,
    Role.PROVIDER_STAFF,
    Role.ADVISORY_MEMBER,
]


@dataclass
class Cast:
    areas: dict[str, Area]
    # role → user holding it over Bulqizë
    insiders: dict[str, User] = field(default_factory=dict)
    # role → user holding it over Pukë
    outsiders: dict[str, User] = field(default_factory=dict)
    national_viewer: User | None = None
    administrator: User | None = None
    # An administrator of one municipality only.
    municipal_administrator: User | None = None
    no_role: User | None = None

    @property
    def planner(self) -> User:
        return self.insiders[Role.PLANNER]

    def persona(self, name: str) -> User | None:
        """ "anonymous", "<role>", "<role>@other", "national_viewer", "administrator", "no_role"."""
        if name == "anonymous":
            return None
        if name.endswith("@other"):
            return self.outsiders[name.removesuffix("@other")]
        if name in self.insiders:
            return self.insiders[name]
        return getattr(self, name)


def cast_load() -> Cast:
    """The cast as stored by cast_create, read back for one test."""
    users = {user.username: user for user in User.objects.all()}
    return Cast(
        areas={area.code: area for area in Area.objects.all()},
        insiders={role: users[f"{role}.bulqize"] for role in MUNICIPAL_ROLES},
        outsiders={role: users[f"{role}.puke"] for role in MUNICIPAL_ROLES},
        national_viewer=users["national"],
        administrator=users["admin"],
        municipal_administrator=users["admin.bulqize"],
        no_role=users["norole"],
    )


def cast_create() -> Cast:
    areas_upsert(rows=AREAS, actor=None, origin="tests")
    cast = Cast(areas={area.code: area for area in Area.objects.all()})
    bulqize, puke = cast.areas["AL-BULQIZE"], cast.areas["AL-PUKE"]
    for role in MUNICIPAL_ROLES:
        insider = user_create(actor=None, username=f"{role}.bulqize", password=PASSWORD)
        membership_grant(actor=None, user=insider, role=role, area=bulqize)
        cast.insiders[role] = insider
        outsider = user_create(actor=None, username=f"{role}.puke", password=PASSWORD)
        membership_grant(actor=None, user=outsider, role=role, area=puke)
        cast.outsiders[role] = outsider
    cast.national_viewer = user_create(actor=None, username="national", password=PASSWORD)
    membership_grant(
        actor=None, user=cast.national_viewer, role=Role.NATIONAL_VIEWER, area=cast.areas["AL"]
    )
    cast.administrator = user_create(actor=None, username="admin", password=PASSWORD)
    membership_grant(
        actor=None, user=cast.administrator, role=Role.ADMINISTRATOR, area=cast.areas["AL"]
    )
    cast.municipal_administrator = user_create(
        actor=None, username="admin.bulqize", password=PASSWORD
    )
    membership_grant(
        actor=None, user=cast.municipal_administrator, role=Role.ADMINISTRATOR, area=bulqize
    )
    cast.no_role = user_create(actor=None, username="norole", password=PASSWORD)
    directory_create(cast)
    planning_create(cast)
    return cast


def planning_create(cast: Cast) -> None:
    """Bulqizë's directorate (A6), its 2024 budget (A7), a finished report and a draft plan."""
    bulqize = cast.areas["AL-BULQIZE"]
    planning.structure_save(
        actor=None,
        municipality=bulqize,
        structure_id=STRUCTURE_BULQIZE,
        values={"kind": Structure.Kind.DIRECTORATE, "staff_required": 4, "staff_in_post": 3},
    )
    planning.budget_year_save(
        actor=None,
        municipality=bulqize,
        budget_year_id=BUDGET_YEAR_BULQIZE,
        values={
            "year": 2024,
            "stage": BudgetYear.Stage.EXECUTED,
            "currency": "ALL",
            "municipal_total": Decimal("701000000"),
        },
        lines={Programme.SICKNESS_DISABILITY: Decimal("12600000")},
    )
    document = AssessmentDocument.objects.create(
        id=DOCUMENT_BULQIZE,
        municipality=bulqize,
        language="sq",
        format=AssessmentDocument.Format.PDF,
        status=AssessmentDocument.Status.DONE,
        progress=100,
    )
    document.file.save("needs-assessment-AL-BULQIZE-sq.pdf", ContentFile(b"%PDF-1.7 test"))
    planning.plan_save(
        actor=None,
        municipality=bulqize,
        plan_id=PLAN_BULQIZE,
        values={
            "name_sq": "Plani Social i Bulqizës 2026–2028",
            "kind": "social_plan",
            "start_year": 2026,
            "end_year": 2028,
            "currency": "ALL",
        },
    )
    adopted = planning.plan_save(
        actor=None,
        municipality=bulqize,
        plan_id=PLAN_BULQIZE_ADOPTED,
        values={
            "name_sq": "Plani Social i Bulqizës 2021–2025",
            "kind": "social_plan",
            "start_year": 2021,
            "end_year": 2025,
            "currency": "ALL",
        },
    )
    Objective.objects.create(
        id=OBJECTIVE_BULQIZE, plan=adopted, number="1", name_sq="Kujdes në komunitet"
    )
    # Its adoption written directly: the cast needs the state, not the steps (tested apart).
    adopted.status = Plan.Status.IN_IMPLEMENTATION
    adopted.decision_body, adopted.decision_number = "Këshilli Bashkiak Bulqizë", "12"
    adopted.decision_date = date(2021, 3, 30)
    adopted.decision_file.save("vendim-12.pdf", ContentFile(b"%PDF-1.7 vendim 12"), save=False)
    adopted.save()
    member = AdvisoryMember.objects.create(
        id=ADVISORY_MEMBER_BULQIZE,
        municipality=bulqize,
        name="Besnik Gjoka",
        organization="Shoqata Zemër",
        sector=AdvisoryMember.Sector.CIVIL_SOCIETY,
        is_active=False,
    )
    meeting = Meeting.objects.create(
        id=MEETING_BULQIZE,
        plan=adopted,
        held_on=date(2021, 2, 10),
        place="Bashkia Bulqizë",
        agenda="Objektivat e planit",
    )
    meeting.attendees.set([member])
    plan_document = PlanDocument.objects.create(
        id=PLAN_DOCUMENT_BULQIZE,
        plan=adopted,
        language="sq",
        format=PlanDocument.Format.PDF,
        status=PlanDocument.Status.DONE,
        progress=100,
        plan_status=Plan.Status.IN_IMPLEMENTATION,
    )
    plan_document.file.save("social-plan-AL-BULQIZE-2021-2025.pdf", ContentFile(b"%PDF-1.7 plan"))


def directory_create(cast: Cast) -> None:
    """A Centre for Social Work in Bulqizë with a day centre for persons with disabilities in
    Zerqan, an SOS line and a shelter at a confidential address; an NGO service in Pukë."""
    directory.taxonomies_load()
    bulqize, puke = cast.areas["AL-BULQIZE"], cast.areas["AL-PUKE"]
    zerqan = cast.areas["AL-BULQIZE-ZERQAN"]
    centre = directory.organization_create(
        actor=None,
        area=bulqize,
        organization_id=ORGANIZATION_BULQIZE,
        values={
            "kind": Organization.Kind.SOCIAL_WORK_CENTRE,
            "name_sq": "Qendra e Shërbimeve Sociale Bulqizë",
            "name_en": "Bulqizë Social Services Centre",
            "registration_number": "L91234567A",
        },
    )
    day_centre_location = directory.location_save(
        actor=None,
        organization=centre,
        expected_version=None,
        location_id=LOCATION_DAY_CENTRE,
        values={
            "name_sq": "Qendra ditore Zerqan",
            "address": "Rruga Kryesore 1",
            "city": "Zerqan",
            "area": zerqan,
            "latitude": Decimal("41.498000"),
            "longitude": Decimal("20.356000"),
        },
    )
    shelter_location = directory.location_save(
        actor=None,
        organization=centre,
        expected_version=None,
        location_id=LOCATION_SHELTER,
        values={
            "name_sq": "Strehëz emergjente",
            "address": SHELTER_ADDRESS,
            "city": "Bulqizë",
            "area": cast.areas["AL-BULQIZE-FUSHE-BULQIZE"],
            "latitude": SHELTER_COORDINATES[0],
            "longitude": SHELTER_COORDINATES[1],
            "is_confidential": True,
        },
    )
    weekdays = directory.ScheduleInput("MO,TU,WE,TH,FR", time(8), time(16))
    directory.service_create(
        actor=None,
        organization=centre,
        area=bulqize,
        service_id=SERVICE_DAY_CENTRE,
        data=directory.ServiceInput(
            values={
                "service_type": _service_type("AL_COMMUNITY_DAY"),
                "name_sq": "Qendër ditore për fëmijë me aftësi të kufizuara",
                "name_en": "Day centre for children with disabilities",
                "description_sq": "Terapi dhe aktivitete ditore.",
                "eligibility_sq": "Fëmijë 3–18 vjeç me aftësi të kufizuara.",
                "capacity": 20,
            },
            target_group_codes=["AL_PWD", "AL_CHILDREN"],
            language_codes=["sq"],
            areas_served=[zerqan],
            locations=[day_centre_location],
            phones=[directory.PhoneInput("+355 219 20 001")],
            schedules=[weekdays],
        ),
    )
    directory.service_create(
        actor=None,
        organization=centre,
        area=bulqize,
        service_id=SERVICE_SOS_LINE,
        data=directory.ServiceInput(
            values={
                "service_type": _service_type("AL_PARASOCIAL_INFO_COUNSELLING"),
                "name_sq": "Linja SOS për gratë viktima të dhunës",
                "name_sr_latn": "SOS linija za žene žrtve nasilja",
                "name_en": "SOS line for women victims of violence",
            },
            target_group_codes=["AL_ABUSED_WOMEN"],
            language_codes=["sq", "rom", "sr"],
            areas_served=[bulqize],
            phones=[directory.PhoneInput("0800 1111", kind=Phone.Kind.SOS)],
        ),
    )
    directory.service_create(
        actor=None,
        organization=centre,
        area=bulqize,
        service_id=SERVICE_SHELTER,
        data=directory.ServiceInput(
            values={
                "service_type": _service_type("AL_COMMUNITY_EMERGENCY_72H"),
                "name_sq": "Strehim emergjent 72-orësh",
                "name_en": "72-hour emergency shelter",
                "capacity": 6,
            },
            target_group_codes=["AL_VICTIMS_VIOLENCE"],
            areas_served=[bulqize],
            locations=[shelter_location],
            phones=[directory.PhoneInput("+355 219 20 003", kind=Phone.Kind.HELPLINE)],
        ),
    )
    ngo = directory.organization_create(
        actor=None,
        area=puke,
        organization_id=ORGANIZATION_PUKE,
        values={"kind": Organization.Kind.NGO, "name_sq": "Shoqata Zemra Pukë"},
    )
    directory.licence_save(
        actor=None,
        organization=ngo,
        expected_version=ngo.version,
        licence_id=LICENCE_PUKE,
        values={
            "kind": "Licencë për shërbime të kujdesit shoqëror",
            "issuer": "Ministria e Shëndetësisë dhe Mbrojtjes Sociale",
            "number": "LIC-2021-001",
            "valid_from": date(2021, 1, 1),
            "valid_to": None,
            "status": "active",
        },
    )
    puke_location = directory.location_save(
        actor=None,
        organization=ngo,
        expected_version=None,
        location_id=LOCATION_PUKE,
        values={
            "name_sq": "Zyra Qerret",
            "address": "Qendra",
            "area": cast.areas["AL-PUKE-QERRET"],
        },
    )
    directory.service_create(
        actor=None,
        organization=ngo,
        area=puke,
        service_id=SERVICE_PUKE,
        data=directory.ServiceInput(
            values={
                "service_type": _service_type("AL_COMMUNITY_HOME"),
                "name_sq": "Kujdes në shtëpi për të moshuarit",
            },
            target_group_codes=["AL_ELDERLY"],
            areas_served=[puke],
            locations=[puke_location],
        ),
    )


def _service_type(code: str) -> ServiceType:
    return ServiceType.objects.get(code=code)
