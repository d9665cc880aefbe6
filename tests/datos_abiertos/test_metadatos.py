"""Diccionario de datos, Data Package validado con frictionless y catálogo DCAT."""

import csv
import io
import json
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

import frictionless
import pytest

from datos_abiertos.models import ConjuntoDatos
from tests.datos_abiertos.archivos import escribir_xlsx, filas_cuadro, filas_descargadas
from tests.html import sopa, texto

pytestmark = pytest.mark.django_db


def test_el_diccionario_describe_cada_columna_con_tipo_y_codigos(client):
    respuesta = client.get("/datos/personas-presentadas/diccionario/")
    html = sopa(respuesta)
    titulos = [texto(h) for h in html.select("main .ms-datos-columna h2")]
    assert titulos[:3] == [
        "periodo — Mes",
        "entidad — Entidad federativa",
        "nacionalidad — Nacionalidad",
    ]
    entidad = html.find(id="columna-entidad").parent
    assert "07 Chiapas" in texto(entidad)
    assert "32 Zacatecas" in texto(entidad)
    assert "Clave INEGI de dos dígitos" in texto(entidad)
    valor = html.find(id="columna-valor").parent
    assert "integer" in texto(valor) and "eventos" in texto(valor)
    assert "Datos de muestra" in texto(html.select_one(".ms-datos-muestra"))


def test_el_diccionario_tambien_en_csv(client):
    respuesta = client.get("/datos/personas-presentadas/diccionario.csv")
    assert (
        respuesta["Content-Disposition"]
        == 'attachment; filename="personas-presentadas-diccionario.csv"'
    )
    assert int(respuesta["Content-Length"]) == len(respuesta.content)
    filas = list(csv.DictReader(io.StringIO(respuesta.content.decode())))
    assert {"columna", "tipo", "descripcion", "unidades", "codigo", "significado"} <= set(filas[0])
    assert {
        "columna": "entidad",
        "codigo": "09",
        "significado": "Ciudad de México",
    }.items() <= next(f for f in filas if f["columna"] == "entidad" and f["codigo"] == "09").items()
    assert any(f["columna"] == "sexo" and f["codigo"] == "mujer" for f in filas)


def _paquete_local(client, destino):
    """datapackage.json y cada CSV descargados a una carpeta, con rutas locales (sin red)."""
    paquete = json.loads(client.get("/datos/datapackage.json").content)
    for recurso in paquete["resources"]:
        respuesta = client.get(urlsplit(recurso["path"]).path)
        assert respuesta.status_code == HTTPStatus.OK
        (destino / f"{recurso['name']}.csv").write_bytes(b"".join(respuesta.streaming_content))
        recurso["path"] = f"{recurso['name']}.csv"
    ruta = destino / "datapackage.json"
    ruta.write_text(json.dumps(paquete, ensure_ascii=False), encoding="utf-8")
    return paquete, ruta


def test_el_datapackage_valida_con_frictionless_contra_las_descargas(client, tmp_path):
    paquete, ruta = _paquete_local(client, tmp_path)
    assert len(paquete["resources"]) == 7
    assert paquete["licenses"][0]["path"] == "https://datos.gob.mx/libreusomx"
    assert "Datos de muestra" in paquete["description"]
    informe = frictionless.validate(ruta)
    assert informe.valid, informe.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[
        :10
    ]


def test_sigue_valido_con_cifras_importadas_de_menos_dimensiones(client, tmp_path, conjunto):
    from datos_abiertos.importacion import importar

    importar(
        escribir_xlsx(tmp_path / "c.xlsx", filas_cuadro()),
        conjunto=conjunto,
        anio=2023,
        dimensiones=["nacionalidad"],
    )
    _paquete, ruta = _paquete_local(client, tmp_path)
    informe = frictionless.validate(ruta)
    assert informe.valid, informe.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])[
        :10
    ]


def test_un_csv_alterado_no_valida(client, tmp_path):
    _paquete, ruta = _paquete_local(client, tmp_path)
    archivo = tmp_path / "personas-presentadas.csv"
    lineas = archivo.read_text().splitlines()
    lineas[1] = lineas[1].replace(",Datos de muestra,", ",Inventado,")
    archivo.write_text("\n".join(lineas) + "\n")
    assert not frictionless.validate(ruta).valid


