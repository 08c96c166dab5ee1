"""The municipality's projects and the activities of its adopted plans as an IATI 2.03 activity
file (iatistandard.org), the format in which donors and national bodies follow aid and public
spending.

What the file holds:
- One activity per project of the municipality, and one per activity of the latest adopted
  version of each of its plans. The versions of a plan share a lineage; adopting a version
  closes the earlier ones, so the latest adopted version is the one in force (or, for a closed
  plan, the last one that was). Drafts and plans in consultation are not exported.
- A plan activity keeps its identifier across the plan's versions: its row is copied at every
  revision, so it is known by the plan's lineage and its number. Contracts, progress and the
  projects that implement it are found the same way, whichever version they were recorded on;
  so are its indicators' actuals, by the number of the objective or measure an indicator
  measures and the indicator's Albanian name.
- Public data only: the names of organizations and of the plan's items, amounts, the plan's
  targets and the actuals of published reviews. No person is named, and the people a project
  reached are left out: a total published here beside the suppressed cells of the same table
  on another page could give a hidden cell away.

Codelists (IATI 2.03): activity status, activity dates, organisation roles and types,
transaction types, budget type and status, result types, related-activity types; the sector is
DAC 16010 "Social protection", whose description names special programmes for older persons,
persons with disabilities, children and other vulnerable groups: the municipal social-care
services Kujdes plans. (The voluntary sub-code 16015 names "social services" but the codelist
describes it as cash benefits to families with children, which fits worse.)
"""

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise
from lxml import etree

from kujdes.directory.models import FundingSource, Organization
from kujdes.monitoring.models import (
    ActivityProgress,
    IndicatorActual,
    Project,
    ProjectFunding,
    ServiceContract,
)
from kujdes.monitoring.selectors.figures import actual_public, indicators_counting_people
from kujdes.planning.models import Activity, Indicator, Measure, Objective, Plan
from kujdes.planning.selectors import plans_published
from kujdes.territory.models import Area

