"""Imports of areas and observations from CSV and XLSX. The upload page and the
`import_statistics` command both call `import_upload`.

Every row is checked first; then everything is written in one transaction, or nothing is.
Observations stream: rows are checked as they are read and handed to the service as plain
tuples, which it copies into the database; if any row turns out bad, the service's
transaction is rolled back before it has touched the observation table.
"""

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import cast

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kujdes.accounts.models import User
from kujdes.accounts.selectors import IMPORTING_ROLES, areas_for_user
from kujdes.lib.importing import (
    FIRST_YEAR,
    FLAGS,
    LAST_YEAR,
    ColumnChecker,
    ImportReport,
    RowError,
)
from kujdes.lib.tabular import MEDIA_TYPES, Cell, TableError, read_table, write_csv, write_xlsx
from kujdes.territory import services
from kujdes.territory.models import AgeBand, Area, AreaQuerySet, Sex, Source, Variable

KIND_CHOICES = [
    ("areas", gettext_lazy("Areas")),
    ("observations", gettext_lazy("Statistics (observations)")),
]
KINDS = {kind for kind, _label in KIND_CHOICES}

COLUMNS = {
    "areas": ["code", "parent_code", "level", "name_sq", "name_sr_latn", "name_en", "area_km2"],
    "observations": [
        "variable",
        "area",
        "year",
        "sex",
        "age_band",
        "source",
        "value",
        "provisional",
    ],
}
# An absent `provisional` column means "not provisional"; every other column must be there,
# so that a file cannot wipe names or figures by leaving a column out.
OPTIONAL_COLUMNS = {"provisional"}
EXAMPLES = {
    "areas": [
        "AL-BULQIZE-ZERQAN-KLENJE",
        "AL-BULQIZE-ZERQAN",
        "settlement",
        "Klenjë",
        "Klenje",
        "Klenjë",
        "12.5",
    ],
    "observations": ["POPULATION", "AL-BULQIZE", "2023", "F", "TOTAL", "CENSUS-2023", "1234", "0"],
}
_CODE = re.compile(r"[A-Z0-9][A-Z0-9_-]*")
_LEVELS: list[str] = list(Area.Level.values)
# Integer digits allowed before the decimal mark: max_digits − decimal_places of the fields.
_WHOLE_DIGITS = {"value": 12, "area_km2": 8}


class _Rejected(Exception):
    """Raised through the service to roll its transaction back when a row was bad."""


def import_upload(*, kind: str, data: bytes, filename: str, actor: User | None) -> ImportReport:
    """Check the file and, if every row is good, import it. `actor` None is the command line,
    which may import anywhere; a user may import only into the areas they plan or administer."""
    report = ImportReport(kind=kind)
    try:
        table = read_table(data=data, filename=filename)
    except TableError as error:
        report.errors.append(RowError(line=1, column="", message=str(error)))
        return report
    checker = _Checker(table, COLUMNS[kind], report.errors)
    if report.errors:
        return report
    scope = None if actor is None else areas_for_user(actor, IMPORTING_ROLES)
    try:
        if kind == "areas":
            counts = _areas_import(checker, scope, actor=actor, origin=filename)
        else:
            counts = _observations_import(checker, scope, actor=actor, origin=filename)
    except _Rejected:
        return report
    report.created, report.updated, report.unchanged = (
        counts.created,
        counts.updated,
        counts.unchanged,
    )
    return report


def template_file(*, kind: str, file_format: str) -> tuple[bytes, str]:
    """An empty file of this kind with its header and one example row."""
    header, example = COLUMNS[kind], EXAMPLES[kind]
    if file_format == "csv":
        return write_csv([header, example]), MEDIA_TYPES["csv"]
    numeric = {"year", "value", "area_km2"}
    typed = [
        Decimal(text) if name in numeric else text
        for name, text in zip(header, example, strict=True)
    ]
    text_columns = [index for index, name in enumerate(header) if name not in numeric]
    return write_xlsx([header, typed], text_columns=text_columns), MEDIA_TYPES["xlsx"]


class _Checker(ColumnChecker):
    optional_columns = OPTIONAL_COLUMNS
    whole_digits = _WHOLE_DIGITS


