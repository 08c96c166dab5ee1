"""Providers and the services they run: where, for whom, when, at what capacity and funding."""

import uuid
from datetime import date
from typing import NamedTuple

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from kujdes.lib.text import fold
from kujdes.territory.models import AgeBand, Area, Sex, TranslatedNameMixin, content_language

LANGUAGE_SUFFIXES = ("sq", "sr_latn", "en")


class Translated(NamedTuple):
    """A text in the reader's language, or the Albanian original when it is missing."""

    text: str
    language: str  # the suffix the text is in: "sq", "sr_latn" or "en"
    is_fallback: bool

    @property
    def html_lang(self) -> str:
        return self.language.replace("_", "-")


def translated(instance: models.Model, field: str, language: str | None = None) -> Translated:
    """`field_<language>` of the instance, falling back visibly to `field_sq`."""
    wanted = language or content_language()
    text = getattr(instance, f"{field}_{wanted}", "")
    if text or wanted == "sq":
        return Translated(text, wanted, False)
    original = getattr(instance, f"{field}_sq", "")
    return Translated(original, "sq", bool(original))


_IN_LANGUAGE = {"sq": _("in Albanian"), "sr_latn": _("in Serbian (Latin)"), "en": _("in English")}


def text_in_language(label: StrOrPromise, suffix: str) -> "models.TextField[str, str]":
    """A text people write, in one language (`suffix`): "description (in Albanian)"."""
    return models.TextField(format_lazy("{} ({})", label, _IN_LANGUAGE[suffix]), blank=True)


class Country(models.TextChoices):
    ALBANIA = "AL", _("Albania")
    KOSOVO = "XK", _("Kosovo")
    SERBIA = "RS", _("Serbia")


class CommonServiceType(models.TextChoices):
    """One code per kind of service across the countries (data/service_type_common_codes.csv)."""

    COUNSELLING_INFORMATION = "COUNSELLING_INFORMATION", _("information and counselling")
    EARLY_INTERVENTION = "EARLY_INTERVENTION", _("early intervention")
    ASSESSMENT_PLANNING = "ASSESSMENT_PLANNING", _("assessment and planning")
    HELPLINE = "HELPLINE", _("SOS line or helpline")
    HOME_CARE = "HOME_CARE", _("home care")
    DAY_CARE = "DAY_CARE", _("day care")
    MULTIFUNCTIONAL_CENTRE = "MULTIFUNCTIONAL_CENTRE", _("multifunctional centre")
    COMMUNITY_SERVICES = "COMMUNITY_SERVICES", _("other community services")
    FAMILY_SUPPORT = "FAMILY_SUPPORT", _("family support")
    INDEPENDENT_LIVING = "INDEPENDENT_LIVING", _("support for independent living")
    ALTERNATIVE_CARE = "ALTERNATIVE_CARE", _("alternative and foster care")
    EMERGENCY_SHELTER = "EMERGENCY_SHELTER", _("emergency shelter")
    SUPPORTED_HOUSING = "SUPPORTED_HOUSING", _("supported housing")
    RESIDENTIAL_CARE = "RESIDENTIAL_CARE", _("residential care")
    SPECIALISED_SERVICES = "SPECIALISED_SERVICES", _("specialised services")
    REHABILITATION = "REHABILITATION", _("rehabilitation")
    REINTEGRATION = "REINTEGRATION", _("reintegration")
    PREVENTIVE_SERVICES = "PREVENTIVE_SERVICES", _("preventive services")
    PROTECTIVE_SERVICES = "PROTECTIVE_SERVICES", _("protective services")


class CommonTargetGroup(models.TextChoices):
    """The cross-country target-group codes of shared/data/taxonomies/target_groups.csv."""

    CHILDREN = "CHILDREN", _("children")
    PERSONS_WITH_DISABILITIES = "PERSONS_WITH_DISABILITIES", _("persons with disabilities")
    ELDERLY = "ELDERLY", _("elderly people")
    VICTIMS_OF_VIOLENCE = "VICTIMS_OF_VIOLENCE", _("victims of violence")
    VICTIMS_OF_TRAFFICKING = "VICTIMS_OF_TRAFFICKING", _("victims of trafficking")
    WOMEN_AT_RISK = "WOMEN_AT_RISK", _("women at risk")
    FAMILIES = "FAMILIES", _("families")
    POOR_FAMILIES = "POOR_FAMILIES", _("families on economic aid")
    SINGLE_PARENTS_PREGNANT_GIRLS = (
        "SINGLE_PARENTS_PREGNANT_GIRLS",
        _("single parents and pregnant girls"),
    )
    ROMA_EGYPTIANS = "ROMA_EGYPTIANS", _("Roma and Egyptians")
    HOMELESS = "HOMELESS", _("homeless people")
    YOUTH_IN_CONFLICT_WITH_LAW = (
        "YOUTH_IN_CONFLICT_WITH_LAW",
        _("young people in conflict with the law"),
    )
    SUBSTANCE_DEPENDENCY = "SUBSTANCE_DEPENDENCY", _("people with drug or alcohol dependency")
    ADULTS_AT_RISK = "ADULTS_AT_RISK", _("adults at risk")
    MIGRANTS_REFUGEES = "MIGRANTS_REFUGEES", _("migrants and refugees")


