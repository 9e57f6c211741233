# Two commands: `make run` and `make test`. Everything else is here for them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
# The address of the site in emails, feeds and the Wagtail Site record: where runserver listens,
# unless set (BASE_URL=https://news.example.be make run).
BASE_URL ?= http://$(HOST):$(PORT)
export BASE_URL

.PHONY: run test install messages lint format bench bench-cache bench-import clean

# venv's bundled pip is much slower at this install than a current one (bench/README.md,
# "Time to first page"): upgrading it first pays for itself.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)
	$(MANAGE) compile_translations

run: install
	mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) setup --demo
	@echo ""
	@echo "  Site:   $(BASE_URL)/"
	@echo "  Admin:  $(BASE_URL)/admin/   (login: admin / admin;"
	@echo "          communicators: communicator.finance, communicator.chancellery / communicator)"
	@echo "  Mail:   $(BASE_URL)/dev/mail/"
	@echo ""
	$(BIN)/celery -A newsportal worker -B --pool=solo --loglevel=INFO & \
	  CELERY_PID=$$!; trap 'kill $$CELERY_PID 2>/dev/null' EXIT INT TERM; \
	  $(MANAGE) runserver $(HOST):$(PORT)

# pytest-xdist: one process per core, each with its own test database. --dist load hands the
# tests out in pytest-django's order, so each process runs its transactional tests (whose flush
# empties the page skeleton) after its others, as a serial run does; loadscope would run a whole
# module, flush included, in the middle. Serially: make test PYTEST_WORKERS=0.
PYTEST_WORKERS ?= auto
test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	for lang in fr nl de en; do $(MANAGE) makemessages -l $$lang --ignore '.venv/*' --ignore 'var/*'; done
	$(MANAGE) compile_translations

bench: install
	$(BIN)/python bench/run.py

# Varnish in front of gunicorn, against nginx serving the same page as a file (bench/README.md).
bench-cache: install
	$(BIN)/python bench/cache.py

bench-import: install
	$(BIN)/python bench/import_presscenter.py

clean:
	rm -rf var/test-media var/test .pytest_cache
