"""Una sola regla decide si una fuente es oficial, secundaria o de muestra, y cuáles nunca valen."""

import pytest

from fuentes import clasificacion
from fuentes.clasificacion import TipoFuente


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gob.mx/inm/documentos/preguntas-frecuentes",
        "https://www.inm.gob.mx/tramites/publico/estancia.html",
        "https://www.diputados.gob.mx/LeyesBiblio/pdf/LFD.pdf",
        "https://sidof.segob.gob.mx/notas/123",
        "https://www.inegi.org.mx/app/ageeml/",
        "https://programamesoamerica.iom.int/es/noticias",
        # El aeropuerto de la Ciudad de México, sobre las oficinas del INM en sus terminales.
        "https://www.aicm.com.mx/en/government-entities/inm",
        # El ACNUR archiva sus propias páginas: no es un proxy.
        "https://webarchive.archive.unhcr.org/20230630024622mp_/https://help.unhcr.org/mexico/",
    ],
)
def test_un_dominio_de_gobierno_o_de_un_organismo_es_fuente_oficial(url):
    assert clasificacion.motivo_de_rechazo(url) is None
    assert clasificacion.clasificar(url).tipo == TipoFuente.OFICIAL
    assert "dominio oficial" in clasificacion.clasificar(url).regla


@pytest.mark.parametrize(
    "url",
    [
        "https://www.unotv.com/nacional/pago-derechos-migrantes-mexico-25-mil-pesos/",
        "https://extranjerosenme.blogspot.com/2014/05/procedimiento.html",
        "https://es.scribd.com/document/696100700/17-es",
        # Parece gob.mx solo a medias: «gobierno» no es «gob».
        "https://migrantes-gobierno.com/inm",
    ],
)
def test_prensa_despachos_y_blogs_son_fuente_secundaria(url):
    assert clasificacion.motivo_de_rechazo(url) is None
    assert clasificacion.clasificar(url) == clasificacion.Clasificacion(
        TipoFuente.SECUNDARIA, "dominio no oficial"
    )


def test_una_pagina_del_sitio_es_fuente_de_datos_de_muestra():
    assert clasificacion.clasificar("/datos/").tipo == TipoFuente.MUESTRA


@pytest.mark.parametrize(
    ("url", "motivo"),
    [
        ("https://www.inm-gob.mx/mpublic/publico/inmtramites", "imita al dominio oficial"),
        ("https://inm-gob.mx/", "imita al dominio oficial"),
        ("https://inm.gob.mx.tramites-mexico.com/citas", "imita a un dominio oficial"),
        ("https://www.gob-mx.net/inm", "imita a un dominio oficial"),
        ("https://iom-int.org/ventanillas", "imita a un dominio oficial"),
        (
            "https://arietiform.com/application/nph-tsq.cgi/en/20/https/es.scribd.com/doc/1",
            "proxy web",
        ),
        ("https://traductor.example.com/ver?u=https://www.gob.mx/inm", "proxy web"),
        ("https://visor.example.net/browse/https%3A%2F%2Fwww.inm.gob.mx%2F", "proxy web"),
    ],
)
def test_imitaciones_y_proxies_nunca_son_fuente(url, motivo):
    assert motivo in clasificacion.motivo_de_rechazo(url)
    with pytest.raises(clasificacion.FuenteRechazada) as error:
        clasificacion.validar(url)
    assert url in error.value.messages[0]
