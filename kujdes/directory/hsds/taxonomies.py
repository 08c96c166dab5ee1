"""The ids Kujdes gives the HSDS objects it keeps no row for, and its code lists (service
types, target groups) as HSDS taxonomies."""

import uuid
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kujdes.directory.models import Country, ServiceType, TargetGroup

HSDS_VERSION = "3.0"

# The namespace of every id Kujdes derives for HSDS objects it has no row for (languages,
# service areas, attributes, addresses, taxonomies): the same record gets the same id in
# every answer and on every installation.
HSDS_NAMESPACE = uuid.UUID("5b0f8d6e-3f4a-5c21-9d8e-6b7a1c2e4f90")


def hsds_uuid(*parts: object) -> uuid.UUID:
    return uuid.uuid5(HSDS_NAMESPACE, "/".join(str(part) for part in parts))


# ── Taxonomies ───────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Taxonomy:
    """One of Kujdes's code lists as an HSDS taxonomy: a country's service types or target
    groups. Its terms are the ServiceType or TargetGroup rows of that country."""

    kind: str  # "service_type" or "target_group"
    country: str

    @property
    def id(self) -> uuid.UUID:
        return hsds_uuid("taxonomy", self.kind, self.country)

    @property
    def name(self) -> str:
        country = Country(self.country).label
        if self.kind == "service_type":
            return _("Kujdes service types, %(country)s") % {"country": country}
        return _("Kujdes target groups, %(country)s") % {"country": country}

    @property
    def description(self) -> str:
        return str(_TAXONOMY_DESCRIPTIONS[self.kind, self.country])


_TAXONOMY_DESCRIPTIONS = {
    ("service_type", "AL"): gettext_lazy(
        "The social care services of Albania (VKM 518/2018, Law 121/2016 on social care "
        "services), each with a common code shared across countries."
    ),
    ("service_type", "RS"): gettext_lazy(
        "The social protection services of Serbia (Law on Social Protection, Official Gazette "
        "24/2011), each with a common code shared across countries."
    ),
    ("service_type", "XK"): gettext_lazy(
        "The social and family services of Kosovo (Law on Social and Family Services), each "
        "with a common code shared across countries."
    ),
    ("target_group", "AL"): gettext_lazy(
        "The groups of people Albanian law names as users of social care services."
    ),
    ("target_group", "RS"): gettext_lazy(
        "The groups of people Serbian law names as users of social protection services."
    ),
    ("target_group", "XK"): gettext_lazy(
        "The groups of people Kosovo law names as users of social and family services."
    ),
}

TAXONOMIES = [
    Taxonomy(kind, country)
    for kind in ("service_type", "target_group")
    for country in (Country.ALBANIA, Country.SERBIA, Country.KOSOVO)
]
TAXONOMIES_BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}


def taxonomy_of(term: ServiceType | TargetGroup) -> Taxonomy:
    kind = "service_type" if isinstance(term, ServiceType) else "target_group"
    return Taxonomy(kind, term.country)
