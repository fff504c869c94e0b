# sgw-analysis: `make report` runs the main job on the demo round, `make test` runs every test.
# Both set up everything on a fresh machine (a virtual environment, Chromium and CJK fonts).

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
ROUND ?= raw_submissions/demo-2017
OUT ?= outputs

.DEFAULT_GOAL := help
.PHONY: help setup system-deps demo report test lint lab bench bench-ocr clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,ocr]'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

setup: $(STAMP) system-deps ## create .venv and install everything

LO_PROGRAM := /usr/lib/libreoffice/program
system-deps: ## Debian's Chromium, CJK fonts, LibreOffice Calc and Writer, poppler (PNGs, report.pdf, printed-page tests)
	@if command -v chromium >/dev/null && command -v soffice >/dev/null && command -v pdftoppm >/dev/null \
	  && [ -e $(LO_PROGRAM)/libsclo.so ] && [ -e $(LO_PROGRAM)/libswlo.so ] \
	  && fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fontconfig libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils >/dev/null; \
	else echo "Please install as root: apt-get install chromium fonts-noto-cjk libreoffice-calc-nogui libreoffice-writer-nogui poppler-utils" >&2; exit 1; fi

demo: $(STAMP) ## write the demo round (示例数据) into raw_submissions/demo-2017
	$(VENV)/bin/sgw demo $(ROUND)

report: setup ## ingest the round and write tables, charts, summary.xlsx and report.html to outputs/
	@if [ "$(ROUND)" = "raw_submissions/demo-2017" ]; then $(VENV)/bin/sgw demo $(ROUND); fi
	$(VENV)/bin/sgw report $(ROUND) --out $(OUT)

test: setup ## run every test (pytest exit 5, no tests collected, counts as failure)
	$(VENV)/bin/ruff check sgw_analysis tests benchmarks tools notebooks
	@nbs=$$(ls notebooks/*.ipynb 2>/dev/null); if [ -n "$$nbs" ]; then $(VENV)/bin/nbstripout --verify $$nbs || { echo "notebooks are committed with outputs: run $(VENV)/bin/nbstripout notebooks/*.ipynb" >&2; exit 1; }; fi
	$(PY) -m pytest; rc=$$?; if [ $$rc -eq 5 ]; then echo "pytest collected no tests" >&2; exit 1; fi; exit $$rc

lint: $(STAMP) ## ruff
	$(VENV)/bin/ruff check sgw_analysis tests benchmarks tools notebooks

lab: setup ## open the analyst notebooks in JupyterLab
	$(VENV)/bin/jupyter lab notebooks/

bench: setup ## ingestion benchmark (prints ratios; not a test)
	$(PY) benchmarks/ingest.py

bench-ocr: setup ## share of values read exactly from degraded photos of returns (not a test)
	$(PY) benchmarks/ocr_accuracy.py

clean: ## remove generated files (not the venv)
	rm -rf $(OUT)/tables $(OUT)/charts $(OUT)/feedback $(OUT)/*.xlsx $(OUT)/*.html $(OUT)/*.pdf $(OUT)/*.docx $(OUT)/*.json raw_submissions/demo-2017
