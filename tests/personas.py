"""The cast every test can use: a small area tree with two municipalities, and one user per
role in Bulqizë, the same roles in Pukë (the outsiders), a national viewer and an
administrator."""

from dataclasses import dataclass, field
from decimal import Decimal

from kujdes.accounts.models import Role, User
from kujdes.accounts.services import membership_grant, user_create
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
    return cast