def _observations_import(
    checker: _Checker, scope: AreaQuerySet | None, *, actor: User | None, origin: str
) -> services.UpsertCounts:
    rows = _ObservationRows(checker, scope)

    def checked() -> Iterator[services.ObservationValues]:
        for row in rows:
            # After the first bad row nothing more is sent, but every row is still checked.
            if not checker.errors:
                yield row
        if checker.errors:
            raise _Rejected

    return services.observations_upsert_values(rows=checked(), actor=actor, origin=origin)


class _ObservationRows:
    """The rows of an observation file as ids and values. The loop resolves every cell with
    one dictionary look-up and sends a row to the careful, reporting path only if one fails."""

    def __init__(self, checker: _Checker, scope: AreaQuerySet | None) -> None:
        self.checker = checker
        areas = Area.objects.all() if scope is None else scope
        # Keyed by Cell, not str: the loop looks up whatever the cell holds.
        self.areas: dict[Cell, int] = dict(areas.values_list("code", "id"))
        self.variables: dict[Cell, int] = dict(Variable.objects.values_list("code", "id"))
        self.sources: dict[Cell, int] = dict(Source.objects.values_list("code", "id"))
        self.bands: dict[Cell, int] = dict(AgeBand.objects.values_list("code", "id"))
        self.years: dict[Cell, int] = {str(year): year for year in range(FIRST_YEAR, LAST_YEAR + 1)}
        self.sexes: dict[Cell, str] = {sex: sex for sex in Sex.values}
        self.key_label = ", ".join(COLUMNS["observations"][:6])

    def __iter__(self) -> Iterator[services.ObservationValues]:
        checker, index, width = self.checker, self.checker.index, self.checker.width
        variable, area, year, sex, band, source, value = (
            index[name] for name in COLUMNS["observations"][:7]
        )
        provisional = index.get("provisional")
        variables, areas, years, sexes = self.variables, self.areas, self.years, self.sexes
        bands, sources = self.bands, self.sources
        plain_number = checker.table.number_style.plain_number()
        first_lines: dict[tuple[int, int, int, str, int, int], int] = {}
        for line, cells in checker.table.rows:
            if len(cells) != width:
                fitted = checker.fit(line, cells)
                if fitted is None:
                    continue
                cells = fitted
            row = (
                variables.get(cells[variable]),
                areas.get(cells[area]),
                years.get(cells[year]),
                sexes.get(cells[sex]),
                bands.get(cells[band]),
                sources.get(cells[source]),
                plain_number(cells[value]),
                False if provisional is None else FLAGS.get(cells[provisional]),
            )
            if None in row:
                checked = self.careful(line, cells)
                if checked is None:
                    continue
                resolved = checked
            else:
                resolved = cast(services.ObservationValues, row)
            key = resolved[:6]
            first = first_lines.setdefault(key, line)
            if first != line:
                checker.errors.append(
                    RowError(
                        line,
                        self.key_label,
                        _(
                            "the same variable, area, year, sex, age band and source as "
                            "line %(line)s"
                        )
                        % {"line": first},
                    )
                )
                continue
            yield resolved

    def careful(self, line: int, cells: Sequence[Cell]) -> services.ObservationValues | None:
        checker = self.checker
        if checker.fit(line, cells) is None:
            return None
        before = len(checker.errors)
        variable = checker.code(
            line, cells, "variable", self.variables, _("unknown variable code “%(code)s”")
        )
        # An area outside the user's scope is refused exactly like one that does not exist.
        area = checker.code(line, cells, "area", self.areas, _("unknown area code “%(code)s”"))
        year = checker.year(line, cells, "year")
        sex = checker.required(line, cells, "sex")
        if sex is not None and sex not in self.sexes:
            checker.error(
                line,
                "sex",
                _("unknown sex code “%(code)s”: use T (total), F (female) or M (male)")
                % {"code": sex},
            )
        band = checker.code(
            line, cells, "age_band", self.bands, _("unknown age band code “%(code)s”")
        )
        source = checker.code(
            line, cells, "source", self.sources, _("unknown source code “%(code)s”")
        )
        value = checker.number(line, cells, "value")
        if value is None and len(checker.errors) == before:
            checker.error(line, "value", _("empty: a value is required"))
        provisional = checker.flag(line, cells, "provisional")
        if len(checker.errors) > before:
            return None
        return cast(
            services.ObservationValues,
            (variable, area, year, sex, band, source, value, provisional),
        )