Element = Any  # lxml ships no type hints

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Content-field suffix → (xml:lang, Django's language). IATI's Language codelist is ISO 639-1,
# without scripts: Serbian written in Latin script is "sr".
LANGUAGES = {"sq": ("sq", "sq"), "sr_latn": ("sr", "sr-latn"), "en": ("en", "en")}

# The municipality's organisation identifier. IATI asks for "{list}-{number}" from a list of
# org-id.guide. The lists that could hold a municipality are the Charts of Accounts (AL-COA,
# XK-COA, RS-COA: budget codes of government bodies, none collected for these countries yet)
# and the tax registers (AL-QKB's NUIS, RS-PIB); Kujdes records no such code for a
# municipality. Until it does, or a municipality is given an XI-IATI identifier, the file uses
# this prefix with the municipality's Kujdes area code ("XI-KUJDES-AL-BULQIZE"): stable, as
# area codes never change, and unique across the three countries. It is not a registered
# list, and IATI's validator says so; that is the honest outcome until a real code is known.
ORGANISATION_PREFIX = "XI-KUJDES"
LOCAL_GOVERNMENT = "11"
# Only the kinds that say which IATI type an organization is: an NGO may be national or
# international, and donors are recorded as public institutions; those carry no type.
ORGANISATION_TYPES: dict[str, str] = {
    Organization.Kind.MUNICIPAL_DIRECTORATE: LOCAL_GOVERNMENT,
    Organization.Kind.SOCIAL_WORK_CENTRE: "15",  # other public sector
    Organization.Kind.PRIVATE: "70",  # private sector
}
MUNICIPALITY_NAMES = {
    "AL": pgettext_lazy("a municipality of Albania (bashki)", "Municipality of %(name)s"),
    "XK": pgettext_lazy("a municipality of Kosovo (komunë)", "Municipality of %(name)s"),
    "RS": pgettext_lazy("a municipality of Serbia (opština)", "Municipality of %(name)s"),
}

PLAN_ACTIVITY_DESCRIPTION = _(
    "Activity %(number)s of the plan “%(plan)s”, under measure %(measure_number)s “%(measure)s”."
)
PROJECT_DESCRIPTION = _("Project run by %(implementer)s in %(municipality)s.")
UNIT_OF_MEASURE = _("Unit of measure: %(unit)s")
ILLUSTRATIVE = _("Illustrative data of the Kujdes demo, not a municipality's.")

SECTOR_SOCIAL_PROTECTION = "16010"
COUNTRY_CURRENCIES = {"AL": "ALL", "XK": "EUR", "RS": "RSD"}
# Organisation roles
FUNDING, ACCOUNTABLE, IMPLEMENTING = "1", "2", "4"
# Activity statuses
PIPELINE, IMPLEMENTATION, FINALISATION, CLOSED, CANCELLED = "1", "2", "3", "4", "5"
# Activity date types
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
# Transaction types
OUTGOING_COMMITMENT, INCOMING_COMMITMENT = "2", "11"
# Description types
GENERAL, OBJECTIVES, TARGET_GROUPS, OTHER = "1", "2", "3", "4"
# Result types, by the level of the plan an indicator measures
OUTPUT, OUTCOME, IMPACT = "1", "2", "3"
# Related-activity types: a plan activity contains the projects that implement it.
PARENT, CHILD = "1", "2"

PROJECT_STATUSES: dict[str, str] = {
    Project.Status.PLANNED: PIPELINE,
    Project.Status.ONGOING: IMPLEMENTATION,
    Project.Status.COMPLETED: CLOSED,
    Project.Status.CANCELLED: CANCELLED,
}
PROGRESS_STATUSES: dict[str, str] = {
    ActivityProgress.Status.NOT_STARTED: PIPELINE,
    ActivityProgress.Status.ON_TRACK: IMPLEMENTATION,
    ActivityProgress.Status.DELAYED: IMPLEMENTATION,
    ActivityProgress.Status.COMPLETED: CLOSED,
    ActivityProgress.Status.CANCELLED: CANCELLED,
}
# What an activity number may hold to be part of an identifier (no spaces, no "/").
IDENTIFIER_PART = re.compile(r"[A-Za-z0-9._-]+")
# Characters XML 1.0 does not allow, which pasted text sometimes carries.
NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Texts = dict[str, str]  # content-field suffix → text


def iati_activities(*, municipality: Area) -> bytes:
    """The IATI activity file of the municipality. A municipality with nothing to export gives
    a file without activities, which the schema does not accept (see `iati_document`)."""
    return iati_file(iati_document(municipality=municipality))


def iati_file(document: Element) -> bytes:
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def iati_document(*, municipality: Area) -> Element:
    """The `<iati-activities>` element; it has no children when the municipality has no
    project and no adopted plan. A fixed number of queries, whatever their number."""
    today = timezone.localdate()
    reporter = _Reporter(municipality)
    plans = _plans_in_force(municipality)
    activities = _plan_activities(plans, reporter)
    lineages = {plan.lineage for plan in plans}
    _progress_attach(activities, lineages, municipality)
    _contracts_attach(activities, lineages, municipality)
    indicators = _Indicators(plans, lineages, municipality)
    projects = _projects(municipality)
    parents: dict[Any, list[str]] = {}
    for project in projects:
        # Rows of two versions of a plan may stand for the same exported activity.
        found = {
            item.identifier: item
            for item in map(activities.find, project.activities.all())
            if item is not None
        }
        parents[project.pk] = list(found)
        for item in found.values():
            item.children.append(reporter.project_identifier(project))

    root = etree.Element("iati-activities", version="2.03")
    root.set("generated-datetime", timezone.now().replace(microsecond=0).isoformat())
    for item in activities.items:
        _plan_activity_write(root, item, reporter, indicators, today)
    for project in projects:
        _project_write(root, project, reporter, parents[project.pk], today)
    return root


# ── Reads ────────────────────────────────────────────────────────────────────────────────────


def _plans_in_force(municipality: Area) -> list[Plan]:
    """The latest adopted version of each of the municipality's plans."""
    adopted = plans_published().filter(municipality=municipality, status__in=Plan.ADOPTED_STATUSES)
    latest: dict[Any, Plan] = {}
    for plan in adopted.order_by("lineage", "-revision"):
        latest.setdefault(plan.lineage, plan)
    return sorted(latest.values(), key=lambda plan: (plan.start_year, plan.name_sq))


@dataclass
class _PlanActivity:
    activity: Activity
    plan: Plan
    identifier: str
    # The latest published progress: (year, revision, status)
    progress: tuple[int, int, str] | None = None
    contracts: list[ServiceContract] = field(default_factory=list)
    # The identifiers of the projects that implement it
    children: list[str] = field(default_factory=list)


@dataclass
class _PlanActivities:
    items: list[_PlanActivity]
    by_pk: dict[Any, _PlanActivity]
    by_number: dict[tuple[Any, str], _PlanActivity]

    def find(self, activity: Activity) -> _PlanActivity | None:
        """The exported activity a row of any version of its plan stands for. Needs the
        activity's measure, objective and plan loaded."""
        return self.lookup(activity.pk, activity.measure.objective.plan.lineage, activity.number)

    def lookup(self, pk: Any, lineage: Any, number: str) -> _PlanActivity | None:
        return self.by_pk.get(pk) or self.by_number.get((lineage, number))


def _plan_activities(plans: list[Plan], reporter: "_Reporter") -> _PlanActivities:
    """Four queries: the activities, their costs, partners and target groups."""
    rows = list(
        Activity.objects.filter(measure__objective__plan__in=plans)
        .select_related("measure__objective__parent", "measure__objective__plan")
        .prefetch_related("costs", "partners", "target_groups")
        .order_by(
            "measure__objective__plan__start_year",
            "measure__objective__plan__name_sq",
            "measure__objective__parent__position",
            "measure__objective__parent__number",
            "measure__objective__position",
            "measure__objective__number",
            "measure__position",
            "measure__number",
            "position",
            "number",
        )
    )
    numbers = Counter((row.measure.objective.plan_id, row.number) for row in rows)
    items, by_number = [], {}
    for row in rows:
        plan = row.measure.objective.plan
        # A number that two activities of the plan share, or that cannot be part of an
        # identifier, leaves the activity known by its row, which a revision changes.
        if numbers[(plan.pk, row.number)] == 1 and IDENTIFIER_PART.fullmatch(row.number):
            identifier = f"{reporter.identifier}-PLAN-{plan.lineage}-{row.number}"
            item = _PlanActivity(row, plan, identifier)
            by_number[(plan.lineage, row.number)] = item
        else:
            item = _PlanActivity(row, plan, f"{reporter.identifier}-ACTIVITY-{row.pk}")
        items.append(item)
    return _PlanActivities(items, {item.activity.pk: item for item in items}, by_number)


def _progress_attach(activities: _PlanActivities, lineages: set[Any], municipality: Area) -> None:
    """Each activity's progress at the latest published review of any version of its plan."""
    rows = ActivityProgress.objects.filter(
        review__plan__municipality=municipality,
        review__plan__lineage__in=lineages,
        review__published_at__isnull=False,
    ).values_list(
        "activity_id",
        "activity__number",
        "review__plan__lineage",
        "review__plan__revision",
        "review__year",
        "status",
    )
    for pk, number, lineage, revision, year, status in rows:
        item = activities.lookup(pk, lineage, number)
        if item is not None and (item.progress is None or (year, revision) > item.progress[:2]):
            item.progress = (year, revision, status)


def _contracts_attach(activities: _PlanActivities, lineages: set[Any], municipality: Area) -> None:
    contracts = (
        ServiceContract.objects.filter(
            municipality=municipality, activity__measure__objective__plan__lineage__in=lineages
        )
        .select_related("provider", "activity__measure__objective__plan")
        .order_by("starts", "number")
    )
    for contract in contracts:
        assert contract.activity is not None
        item = activities.find(contract.activity)
        if item is not None:
            item.contracts.append(contract)


# An indicator across the plan's versions: (lineage, level, number of the objective or measure,
# Albanian name).
IndicatorKey = tuple[Any, str, str, str]


class _Indicators:
    """The indicators of the plans in force, by the objective or measure they measure, with
    their targets and the actuals of the published reviews. Four queries."""

    def __init__(self, plans: list[Plan], lineages: set[Any], municipality: Area) -> None:
        lineage_of = {plan.pk: plan.lineage for plan in plans}
        self.of_objective: dict[Any, list[Indicator]] = defaultdict(list)
        self.of_measure: dict[Any, list[Indicator]] = defaultdict(list)
        self.keys: dict[Any, IndicatorKey] = {}
        indicators = list(
            Indicator.objects.filter(plan__in=plans)
            .select_related("objective", "measure")
            .prefetch_related("targets")
        )
        # Actual values that count so few people that they could point at someone are left
        # out, as everywhere Kujdes publishes them.
        self.counting = indicators_counting_people(indicators)
        for indicator in indicators:
            if indicator.measure is not None:
                self.of_measure[indicator.measure_id].append(indicator)
                owner = ("measure", indicator.measure.number)
            else:
                assert indicator.objective is not None
                self.of_objective[indicator.objective_id].append(indicator)
                owner = ("objective", indicator.objective.number)
            self.keys[indicator.pk] = (lineage_of[indicator.plan_id], *owner, indicator.name_sq)
        # key → year → (revision, value): the latest version's value of a year wins.
        self.actuals: dict[IndicatorKey, dict[int, tuple[int, Decimal]]] = defaultdict(dict)
        rows = IndicatorActual.objects.filter(
            review__plan__municipality=municipality,
            review__plan__lineage__in=lineages,
            review__published_at__isnull=False,
        ).values_list(
            "review__plan__lineage",
            "review__plan__revision",
            "review__year",
            "indicator__objective__number",
            "indicator__measure__number",
            "indicator__name_sq",
            "value",
        )
        for lineage, revision, year, objective, measure, name, value in rows:
            level, number = (
                ("measure", measure) if measure is not None else ("objective", objective)
            )
            by_year = self.actuals[(lineage, level, number, name)]
            if year not in by_year or revision > by_year[year][0]:
                by_year[year] = (revision, value)

    def actuals_of(self, indicator: Indicator) -> dict[int, Decimal]:
        by_year = self.actuals.get(self.keys[indicator.pk], {})
        counts_people = indicator.pk in self.counting
        return {
            year: value
            for year, (_revision, value) in by_year.items()
            if not actual_public(value, counts_people).hidden
        }


def _projects(municipality: Area) -> list[Project]:
    """Five queries: the projects, their funding, target groups and the plan activities they
    implement."""
    return list(
        Project.objects.filter(municipality=municipality)
        .select_related("implementer")
        .prefetch_related(
            Prefetch(
                "funding",
                queryset=ProjectFunding.objects.select_related("funder").order_by(
                    "funder__name_sq", "currency"
                ),
            ),
            "target_groups",
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("measure__objective__plan"),
            ),
        )
        .order_by("starts", "name_sq", "pk")
    )