class ServiceType(TranslatedNameMixin):
    """A service type from a country's typology (VKM 518/2018, the Serbian Law on Social
    Protection, the Kosovo Law on Social and Family Services), with a common code for
    comparison across countries."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    legal_basis = models.CharField(_("legal basis"), max_length=400, blank=True)
    common_code = models.CharField(
        _("common code"), max_length=64, choices=CommonServiceType.choices, db_index=True
    )
    position = models.PositiveSmallIntegerField(default=0)
    hsds_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["country", "position"]
        verbose_name = _("service type")


class TargetGroup(TranslatedNameMixin):
    """A group of people a service is for, with the common code used across countries."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=400, blank=True)
    common_code = models.CharField(
        _("common code"), max_length=64, choices=CommonTargetGroup.choices, db_index=True
    )
    position = models.PositiveSmallIntegerField(default=0)
    hsds_id = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["country", "position"]
        verbose_name = _("target group")


class SpokenLanguage(TranslatedNameMixin):
    """A language staff speak with the people they serve (ISO 639 code)."""

    code = models.CharField(_("code"), max_length=8, unique=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]


class Organization(TranslatedNameMixin):
    class Kind(models.TextChoices):
        PUBLIC_INSTITUTION = "public_institution", _("public institution")
        SOCIAL_WORK_CENTRE = "social_work_centre", _("Centre for Social Work")
        MUNICIPAL_DIRECTORATE = "municipal_directorate", _("municipal directorate")
        NGO = "ngo", _("non-governmental organization")
        PRIVATE = "private", _("private provider")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The area whose staff keep this record: a municipality, or a country for national bodies.
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="organizations")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    registration_number = models.CharField(_("registration number"), max_length=64, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    description_sq = text_in_language(_("description"), "sq")
    description_sr_latn = text_in_language(_("description"), "sr_latn")
    description_en = text_in_language(_("description"), "en")
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_sq"]
        verbose_name = _("organization")

    def licence_state(self, day: date) -> str:
        """ "valid", "lapsed" (licences recorded, none valid on the day) or "none" recorded.
        Reads `licences.all()`, so a prefetch serves it."""
        licences = list(self.licences.all())
        if not licences:
            return "none"
        return "valid" if any(licence.is_valid_on(day) for licence in licences) else "lapsed"


class Licence(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        SUSPENDED = "suspended", _("suspended")
        REVOKED = "revoked", _("revoked")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="licences"
    )
    kind = models.CharField(_("licence type"), max_length=200)
    issuer = models.CharField(_("issued by"), max_length=200)
    number = models.CharField(_("number"), max_length=64)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)

    class Meta:
        ordering = ["-valid_from"]
        verbose_name = _("licence")

    def __str__(self) -> str:
        return f"{self.kind} {self.number}"

    def is_valid_on(self, day: date) -> bool:
        return (
            self.status == self.Status.ACTIVE
            and self.valid_from <= day
            and (self.valid_to is None or day <= self.valid_to)
        )


