"""Access-checked lookups of a plan's yearly reviews: 404 for what the user may not see."""

import uuid
from typing import TypeVar

from django.db.models import QuerySet
from django.http import Http404

from kujdes.accounts.models import User
from kujdes.directory.models import Organization
from kujdes.monitoring.models import FundingApplication, Project, Review, ServiceContract
from kujdes.planning.models import Plan
from kujdes.planning.selectors import (
    plan_get_for_editor,
    plan_get_for_reader,
    plan_get_published,
)
from kujdes.territory.models import Area


def _review_of(plan: Plan, year: int, reviews: "QuerySet[Review] | None" = None) -> Review:
    review = (reviews if reviews is not None else Review.objects).filter(plan=plan, year=year)
    found = review.select_related("meeting").first()
    if found is None:
        raise Http404
    found.plan = plan
    return found


def review_get_for_reader(user: User, code: str, plan_id: uuid.UUID, year: int) -> Review:
    """The review of a year of a plan the user may read."""
    return _review_of(plan_get_for_reader(user, code, plan_id), year)


def review_get_for_editor(user: User, code: str, plan_id: uuid.UUID, year: int) -> Review:
    """The review of a year of a plan the user may edit (planners and administrators)."""
    return _review_of(plan_get_for_editor(user, code, plan_id), year)


def reviews_published(plan: Plan) -> QuerySet[Review]:
    """The plan's reviews its planners have made public, latest year first."""
    return Review.objects.filter(plan=plan, published_at__isnull=False).order_by("-year")


def plan_get_adopted_published(code: str, plan_id: uuid.UUID) -> Plan:
    """A plan anyone may read whose reviews may be public: adopted (in implementation or
    closed)."""
    plan = plan_get_published(code, plan_id)
    if not plan.is_adopted:
        raise Http404
    return plan


def review_get_published(code: str, plan_id: uuid.UUID, year: int) -> Review:
    """A published review of a published plan, for anyone."""
    plan = plan_get_published(code, plan_id)
    return _review_of(plan, year, reviews_published(plan))


Record = TypeVar("Record", Project, ServiceContract, FundingApplication)


def record_get(model: type[Record], municipality: Area, pk: uuid.UUID) -> Record:
    """A project, contract or application of the municipality; 404 for another's."""
    record = model.objects.filter(pk=pk, municipality=municipality).first()
    if record is None:
        raise Http404
    return record


def organizations_for(municipality: Area) -> QuerySet[Organization]:
    """The organizations a municipality's projects, contracts and applications may name: any
    of its country's (an NGO of another town may run a service here; donors and funds are
    kept at the country), none of another country's."""
    return Organization.objects.filter(
        area__path__startswith=f"{municipality.country_code}/"
    ).order_by("name_sq")


def is_for(area: Area, municipality: Area) -> bool:
    """`organizations_for`'s rule for one record kept in `area`."""
    return area.country_code == municipality.country_code