# ── Writing ──────────────────────────────────────────────────────────────────────────────────


class _Reporter:
    """The municipality as the organisation that reports the file."""

    def __init__(self, municipality: Area) -> None:
        self.municipality = municipality
        self.identifier = f"{ORGANISATION_PREFIX}-{municipality.code}"
        self.names = _in_languages(
            LANGUAGES,
            MUNICIPALITY_NAMES.get(municipality.country_code, MUNICIPALITY_NAMES["AL"]),
            lambda suffix: {"name": municipality.name_in(suffix)},
        )

    def project_identifier(self, project: Project) -> str:
        return f"{self.identifier}-PROJECT-{project.pk}"

    def owns(self, organization: Organization) -> bool:
        """Whether the organization is the municipality's own directorate."""
        return (
            organization.kind == Organization.Kind.MUNICIPAL_DIRECTORATE
            and organization.area_id == self.municipality.pk
        )

    def party(
        self, parent: Element, tag: str, organization: Organization | None = None, **attributes: str
    ) -> Element:
        """An organization (the municipality itself when None) in a `tag` element. A directorate
        of the municipality is the municipality, under its own name."""
        if organization is None or self.owns(organization):
            attributes |= {"ref": self.identifier, "type": LOCAL_GOVERNMENT}
        elif organization.kind in ORGANISATION_TYPES:
            attributes["type"] = ORGANISATION_TYPES[organization.kind]
        names = self.names if organization is None else _texts(organization, "name")
        return _narrated(parent, tag, names, **attributes)


