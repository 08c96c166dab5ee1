"""The area tree and the statistics observed on it."""

from decimal import Decimal

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kujdes.lib.text import fold


class Language(models.TextChoices):
    """Languages that content is stored in; the suffix of every `name_*` field."""

    ALBANIAN = "sq", _("Albanian")
    SERBIAN_LATIN = "sr_latn", _("Serbian (Latin)")
    ENGLISH = "en", _("English")


def content_language() -> str:
    """The content-field suffix for the active interface language ("sr-latn" → "sr_latn")."""
    language = (get_language() or "sq").lower().replace("-", "_")
    return language if language in Language.values else Language.ALBANIAN


class TranslatedNameMixin(models.Model):
    """`name_sq`, `name_sr_latn`, `name_en`; Albanian is the original every other falls back to."""

    name_sq = models.CharField(_("name in Albanian"), max_length=200)
    name_sr_latn = models.CharField(_("name in Serbian (Latin)"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_in(content_language())

    def name_in(self, language: str) -> str:
        return getattr(self, f"name_{language}", "") or self.name_sq


def ancestor_paths(path: str) -> list[str]:
    """The paths of the area at `path` and of every area above it, top first: "AL/AL-X/"
    gives ["AL/", "AL/AL-X/"]."""
    codes = path.strip("/").split("/")
    return ["/".join(codes[: index + 1]) + "/" for index in range(len(codes))]


class AreaQuerySet(models.QuerySet["Area"]):
    def subtree(self, area: "Area") -> "AreaQuerySet":
        """The area and everything below it: one indexed prefix match on the path."""
        return self.filter(path__startswith=area.path)

    def search(self, text: str) -> "AreaQuerySet":
        """Names containing the text in any language, ignoring case and diacritics."""
        return self.filter(name_folded__contains=fold(text.strip()))


class Area(TranslatedNameMixin):
    class Level(models.TextChoices):
        COUNTRY = "country", _("country")
        REGION = "region", _("region")
        MUNICIPALITY = "municipality", _("municipality")
        ADMIN_UNIT = "admin_unit", _("administrative unit")
        SETTLEMENT = "settlement", _("settlement")

    code = models.CharField(_("code"), max_length=64, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    # Materialised path of codes, "AL/AL-QARK-DIBER/AL-BULQIZE/": a subtree is one prefix match.
    path = models.CharField(max_length=400, unique=True)
    depth = models.PositiveSmallIntegerField()
    area_km2 = models.DecimalField(
        _("area (km²)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    # All names folded to lower-case ASCII, for diacritic-insensitive search.
    name_folded = models.CharField(max_length=620, db_index=True, editable=False)

    objects = AreaQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        # On PostgreSQL a pattern index serves `path LIKE 'AL/…/%'` whatever the collation.
        indexes = [
            models.Index(
                fields=["path"], name="area_path_prefix", opclasses=["varchar_pattern_ops"]
            )
        ]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def is_within(self, other: "Area") -> bool:
        return self.path.startswith(other.path)

    @property
    def country_code(self) -> str:
        """The code of the country the area lies in: the first code of its path."""
        return self.path.split("/", 1)[0]

    def ancestor_paths(self) -> list[str]:
        """The paths of this area and every area above it, top first."""
        return ancestor_paths(self.path)

    @staticmethod
    def path_for(*, code: str, parent: "Area | None") -> str:
        return (parent.path if parent else "") + code + "/"

    @staticmethod
    def folded_names(*names: str) -> str:
        return " | ".join(fold(name) for name in names if name)


class AreaBoundary(models.Model):
    """The area's outline as a GeoJSON geometry (WGS84 longitude/latitude)."""

    area = models.OneToOneField(Area, on_delete=models.CASCADE, related_name="boundary")
    geometry = models.JSONField()
    source = models.CharField(max_length=300)

    def __str__(self) -> str:
        return f"{self.area.code} boundary"


class Source(models.Model):
    """Where figures come from: a census, a register, an administrative report, or generated."""

    code = models.CharField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    url = models.CharField(_("address"), max_length=500, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # Figures no public source gives, generated so that the demo shows every page. Every page
    # that shows one says so.
    is_illustrative = models.BooleanField(_("illustrative"), default=False)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Variable(TranslatedNameMixin):
    """A statistic observed on areas: population, households, persons with disabilities, …"""

    class Unit(models.TextChoices):
        PERSONS = "persons", _("persons")
        HOUSEHOLDS = "households", _("households")
        CASES = "cases", _("cases")
        KM2 = "km2", _("km²")

    code = models.CharField(_("code"), max_length=64, unique=True)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    # Counts of people in a vulnerable situation: small values are suppressed on public pages.
    is_sensitive = models.BooleanField(_("sensitive"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]


class AgeBand(TranslatedNameMixin):
    """An age band for disaggregation; the band with code TOTAL stands for all ages."""

    TOTAL = "TOTAL"

    code = models.CharField(_("code"), max_length=16, unique=True)
    lower = models.PositiveSmallIntegerField(_("from age"), default=0)
    upper = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "lower"]


class Sex(models.TextChoices):
    TOTAL = "T", _("total")
    FEMALE = "F", _("female")
    MALE = "M", _("male")


class ObservationQuerySet(models.QuerySet["Observation"]):
    def totals(self) -> "ObservationQuerySet":
        return self.filter(sex=Sex.TOTAL, age_band__code=AgeBand.TOTAL)


class Observation(models.Model):
    """One figure: variable × area × year × sex × age band, from one source."""

    # No single-column indexes on the keys: the natural-key and area indexes lead with
    # variable and area, and every extra index slows the bulk imports (see bench/). The
    # natural key puts sex and age band before the area: most reads ask for one variable's
    # totals (or one breakdown) across many areas, which is then one range of the index.
    variable = models.ForeignKey(Variable, on_delete=models.PROTECT, db_index=False)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, db_index=False)
    year = models.PositiveSmallIntegerField(_("year"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.TOTAL)
    age_band = models.ForeignKey(AgeBand, on_delete=models.PROTECT, db_index=False)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, db_index=False)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    provisional = models.BooleanField(_("provisional"), default=False)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["variable", "sex", "age_band", "area", "year", "source"],
                name="observation_natural_key",
            ),
        ]
        # Sex is in the area index so that an area's latest breakdown is read from the index.
        indexes = [
            models.Index(fields=["area", "variable", "year", "sex"], name="observation_area_var")
        ]

    def __str__(self) -> str:
        return f"{self.variable.code} {self.area.code} {self.year}: {self.value}"

    @property
    def is_whole_number(self) -> bool:
        return self.value == self.value.to_integral_value()

    def display_value(self) -> Decimal:
        return self.value.quantize(Decimal(1)) if self.is_whole_number else self.value
