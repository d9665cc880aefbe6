"""Los cuatro idiomas están completos: ningún texto de la interfaz queda sin traducir.

La prueba vuelve a extraer los textos del código (makemessages en una copia del proyecto) y
exige que cada uno esté en el .po de cada idioma, traducido y sin marca «fuzzy». Así falla
tanto si alguien agrega un texto nuevo sin traducirlo como si una traducción queda a medias.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

RAIZ = Path(settings.BASE_DIR)
IDIOMAS = [codigo for codigo, _nombre in settings.LANGUAGES if codigo != settings.LANGUAGE_CODE]
MARCADORES = re.compile(r"%\([^)]+\)[sdif]|%[sdif]")
IGNORAR = [".venv", "staticfiles", "tests", "benchmarks", "node_modules", ".git"]


def _po(idioma: str) -> polib.POFile:
    return polib.pofile(str(RAIZ / "locale" / idioma / "LC_MESSAGES" / "django.po"))


def _clave(entrada) -> tuple:
    return (entrada.msgctxt, entrada.msgid, entrada.msgid_plural)


@pytest.fixture(scope="module")
def textos_del_codigo(tmp_path_factory) -> set[tuple]:
    copia = tmp_path_factory.mktemp("proyecto") / "proyecto"
    shutil.copytree(RAIZ, copia, ignore=shutil.ignore_patterns(*IGNORAR, "*.mo", "*.pyc"))
    shutil.rmtree(copia / "locale")
    (copia / "locale").mkdir()
    entorno = {**os.environ, "DEBUG": "1"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "-v0"]
        + [f"--ignore={patron}" for patron in IGNORAR],
        cwd=copia,
        env=entorno,
        check=True,
    )
    extraido = polib.pofile(str(copia / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    return {_clave(e) for e in extraido if not e.obsolete}


def test_se_extraen_los_textos_del_sitio(textos_del_codigo):
    # Guardia de la prueba misma: si la extracción fallara en silencio, todo pasaría.
    assert len(textos_del_codigo) > 500
    assert (None, "Trámites", "") in textos_del_codigo


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_cada_texto_de_la_interfaz_esta_traducido(idioma, textos_del_codigo):
    po = _po(idioma)
    traducidas = {_clave(e) for e in po if not e.obsolete and e.translated()}
    faltan = sorted(
        (msgid for _ctx, msgid, _plural in textos_del_codigo - traducidas), key=str.lower
    )
    assert faltan == [], f"{len(faltan)} textos sin traducir en {idioma}: {faltan[:20]}"


@pytest.mark.parametrize("idioma", IDIOMAS)
def test_las_traducciones_conservan_los_marcadores(idioma):
    malas = []
    for entrada in _po(idioma):
        if entrada.obsolete or not entrada.translated():
            continue
        esperados = set(MARCADORES.findall(entrada.msgid)) | set(
            MARCADORES.findall(entrada.msgid_plural or "")
        )
        traducciones = list(entrada.msgstr_plural.values()) or [entrada.msgstr]
        for texto in traducciones:
            if not set(MARCADORES.findall(texto)) <= esperados:
                malas.append((entrada.msgid, texto))
    assert malas == []


def test_el_selector_ofrece_los_cuatro_idiomas(client, db):
    from tests.html import sopa

    html = sopa(client.get("/tramites/"))
    enlaces = {a["hreflang"]: a["href"] for a in html.select("link[rel=alternate][hreflang]")}
    assert enlaces["es-mx"].endswith("/tramites/")
    assert enlaces["fr"].endswith("/fr/tramites/")
    assert enlaces["ht"].endswith("/ht/tramites/")
    criollo = sopa(client.get("/ht/tramites/"))
    assert criollo.html["lang"] == "ht"


def _mostrado(entrada, n: int) -> str:
    if entrada.msgid_plural:
        if entrada.msgctxt:
            return translation.npgettext(entrada.msgctxt, entrada.msgid, entrada.msgid_plural, n)
        return translation.ngettext(entrada.msgid, entrada.msgid_plural, n)
    if entrada.msgctxt:
        return translation.pgettext(entrada.msgctxt, entrada.msgid)
    return translation.gettext(entrada.msgid)


def test_el_espanol_tiene_su_catalogo_y_se_muestra_igual():
    # locale/catalogo_fuente.sh (make mensajes) hace el catálogo de es_MX con cada texto igual a
    # sí mismo, para que gettext lo halle en el primer catálogo. Debe traerlos todos y no cambiar
    # ninguno, tampoco en plural (singular solo con 1, como sin catálogo).
    fuente = polib.pofile(str(RAIZ / "locale" / "es_MX" / "LC_MESSAGES" / "django.po"))
    guardadas = {_clave(e) for e in fuente if not e.obsolete and e.translated()}
    textos = [e for e in _po("en") if not e.obsolete]
    assert {_clave(e) for e in textos} <= guardadas
    distintos = []
    with translation.override(settings.LANGUAGE_CODE):
        for entrada in textos:
            for n in (0, 1, 2, 1_000_000) if entrada.msgid_plural else (1,):
                esperado = entrada.msgid if n == 1 else entrada.msgid_plural
                if _mostrado(entrada, n) != esperado:
                    distintos.append((entrada.msgid, n))
    assert distintos == []
