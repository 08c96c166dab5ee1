"""The Needs Assessment Report (A1–A8), computed from the statistics, the directory and what
the planner entered: `data` reads, `compute` works out the figures, `report` words them."""

from kujdes.planning.assessment.compute import Assessment, assessment_compute
from kujdes.planning.assessment.data import assessment_data
from kujdes.territory.models import Area


def assessment_build(municipality: Area) -> Assessment:
    data = assessment_data(municipality)
    return assessment_compute(data.municipalities[0], data)


def assessments_build(root: Area, *, with_boundaries: bool = False) -> list[Assessment]:
    """The assessment of every municipality under `root`, read in one pass."""
    data = assessment_data(root, with_boundaries=with_boundaries)
    return [assessment_compute(municipality, data) for municipality in data.municipalities]