def _clean(text: str) -> str:
    return NOT_XML.sub("", text).strip()


def _texts(instance: Any, name: str) -> Texts:
    """`<name>_<suffix>` of the record in every language it has one."""
    texts = {suffix: _clean(getattr(instance, f"{name}_{suffix}", "")) for suffix in LANGUAGES}
    return {suffix: text for suffix, text in texts.items() if text}


def _in_languages(
    suffixes: Iterable[str],
    message: StrOrPromise,
    values: Callable[[str], dict[str, str]] | dict[str, str] | None = None,
) -> Texts:
    """A text Kujdes writes, in each of the languages: the message in that language's
    translation, with `values` (or the values for that language) put in."""
    texts = {}
    for suffix in suffixes:
        with translation.override(LANGUAGES[suffix][1]):
            given = values(suffix) if callable(values) else values
            text = str(message) % given if given is not None else str(message)
        texts[suffix] = _clean(text)
    return texts


def _narratives_add(element: Element, texts: Texts) -> Element:
    for suffix, text in texts.items():
        narrative = etree.SubElement(element, "narrative")
        narrative.set(XML_LANG, LANGUAGES[suffix][0])
        narrative.text = text
    return element


def _narrated(parent: Element, tag: str, texts: Texts, **attributes: str) -> Element:
    return _narratives_add(etree.SubElement(parent, tag, **attributes), texts)


