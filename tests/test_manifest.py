"""The manifest: what a report was made from, hashable and identical run after run."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest
from test_coverage import LISTINGS, ROUND, make_tables

from sgw_analysis import __version__
from sgw_analysis.context import build_context
from sgw_analysis.coverage import coverage
from sgw_analysis.manifest import build_manifest
from sgw_analysis.reference import Reference
from sgw_analysis.requirements import Requirements
from sgw_analysis.tables import SUBMISSION_COLUMNS, Tables

WRITTEN = {"tables/coverage.csv": b"\xef\xbb\xbfprovince_code\n", "summary.xlsx": b"PK\x03\x04"}


@pytest.fixture(scope="module")
def inputs() -> tuple[Tables, Reference, Requirements]:
    tables = make_tables(ROUND, LISTINGS, superseded=("230000",))
    rejected = pd.DataFrame([["readme.txt", hashlib.sha256(b"x").hexdigest(), pd.NA, pd.NA,
                              "rejected", "不是电子表格文件", pd.NA, pd.NA]],
                            columns=SUBMISSION_COLUMNS).astype("str")
    tables = replace(tables, submissions=pd.concat([tables.submissions, rejected]),
                     is_demo=True)
    return tables, Reference.load("2016"), Requirements(deadline=date(2017, 4, 20))


def manifest_of(tables: Tables, reference: Reference, requirements: Requirements) -> dict:
    result = coverage(tables, reference, requirements)
    return build_manifest(build_context(tables, result, reference, requirements), WRITTEN)


def test_contents(inputs: tuple[Tables, Reference, Requirements]) -> None:
    tables, reference, requirements = inputs
    manifest = manifest_of(tables, reference, requirements)
    assert manifest["package"] == {"name": "sgw-analysis", "version": __version__}
    assert manifest["demo"] is True
    assert manifest["deadline"] == "2017-04-20"
    assert manifest["requirements"]["deadline"] == "2017-04-20"
    assert manifest["requirements"]["county_contacts_per_school"] == 3
    assert manifest["requirements"]["outlier_z"] == 3.5
    assert manifest["reference"]["vintage"] == "2016"
    assert manifest["reference"]["label"] == reference.label
    assert len(manifest["inputs"]) == len(tables.submissions) == 9
    assert manifest["inputs"]["readme.txt"] == {
        "sha256": hashlib.sha256(b"x").hexdigest(), "status": "rejected", "province_code": None}
    assert manifest["inputs"]["230000/旧版.xlsx"]["status"] == "superseded"
    assert manifest["outputs"] == {path: hashlib.sha256(data).hexdigest()
                                   for path, data in WRITTEN.items()}
    assert manifest["provinces"] == {"expected": 31, "returned": 7}


def test_json_round_trip_and_sorted(inputs: tuple[Tables, Reference, Requirements]) -> None:
    manifest = manifest_of(*inputs)
    text = json.dumps(manifest, ensure_ascii=False)
    assert json.loads(text) == manifest
    assert text == json.dumps(manifest, ensure_ascii=False, sort_keys=True)


def test_deterministic(inputs: tuple[Tables, Reference, Requirements]) -> None:
    tables, reference, requirements = inputs
    shuffled = replace(tables, submissions=tables.submissions.iloc[::-1])
    first = json.dumps(manifest_of(tables, reference, requirements), sort_keys=True)
    again = json.dumps(manifest_of(shuffled, reference, requirements), sort_keys=True)
    assert first == again
    assert not re.search(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:", first)  # no timestamps
