"""The package keeps its shape: small functions, and every Chinese word a person reads in labels."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "sgw_analysis"
MAX_FUNCTION_LINES = 40
# functions that are data tables written as code (one entry a line), not logic
DATA_TABLES = {("demo/cast.py", "demo_plans")}
# modules whose Chinese literals are patterns matched against returns or the returns' own text
# (label tables, number words, province names, the demo generator's forms), never shown as such
PATTERN_MODULES = ("labels.py", "requirements.py", "parse.py", "identify.py", "reference.py",
                   "locate", "demo", "template")
_CJK = re.compile(r"[\u3400-\u9fff]")  # words; punctuation used as a joiner is not a word


def _modules() -> list[tuple[str, ast.Module]]:
    return [(p.relative_to(PACKAGE).as_posix(), ast.parse(p.read_text(encoding="utf-8")))
            for p in sorted(PACKAGE.rglob("*.py"))]


def test_no_function_is_longer_than_forty_lines():
    long = [f"{name}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for name, tree in _modules() for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
            and (name, node.name) not in DATA_TABLES]
    assert long == []


@pytest.mark.parametrize("name,tree", [m for m in _modules()
                                       if not m[0].startswith(PATTERN_MODULES)],
                         ids=lambda value: value if isinstance(value, str) else "")
def test_chinese_text_lives_in_labels(name, tree):
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)}
    literals = [node.value for node in ast.walk(tree)
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in docstrings and _CJK.search(node.value)]
    assert literals == []