def _day(value: date) -> str:
    return value.isoformat()


def _amount(value: Decimal) -> str:
    return f"{value:f}"


def _activity_start(
    parent: Element,
    identifier: str,
    reporter: _Reporter,
    title: Texts,
    currency: str,
    *,
    secondary: bool,
) -> Element:
    activity = etree.SubElement(parent, "iati-activity", {"default-currency": currency})
    activity.set(XML_LANG, "sq")
    etree.SubElement(activity, "iati-identifier").text = identifier
    reporting = reporter.party(activity, "reporting-org")
    # A project the municipality neither funds nor runs is another organization's activity:
    # the municipality reproduces it, so that its plan's delivery is seen whole.
    reporting.set("secondary-reporter", "1" if secondary else "0")
    _narrated(activity, "title", title)
    return activity


def _dates_write(activity: Element, dates: list[tuple[str, date]]) -> None:
    for kind, day in dates:
        etree.SubElement(activity, "activity-date", {"iso-date": _day(day), "type": kind})


def _place_and_sector_write(activity: Element, reporter: _Reporter) -> None:
    etree.SubElement(
        activity, "recipient-country", code=reporter.municipality.country_code, percentage="100"
    )
    etree.SubElement(
        activity, "sector", vocabulary="1", code=SECTOR_SOCIAL_PROTECTION, percentage="100"
    )


def _transaction_write(
    activity: Element,
    reporter: _Reporter,
    *,
    kind: str,
    day: date,
    amount: Decimal,
    currency: str,
    provider: Organization | None,
    receiver: Organization | None,
    ref: str = "",
) -> None:
    transaction = etree.SubElement(activity, "transaction")
    if ref:
        transaction.set("ref", ref)
    etree.SubElement(transaction, "transaction-type", code=kind)
    etree.SubElement(transaction, "transaction-date", {"iso-date": _day(day)})
    value = etree.SubElement(transaction, "value", {"currency": currency, "value-date": _day(day)})
    value.text = _amount(amount)
    reporter.party(transaction, "provider-org", provider)
    reporter.party(transaction, "receiver-org", receiver)


def _description_write(activity: Element, kind: str, texts: Texts) -> None:
    if texts:
        _narrated(activity, "description", texts, type=kind)


def _target_groups(record: Project | Activity) -> Texts:
    groups = list(record.target_groups.all())
    if not groups:
        return {}
    return {
        suffix: ", ".join(_clean(group.name_in(suffix)) for group in groups) for suffix in LANGUAGES
    }


