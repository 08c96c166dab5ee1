"""Open Referral HSDS 3.0: the ids Kujdes gives what it exports, its code lists as HSDS
taxonomies, and the import of HSDS datasets.

`hsds_import` reads JSON in any of these shapes:
- one object: a service, an organization (with its `services` and `locations`), a service at
  a location (with its `service` and `location`) or a location;
- a list of such objects;
- a paginated envelope, as the HSDS API answers, with the objects under `contents`;
- an object without an `id` with lists under `organizations`, `services`,
  `service_at_locations` and `locations`.

Every object is read and checked before anything is written; then the whole file is written
in one transaction through the directory's services, or, if anything is wrong, nothing is,
and every problem is named by its JSON path ("$.contents[3].phones[0].number"). Records are
matched by their HSDS id, so a second import of the same file changes nothing. Texts are read
as the Albanian original. What Kujdes has no place for is listed in the report's notices.
"""

from kujdes.directory.hsds.importing import hsds_import
from kujdes.directory.hsds.reading import HsdsImportReport, HsdsProblem
from kujdes.directory.hsds.taxonomies import (
    HSDS_VERSION,
    TAXONOMIES,
    TAXONOMIES_BY_ID,
    Taxonomy,
    hsds_uuid,
    taxonomy_of,
)

__all__ = [
    "HSDS_VERSION",
    "TAXONOMIES",
    "TAXONOMIES_BY_ID",
    "HsdsImportReport",
    "HsdsProblem",
    "Taxonomy",
    "hsds_import",
    "hsds_uuid",
    "taxonomy_of",
]