def _areas_import(
    checker: _Checker, scope: AreaQuerySet | None, *, actor: User | None, origin: str
) -> services.UpsertCounts:
    rows = list(_area_rows(checker, scope))
    if checker.errors:
        raise _Rejected
    return services.areas_upsert(rows=rows, actor=actor, origin=origin)


def _area_rows(checker: _Checker, scope: AreaQuerySet | None) -> Iterator[services.AreaRow]:
    existing = {
        code: (path, parent_code or "")
        for code, path, parent_code in Area.objects.values_list("code", "path", "parent__code")
    }
    levels = dict(Area.objects.values_list("code", "level"))
    allowed = set(existing) if scope is None else set(scope.values_list("code", flat=True))
    paths = {code: path for code, (path, _parent) in existing.items() if code in allowed}
    if scope is not None:
        # The area a role is held over (a municipality, say) is shared with the levels above:
        # a user may add and change areas below it, not the area itself.
        allowed -= {code for code in allowed if existing[code][1] not in allowed}
    first_lines: dict[str, int] = {}
    for line, raw in checker.table.rows:
        cells = checker.fit(line, raw)
        if cells is None:
            continue
        before = len(checker.errors)
        code = checker.required(line, cells, "code")
        parent_code = checker.text(line, cells, "parent_code")
        level = checker.required(line, cells, "level")
        names = [checker.text(line, cells, f"name_{language}") for language in ("sr_latn", "en")]
        name_sq = checker.required(line, cells, "name_sq")
        area_km2 = checker.number(line, cells, "area_km2")
        if code is not None:
            if not _CODE.fullmatch(code) or len(code) > 64:
                checker.error(
                    line,
                    "code",
                    _("not a valid code: “%(code)s”; use capital letters, digits and “-”")
                    % {"code": code},
                )
            elif code in first_lines:
                checker.error(
                    line, "code", _("the same code as line %(line)s") % {"line": first_lines[code]}
                )
            elif code in existing and code not in allowed:
                # Said without revealing that the code belongs to someone else's area.
                checker.error(
                    line, "code", _("the code “%(code)s” cannot be used") % {"code": code}
                )
            elif code in existing and parent_code not in (None, existing[code][1]):
                checker.error(
                    line,
                    "parent_code",
                    _("an area cannot be moved to another parent by an import"),
                )
            elif (
                code not in existing
                and parent_code in paths
                and not code.startswith(f"{parent_code}-")
            ):
                # Codes are unique across countries: the parent's prefix keeps one
                # municipality's new codes from taking another's.
                checker.error(
                    line,
                    "code",
                    _("a new code must begin with its parent's code: “%(prefix)s…”")
                    % {"prefix": f"{parent_code}-"},
                )
            first_lines.setdefault(code, line)
        if parent_code is not None and code is not None and code not in existing:
            if parent_code == "" and scope is not None:
                checker.error(line, "parent_code", _("empty: a value is required"))
            elif parent_code and parent_code not in paths:
                checker.error(
                    line,
                    "parent_code",
                    _("unknown area code “%(code)s”; a parent must exist or come earlier")
                    % {"code": parent_code},
                )
        if level is not None and level not in Area.Level.values:
            checker.error(
                line,
                "level",
                _("unknown level “%(level)s”: use one of %(levels)s")
                % {"level": level, "levels": ", ".join(Area.Level.values)},
            )
        elif (
            level is not None
            and parent_code in paths
            and _LEVELS.index(level) <= _LEVELS.index(levels[parent_code])
        ):
            checker.error(
                line,
                "level",
                _("an area of level “%(level)s” cannot lie within one of level “%(parent)s”")
                % {"level": level, "parent": levels[parent_code]},
            )
        for language, name in zip(("sq", "sr_latn", "en"), [name_sq, *names], strict=True):
            if name is not None and len(name) > 200:
                checker.error(line, f"name_{language}", _("longer than 200 characters"))
        if len(checker.errors) > before:
            continue
        assert code is not None and level is not None and name_sq is not None
        assert parent_code is not None and names[0] is not None and names[1] is not None
        if code in existing:
            path = existing[code][0]
        else:
            path = (paths[parent_code] if parent_code else "") + code + "/"
        if len(path) > 400:
            checker.error(line, "code", _("the area is nested too deep"))
            continue
        paths[code] = path
        levels[code] = level
        yield services.AreaRow(code, parent_code, level, name_sq, names[0], names[1], area_km2)