def _plan_activity_write(
    root: Element, item: _PlanActivity, reporter: _Reporter, indicators: _Indicators, today: date
) -> None:
    activity, plan, measure = item.activity, item.plan, item.activity.measure
    title = _texts(activity, "name") or {"sq": activity.number}
    element = _activity_start(
        root, item.identifier, reporter, title, plan.currency, secondary=False
    )
    _description_write(
        element,
        GENERAL,
        _in_languages(
            title,
            PLAN_ACTIVITY_DESCRIPTION,
            lambda suffix: {
                "number": activity.number,
                "plan": plan.name_in(suffix),
                "measure_number": measure.number,
                "measure": measure.name_in(suffix),
            },
        ),
    )
    _description_write(element, TARGET_GROUPS, _target_groups(activity))
    if plan.is_illustrative:
        _description_write(element, OTHER, _in_languages(title, ILLUSTRATIVE))

    costs = list(activity.costs.all())
    if any(cost.source == FundingSource.MUNICIPAL_BUDGET for cost in costs):
        reporter.party(element, "participating-org", role=FUNDING)
    # The council adopted the plan and the municipality answers for it at the yearly review.
    reporter.party(element, "participating-org", role=ACCOUNTABLE)
    implementers = {partner.pk: partner for partner in activity.partners.all()}
    implementers |= {contract.provider_id: contract.provider for contract in item.contracts}
    for organization in implementers.values():
        reporter.party(element, "participating-org", organization, role=IMPLEMENTING)
    if not implementers:
        # Its responsible unit is one of the municipality's own.
        reporter.party(element, "participating-org", role=IMPLEMENTING)

    etree.SubElement(element, "activity-status", code=_plan_activity_status(item, today))
    _dates_write(
        element,
        [
            (PLANNED_START, date(activity.start_year, 1, 1)),
            (PLANNED_END, date(activity.end_year, 12, 31)),
        ],
    )
    _place_and_sector_write(element, reporter)

    by_year: dict[int, Decimal] = defaultdict(Decimal)
    for cost in costs:
        by_year[cost.year] += cost.amount
    for year, amount in sorted(by_year.items()):
        # Original for the first version of the plan, revised for a later one; indicative, as
        # the plan's sources (donors among them) have not all committed the money.
        budget = etree.SubElement(
            element, "budget", type="1" if plan.revision == 1 else "2", status="1"
        )
        etree.SubElement(budget, "period-start", {"iso-date": _day(date(year, 1, 1))})
        etree.SubElement(budget, "period-end", {"iso-date": _day(date(year, 12, 31))})
        value = etree.SubElement(
            budget, "value", {"currency": plan.currency, "value-date": _day(date(year, 1, 1))}
        )
        value.text = _amount(amount)

    for contract in item.contracts:
        _transaction_write(
            element,
            reporter,
            kind=OUTGOING_COMMITMENT,
            # Signed by the day it starts; by today at the latest, as IATI refuses future dates.
            day=min(contract.starts, today),
            amount=contract.amount,
            currency=contract.currency,
            provider=None,
            receiver=contract.provider,
            ref=contract.number,
        )
    for child in item.children:
        etree.SubElement(element, "related-activity", ref=child, type=CHILD)

    objective = measure.objective
    levels: list[tuple[str, Objective | Measure, list[Indicator]]] = [
        (OUTPUT, measure, indicators.of_measure.get(measure.pk, [])),
        (OUTCOME, objective, indicators.of_objective.get(objective.pk, [])),
    ]
    if objective.parent is not None:
        parent = objective.parent
        levels.append((IMPACT, parent, indicators.of_objective.get(parent.pk, [])))
    for kind, owner, owned in levels:
        if owned:
            _result_write(element, kind, owner, owned, indicators)


def _plan_activity_status(item: _PlanActivity, today: date) -> str:
    activity = item.activity
    progress = item.progress[2] if item.progress is not None else None
    if progress == ActivityProgress.Status.CANCELLED:
        return CANCELLED
    if item.plan.status == Plan.Status.CLOSED:
        return CLOSED
    if progress is not None:
        return PROGRESS_STATUSES[progress]
    if today.year < activity.start_year:
        return PIPELINE
    # Its years are over and no review has said it is done.
    return FINALISATION if today.year > activity.end_year else IMPLEMENTATION