class Location(TranslatedNameMixin):
    """A place where services are given. A confidential location (a shelter) is shown only
    to signed-in staff whose role allows it; its address never reaches a public page."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="locations"
    )
    address = models.CharField(_("street address"), max_length=300, blank=True)
    city = models.CharField(_("town or village"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=16, blank=True)
    # The administrative unit (or settlement) the location is in.
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_confidential = models.BooleanField(_("confidential address"), default=False)

    class Meta:
        ordering = ["name_sq"]
        verbose_name = _("location")


class Service(TranslatedNameMixin):
    class Status(models.TextChoices):
        # The HSDS 3.0 service statuses.
        ACTIVE = "active", _("active")
        TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")
        INACTIVE = "inactive", _("inactive")
        DEFUNCT = "defunct", _("closed for good")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services"
    )
    # The municipality whose staff keep this record.
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="services")
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.PROTECT, null=True, blank=True, related_name="services"
    )
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="services")
    areas_served = models.ManyToManyField(Area, blank=True, related_name="services_offered")
    languages = models.ManyToManyField(SpokenLanguage, blank=True, related_name="services")
    locations: "models.ManyToManyField[Location, ServiceAtLocation]" = models.ManyToManyField(
        Location, through="ServiceAtLocation", blank=True
    )
    description_sq = text_in_language(_("description"), "sq")
    description_sr_latn = text_in_language(_("description"), "sr_latn")
    description_en = text_in_language(_("description"), "en")
    eligibility_sq = text_in_language(_("who may use it"), "sq")
    eligibility_sr_latn = text_in_language(_("who may use it"), "sr_latn")
    eligibility_en = text_in_language(_("who may use it"), "en")
    application_process_sq = text_in_language(_("how to apply"), "sq")
    application_process_sr_latn = text_in_language(_("how to apply"), "sr_latn")
    application_process_en = text_in_language(_("how to apply"), "en")
    fees_sq = text_in_language(_("cost to the user"), "sq")
    fees_sr_latn = text_in_language(_("cost to the user"), "sr_latn")
    fees_en = text_in_language(_("cost to the user"), "en")
    is_free = models.BooleanField(_("free of charge"), default=True)
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.ACTIVE
    )
    email = models.EmailField(_("email"), blank=True)
    url = models.URLField(_("website"), blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    # Every name and description folded to lower-case ASCII, for diacritic-free search.
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name_sq"]
        # The HSDS API pages through services in this order.
        indexes = [models.Index(fields=["name_sq", "id"], name="service_name_order")]
        verbose_name = _("service")

    def folded_text(self) -> str:
        """Every name and description of the service and its provider, folded to lower-case
        ASCII: what `search_text` holds."""
        parts = [
            getattr(self, f"{text}_{suffix}")
            for text in ("name", "description")
            for suffix in LANGUAGE_SUFFIXES
        ]
        parts += [getattr(self.organization, f"name_{suffix}") for suffix in LANGUAGE_SUFFIXES]
        return " | ".join(fold(part) for part in parts if part)


class ServiceAtLocation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_at_location")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} at {self.location_id}"


class Phone(models.Model):
    class Kind(models.TextChoices):
        ORDINARY = "ordinary", _("telephone")
        HELPLINE = "helpline", _("helpline")
        SOS = "sos", _("SOS line")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="phones")
    number = models.CharField(_("number"), max_length=40)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ORDINARY)
    description_sq = text_in_language(_("when and what for"), "sq")
    description_sr_latn = text_in_language(_("when and what for"), "sr_latn")
    description_en = text_in_language(_("when and what for"), "en")
    languages = models.ManyToManyField(SpokenLanguage, blank=True, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.number

    @property
    def is_urgent(self) -> bool:
        return self.kind in (self.Kind.SOS, self.Kind.HELPLINE)


WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


class Schedule(models.Model):
    """Opening hours: the same hours on the given weekdays (HSDS `byday`, weekly)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    weekdays = models.CharField(_("days"), max_length=20, help_text="MO,TU,WE,TH,FR")
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.weekdays} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    def weekday_list(self) -> list[str]:
        return [day for day in self.weekdays.split(",") if day]


class BeneficiaryCount(models.Model):
    """People a service served in a year, by sex and age band."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="beneficiaries")
    year = models.PositiveSmallIntegerField(_("year"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.TOTAL)
    age_band = models.ForeignKey(AgeBand, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("people served"))

    class Meta:
        ordering = ["year", "sex", "age_band__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "sex", "age_band"], name="beneficiary_count_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.sex} {self.age_band_id}: {self.count}"


class FundingSource(models.TextChoices):
    MUNICIPAL_BUDGET = "municipal_budget", _("municipal budget")
    SOCIAL_FUND = "social_fund", _("Social Fund (conditional transfer)")
    SPECIFIC_GRANT = "specific_grant", _("specific or earmarked grant")
    GENERAL_GRANT = "general_grant", _("general grant")
    DONOR = "donor", _("donor")
    USER_FEES = "user_fees", _("user fees")


class Currency(models.TextChoices):
    LEK = "ALL", _("lek (ALL)")
    EURO = "EUR", _("euro (EUR)")
    DINAR = "RSD", _("dinar (RSD)")


class Funding(models.Model):
    """Money a service received in a year from one source."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="funding")
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=24, choices=FundingSource.choices)
    funder = models.CharField(_("funder"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)

    class Meta:
        ordering = ["year", "source", "funder"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "year", "source", "funder"], name="funding_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.source}: {self.amount} {self.currency}"
