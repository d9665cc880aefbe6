# Las dos órdenes del README: `make run` (el sitio con contenido de muestra) y `make test`.
# Todo lo demás son pasos que esas dos llaman; cada uno se puede correr solo.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
PORT ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help run test lint format sistema sistema-pruebas venv validador mensajes estaticos base contenido lock clean

help:
	@echo "make run   — instala, carga el contenido de muestra y sirve en http://127.0.0.1:$(PORT)"
	@echo "make test  — toda la batería de pruebas (unitarias y de navegador); DATABASE_URL=… para PostgreSQL"
	@echo "make lint  — ruff check, ruff format --check y los contratos de capas (import-linter)"

## Sistema: paquetes de Debian (WeasyPrint, gettext; Chromium y poppler para las pruebas).
sistema:
	@.ci/sistema sitio

sistema-pruebas:
	@.ci/sistema pruebas

## Entorno virtual en .venv con las versiones fijadas en constraints.txt.
venv: $(VENV)/.instalado

$(VENV)/.instalado: pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --constraint constraints.txt ".[dev]"
	@touch $@

## Validador HTML de W3C (vnu-jar, versión fijada en package-lock.json) en node_modules/. Sin los
## scripts del paquete: el suyo descargaría otro Java; se usa el de Debian.
validador: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

## Traducciones compiladas (.po → .mo), con el catálogo del español hecho de locale/en
## (locale/catalogo_fuente.sh), y estáticos con huella para WhiteNoise.
mensajes: venv
	@locale/catalogo_fuente.sh
	@DEBUG=1 $(MANAGE) compilemessages --ignore=.venv --ignore=staticfiles -v0

estaticos: venv
	@DEBUG=1 $(MANAGE) collectstatic --noinput -v0

## Base de datos migrada y contenido de muestra cargado (idempotente: se puede repetir).
base: venv
	@DEBUG=1 $(MANAGE) migrate --noinput -v0

contenido: base
	@DEBUG=1 $(MANAGE) cargar_tramites
	@DEBUG=1 $(MANAGE) reconstruir_indice_busqueda -v0
	@DEBUG=1 $(MANAGE) cargar_ventanillas
	@DEBUG=1 $(MANAGE) cargar_proteccion
	@DEBUG=1 $(MANAGE) cargar_datos_abiertos
	@DEBUG=1 $(MANAGE) generar_muestra_seguimiento

run: export DEBUG ?= 1
run: sistema venv mensajes contenido
	@echo "Sitio en http://127.0.0.1:$(PORT)/  (Ctrl+C para detener)"
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: sistema-pruebas venv validador mensajes
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Vuelve a fijar las dependencias transitivas tras cambiar pyproject.toml.
lock: venv
	$(PY) -m pip install --quiet ".[dev]"
	$(PY) -m pip freeze --exclude tramites-migratorios > constraints.txt

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 db.sqlite3-shm db.sqlite3-wal