def _result_write(
    element: Element,
    kind: str,
    owner: Objective | Measure,
    owned: list[Indicator],
    indicators: _Indicators,
) -> None:
    # The same result stands under every activity of the measure or objective: summing it
    # across activities would count it several times.
    result = etree.SubElement(element, "result", {"type": kind, "aggregation-status": "0"})
    names = _texts(owner, "name") or {"sq": owner.number}
    _narrated(result, "title", {suffix: f"{owner.number} {name}" for suffix, name in names.items()})
    for indicator in owned:
        targets = {target.year: target.value for target in indicator.targets.all()}
        actuals = indicators.actuals_of(indicator)
        # A unit "%" (or "% of …") is a percentage; any other counts units.
        measure = "2" if "%" in indicator.unit else "1"
        node = etree.SubElement(result, "indicator", measure=measure)
        baseline = indicator.baseline_value
        if baseline is not None and targets:
            last_target = targets[max(targets)]
            node.set("ascending", "1" if last_target >= baseline else "0")
        title = _texts(indicator, "name")
        _narrated(node, "title", title)
        unit = {"unit": _clean(indicator.unit)}
        if unit["unit"]:
            _narrated(node, "description", _in_languages(title, UNIT_OF_MEASURE, unit))
        # IATI needs the baseline's year; a baseline without one is left out, not guessed.
        if baseline is not None and indicator.baseline_year is not None:
            etree.SubElement(
                node, "baseline", year=str(indicator.baseline_year), value=_amount(baseline)
            )
        for year in sorted(targets.keys() | actuals.keys()):
            period = etree.SubElement(node, "period")
            etree.SubElement(period, "period-start", {"iso-date": _day(date(year, 1, 1))})
            etree.SubElement(period, "period-end", {"iso-date": _day(date(year, 12, 31))})
            if year in targets:
                etree.SubElement(period, "target", value=_amount(targets[year]))
            if year in actuals:
                etree.SubElement(period, "actual", value=_amount(actuals[year]))


def _project_write(
    root: Element, project: Project, reporter: _Reporter, parents: list[str], today: date
) -> None:
    funding = list(project.funding.all())
    implementer = project.implementer
    own = any(reporter.owns(org) for org in [implementer, *(line.funder for line in funding)])
    title = _texts(project, "name")
    # Every amount names its currency; the default is the funders' one, or the country's.
    currencies = {line.currency for line in funding}
    country = reporter.municipality.country_code
    currency = currencies.pop() if len(currencies) == 1 else COUNTRY_CURRENCIES[country]
    element = _activity_start(
        root, reporter.project_identifier(project), reporter, title, currency, secondary=not own
    )
    _description_write(
        element,
        GENERAL,
        _in_languages(
            title,
            PROJECT_DESCRIPTION,
            lambda suffix: {
                "implementer": implementer.name_in(suffix),
                "municipality": reporter.municipality.name_in(suffix),
            },
        ),
    )
    _description_write(element, OBJECTIVES, _texts(project, "results"))
    _description_write(element, TARGET_GROUPS, _target_groups(project))
    if project.is_illustrative:
        _description_write(element, OTHER, _in_languages(title, ILLUSTRATIVE))

    funders = {line.funder_id: line.funder for line in funding}
    for funder in funders.values():
        reporter.party(element, "participating-org", funder, role=FUNDING)
    reporter.party(element, "participating-org", implementer, role=IMPLEMENTING)

    etree.SubElement(element, "activity-status", code=PROJECT_STATUSES[project.status])
    dates = [(PLANNED_START, project.starts), (PLANNED_END, project.ends)]
    # Actual dates only when they have come: IATI refuses actual dates in the future.
    started = project.status in (Project.Status.ONGOING, Project.Status.COMPLETED)
    if started and project.starts <= today:
        dates.append((ACTUAL_START, project.starts))
    if project.status == Project.Status.COMPLETED and project.ends <= today:
        dates.append((ACTUAL_END, project.ends))
    _dates_write(element, sorted(dates))
    _place_and_sector_write(element, reporter)

    for line in funding:
        _transaction_write(
            element,
            reporter,
            kind=INCOMING_COMMITMENT,
            # Kujdes does not record when the funder committed: by the project's start, and by
            # today at the latest.
            day=min(project.starts, today),
            amount=line.amount,
            currency=line.currency,
            provider=line.funder,
            receiver=implementer,
        )
    for identifier in parents:
        etree.SubElement(element, "related-activity", ref=identifier, type=PARENT)
