# One virtual environment per checkout; every target installs what it needs first.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint typecheck pytest evaluate bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# The bot when a token is configured (environment or .env), otherwise the offline demo chat.
run: $(STAMP)
	@if [ -n "$$TELEGRAM_BOT_TOKEN" ] || grep -qsE '^TELEGRAM_BOT_TOKEN=.+' .env; then \
		$(VENV)/bin/briefing-bot run; \
	else \
		echo "No TELEGRAM_BOT_TOKEN configured: starting the offline demo chat (Ctrl-D ends it)."; \
		$(VENV)/bin/briefing-bot demo; \
	fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

pytest: $(STAMP)
	$(VENV)/bin/pytest

# Lint, types and the whole test suite (slow and end-to-end tests included).
test: lint typecheck pytest

evaluate: $(STAMP)
	$(VENV)/bin/briefing-bot evaluate

# Every benchmark, then one table (docs/benchmarks.md records it); about 7 minutes, and about 10 more
# for the scale step at 10,000 articles (bench/scale.py); never fails on a time.
bench: $(STAMP)
	$(PY) -m bench

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