def test_el_catalogo_dcat_describe_cada_conjunto_y_sus_distribuciones(client):
    respuesta = client.get("/datos/catalogo.jsonld")
    assert respuesta["Content-Type"] == "application/ld+json"
    catalogo = json.loads(respuesta.content)
    assert catalogo["@type"] == "dcat:Catalog"
    assert "dcat" in catalogo["@context"]
    conjuntos = {d["dct:identifier"]: d for d in catalogo["dcat:dataset"]}
    assert len(conjuntos) == 7
    presentadas = conjuntos["personas-presentadas"]
    assert presentadas["dct:temporal"]["dcat:startDate"]["@value"] == "2010-01-01"
    assert presentadas["dct:accrualPeriodicity"]["@id"] == (
        "http://publications.europa.eu/resource/authority/frequency/MONTHLY"
    )
    assert presentadas["dct:license"]["@id"] == "https://datos.gob.mx/libreusomx"
    assert presentadas["dct:description"].startswith("Datos de muestra")
    # La muestra lleva su estado como IRI y una nota que remite a cómo se generó.
    assert presentadas["adms:status"]["@id"].endswith("/dataset-status/DEVELOP")
    assert "http://testserver/datos/muestra/" in presentadas["adms:versionNotes"]
    descargas = {
        d["dct:format"]["@id"].rsplit("/", 1)[1]: (
            d["dcat:mediaType"]["@id"].removeprefix(
                "https://www.iana.org/assignments/media-types/"
            ),
            d["dcat:downloadURL"]["@id"],
        )
        for d in presentadas["dcat:distribution"]
    }
    assert descargas == {
        "CSV": ("text/csv", "http://testserver/datos/personas-presentadas.csv"),
        "JSON": ("application/json", "http://testserver/datos/personas-presentadas.json"),
        "PARQUET": (
            "application/vnd.apache.parquet",
            "http://testserver/datos/personas-presentadas.parquet",
        ),
        "XLSX": (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "http://testserver/datos/personas-presentadas.xlsx",
        ),
    }


def test_el_datapackage_y_el_catalogo_dcat_apuntan_a_los_archivos_completos(client):
    filas = dict(ConjuntoDatos.objects.publicados().values_list("slug", "filas"))
    paquete = json.loads(client.get("/datos/datapackage.json").content)
    catalogo = json.loads(client.get("/datos/catalogo.jsonld").content)
    descargas = [(r["name"], "csv", r["path"]) for r in paquete["resources"]] + [
        (
            d["dct:identifier"],
            distribucion["dct:format"]["@id"].rsplit("/", 1)[1].lower(),
            distribucion["dcat:downloadURL"]["@id"],
        )
        for d in catalogo["dcat:dataset"]
        for distribucion in d["dcat:distribution"]
    ]
    assert {slug for slug, _f, _u in descargas} == set(filas)
    for slug, formato, url in descargas:
        respuesta = client.get(urlsplit(url).path)
        cuerpo = b"".join(respuesta.streaming_content)
        assert filas_descargadas(formato, cuerpo) == filas[slug], url


# Las formas SHACL oficiales de DCAT-AP 3.0.1 (SEMICeu/DCAT-AP, releases/3.0.1/shacl), con su
# licencia en la misma carpeta.
FORMAS_DCAT_AP = Path(__file__).parent / "dcat_ap" / "dcat-ap-SHACL.ttl"


def _violaciones_dcat_ap(contenido: bytes) -> list[str]:
    from pyshacl import validate
    from rdflib import Graph
    from rdflib.namespace import SH

    datos = Graph().parse(data=contenido, format="json-ld")
    formas = Graph().parse(FORMAS_DCAT_AP, format="turtle")
    _conforme, informe, _texto = validate(datos, shacl_graph=formas, inference="none")
    return sorted(
        f"{informe.value(r, SH.focusNode)} {informe.value(r, SH.resultPath)}: "
        f"{informe.value(r, SH.resultMessage)}"
        for r in informe.subjects(SH.resultSeverity, SH.Violation)
    )


def test_el_catalogo_pasa_las_formas_shacl_de_dcat_ap_3(client, settings):
    settings.EDITOR_NOMBRE = "Colectivo de prueba"
    settings.EDITOR_CORREO = "datos@example.org"
    catalogo = client.get("/datos/catalogo.jsonld")
    assert _violaciones_dcat_ap(catalogo.content) == []
    datos = json.loads(catalogo.content)
    assert datos["dct:publisher"]["foaf:name"] == "Colectivo de prueba"
    assert datos["dcat:contactPoint"]["vcard:hasEmail"]["@id"] == "mailto:datos@example.org"
    for conjunto in datos["dcat:dataset"]:
        assert conjunto["dct:issued"]["@type"] == "xsd:date"
        assert conjunto["dct:modified"]["@type"] == "xsd:date"
        assert conjunto["dct:language"]["@id"].endswith("/language/SPA")
        assert conjunto["dct:accessRights"]["@id"].endswith("/access-right/PUBLIC")
        assert conjunto["dcat:theme"]["@id"].startswith(
            "http://publications.europa.eu/resource/authority/data-theme/"
        )


def test_las_formas_shacl_detectan_un_formato_como_texto(client):
    """La prueba de arriba puede fallar: un formato escrito como texto es una violación."""
    datos = json.loads(client.get("/datos/catalogo.jsonld").content)
    datos["dcat:dataset"][0]["dcat:distribution"][0]["dct:format"] = "CSV"
    violaciones = _violaciones_dcat_ap(json.dumps(datos).encode())
    assert any("terms/format" in v for v in violaciones)
