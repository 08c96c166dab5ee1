"""Helpers of the HSDS tests (this module holds no tests): the Open Referral HSDS 3.0 JSON
Schemas and examples, and validation against them (Draft 2020-12, formats checked).

The specification is copied from the project's reference data into hsds-3.0/ beside this
module (see its SOURCE.md); KUJDES_HSDS_SPEC names another copy.
"""

import gzip
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

HSDS_SPEC = Path(os.environ.get("KUJDES_HSDS_SPEC", Path(__file__).parent / "hsds-3.0"))
# The per-object schemas refer to each other by file name; they are served to the validator
# from this made-up base, never fetched.
_BASE = "https://hsds.invalid/schema/"


@cache
def _registry() -> Registry:
    resources = [
        (_BASE + path.name, DRAFT202012.create_resource(json.loads(path.read_text())))
        for path in sorted((HSDS_SPEC / "schema").glob("*.json"))
        if path.name != "openapi.json"
    ]
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """ "compiled/service.json" (self-contained) or "location.json" (with relative $refs)."""
    checker = Draft202012Validator.FORMAT_CHECKER
    if name.startswith("compiled/"):
        path = HSDS_SPEC / "schema" / name
        # The large compiled schemas are kept compressed.
        text = (
            path.read_text()
            if path.exists()
            else gzip.decompress(path.with_suffix(".json.gz").read_bytes()).decode()
        )
        schema = json.loads(text)
        return Draft202012Validator(schema, format_checker=checker)
    return Draft202012Validator(
        {"$ref": _BASE + name}, registry=_registry(), format_checker=checker
    )


def schema_errors(record: Any, name: str) -> list[str]:
    """Every way the record breaks the schema, as "path: message"; [] when it is valid."""
    return sorted(
        f"{'/'.join(str(part) for part in error.absolute_path)}: {error.message}"
        for error in validator(name).iter_errors(record)
    )


def example(name: str) -> bytes:
    return (HSDS_SPEC / "examples" / name).read_bytes()


def example_json(name: str) -> Any:
    return json.loads(example(name))
