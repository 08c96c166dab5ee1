"""A municipality's projects with their funding and the people they reached."""

import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kujdes.accounts.models import User
from kujdes.audit.services import event_record
from kujdes.directory.models import Currency, Organization, TargetGroup
from kujdes.monitoring.models import (
    Project,
    ProjectFunding,
    ProjectReach,
)
from kujdes.monitoring.services.common import (
    given_and_merged,
    organization_check,
    period_check,
)
from kujdes.planning.models import Activity
from kujdes.planning.services import (
    AMOUNT_NEGATIVE,
    InvalidInput,
    changes_apply,
)
from kujdes.territory.models import Area

PERIOD_BACKWARDS = _("A project cannot end before it starts.")
ACTIVITY_OF_MUNICIPALITY = _("Choose activities of this municipality's plans.")
UNIT_OF_MUNICIPALITY = _("Choose administrative units of this municipality.")
TARGET_GROUP_OF_COUNTRY = _("Choose target groups from this country's list.")
FUNDER_TWICE = _("Name each funder once per currency.")
YEAR_OF_PROJECT = _("Give a year in which the project ran.")

PROJECT_FIELDS = (
    "name_sq",
    "name_sr_latn",
    "name_en",
    "implementer",
    "starts",
    "ends",
    "status",
    "results_sq",
    "results_sr_latn",
    "results_en",
    "is_illustrative",
)


@transaction.atomic
def project_save(
    *,
    actor: User | None,
    municipality: Area,
    project: Project | None = None,
    project_id: uuid.UUID | None = None,
    expected_version: int | None = None,
    values: dict[str, Any],
    funding: Iterable[tuple[Organization, Decimal, str]],
    activities: Iterable[Activity],
    target_groups: Iterable[TargetGroup],
    units: Iterable[Area],
) -> Project:
    """Record a project of the municipality, or change one. Its funding (funder, amount,
    currency), the plan activities it implements, its target groups and units replace the
    ones it had, so an update names them all. `project_id` fixes a new project's id (the
    demo's, found again by it)."""
    given, merged = given_and_merged(values, PROJECT_FIELDS, project)
    period_check(merged["starts"], merged["ends"], PERIOD_BACKWARDS, "ends")
    chosen = list(activities)
    if any(a.measure.objective.plan.municipality_id != municipality.pk for a in chosen):
        raise InvalidInput(ACTIVITY_OF_MUNICIPALITY, "activities")
    places = list(units)
    if any(
        unit.level != Area.Level.ADMIN_UNIT or not unit.is_within(municipality) for unit in places
    ):
        raise InvalidInput(UNIT_OF_MUNICIPALITY, "units")
    groups = list(target_groups)
    if any(group.country != municipality.country_code for group in groups):
        raise InvalidInput(TARGET_GROUP_OF_COUNTRY, "target_groups")
    organization_check(merged["implementer"], municipality, "implementer")
    lines = list(funding)
    for funder, _amount, _currency in lines:
        organization_check(funder, municipality, "funding")
    if len({(funder.pk, currency) for funder, _amount, currency in lines}) != len(lines):
        raise InvalidInput(FUNDER_TWICE, "funding")
    for _funder, amount, currency in lines:
        if amount < 0:
            raise InvalidInput(AMOUNT_NEGATIVE, "funding")
        if currency not in Currency.values:
            raise ValueError(f"Unknown currency {currency!r}.")
    if project is None:
        fixed = {"id": project_id} if project_id is not None else {}
        project = Project.objects.create(municipality=municipality, **fixed, **given)
        verb, changed = "project.created", list(given)
    else:
        if project.municipality_id != municipality.pk:
            raise ValueError("The project belongs to another municipality.")
        changed = changes_apply(project, given, expected_version)
        verb = "project.updated"
    project.activities.set(chosen)
    project.target_groups.set(groups)
    project.units.set(places)
    ProjectFunding.objects.filter(project=project).delete()
    ProjectFunding.objects.bulk_create(
        ProjectFunding(project=project, funder=funder, amount=amount, currency=currency)
        for funder, amount, currency in lines
    )
    event_record(
        actor=actor,
        verb=verb,
        target_type="project",
        target_key=str(project.pk),
        payload={
            "municipality": municipality.code,
            "fields": changed,
            "funding": [[str(f.pk), str(a), c] for f, a, c in lines],
            "activities": sorted(str(a.pk) for a in chosen),
        },
    )
    return project


@transaction.atomic
def project_reach_set(
    *, actor: User | None, project: Project, year: int, people: dict[tuple[str, str], int]
) -> list[ProjectReach]:
    """Replace the people the project reached in `year`: (sex, age group) → people."""
    if not project.starts.year <= year <= project.ends.year:
        raise InvalidInput(YEAR_OF_PROJECT, "year")
    for (sex, age_group), count in people.items():
        if sex not in ProjectReach.Sex.values or age_group not in ProjectReach.AgeGroup.values:
            raise ValueError(f"Unknown group {sex!r}, {age_group!r}.")
        if count < 0:
            raise InvalidInput(AMOUNT_NEGATIVE, "people")
    ProjectReach.objects.filter(project=project, year=year).delete()
    rows = ProjectReach.objects.bulk_create(
        ProjectReach(project=project, year=year, sex=sex, age_group=age_group, people=count)
        for (sex, age_group), count in sorted(people.items())
    )
    # Counts of people, not people: they may be small, but they name no one.
    event_record(
        actor=actor,
        verb="project_reach.set",
        target_type="project",
        target_key=str(project.pk),
        payload={"year": year, "people": sum(people.values())},
    )
    return rows
