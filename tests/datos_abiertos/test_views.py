"""Las páginas de datos abiertos: catálogo, conjunto filtrado, gráficas, errores claros."""

from http import HTTPStatus

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from datos_abiertos import cubo
from datos_abiertos.models import ConjuntoDatos
from tests.html import datos_formulario, sopa, texto

pytestmark = pytest.mark.django_db

URL = "/datos/personas-presentadas/"


def test_el_catalogo_lista_cada_conjunto_con_periodo_fuente_licencia_y_muestra(client):
    respuesta = client.get("/datos/")
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert len(html.find_all("h1")) == 1
    elementos = html.select(".ms-datos-catalogo__elemento")
    assert len(elementos) == 7
    presentadas = next(e for e in elementos if "presentadas y canalizadas" in texto(e))
    contenido = texto(presentadas)
    assert "enero de 2010 – septiembre de 2026" in contenido
    assert "Última actualización" in contenido
    assert "Unidad de Política Migratoria, Registro e Identidad de Personas" in contenido
    assert "Términos de Libre Uso MX" in contenido
    assert "Datos de muestra" in contenido
    enlaces = {a["href"] for a in presentadas.find_all("a")}
    assert {
        "/datos/personas-presentadas/",
        "/datos/personas-presentadas.csv",
        "/datos/personas-presentadas.json",
        "/datos/personas-presentadas.parquet",
        "/datos/personas-presentadas/diccionario/",
        "https://portales.segob.gob.mx/es/PoliticaMigratoria/Boletines_Estadisticos",
        "https://datos.gob.mx/libreusomx",
    } <= enlaces
    aviso = html.select_one(".ms-datos-muestra")
    assert "Datos de muestra" in texto(aviso)
    assert (
        aviso.find("a")["href"]
        == "https://portales.segob.gob.mx/es/PoliticaMigratoria/Boletines_Estadisticos"
    )


def test_el_catalogo_hace_tres_consultas_y_luego_una(client, django_assert_num_queries):
    # La fecha de la última actualización, los conjuntos, y las series de cifras publicadas
    # con cuántos años tiene cada una; después el cuerpo ya está hecho y solo se lee la fecha.
    with django_assert_num_queries(3):
        primera = client.get("/datos/")
    with django_assert_num_queries(1):
        segunda = client.get("/datos/")
    assert segunda.content == primera.content


def test_un_cambio_en_el_admin_se_ve_en_la_siguiente_visita(client, conjunto):
    client.get(URL)
    client.get("/datos/")
    conjunto.titulo = "Título cambiado en el admin"
    conjunto.save()
    assert texto(sopa(client.get(URL)).find("h1")) == "Título cambiado en el admin"
    assert "Título cambiado en el admin" in texto(sopa(client.get("/datos/")))


def test_una_cifra_publicada_cambiada_en_el_admin_se_ve_en_la_siguiente_visita(client, conjunto):
    # La tabla de cifras publicadas se hace una vez por versión del contenido, no por filtro.
    cifra = conjunto.cifras.select_related("fuente").first()
    filtrada = URL + "?sexo=mujer"
    for direccion in (URL, filtrada):
        assert f"{cifra.valor:,}" in texto(
            sopa(client.get(direccion)).select_one("#cifras-publicadas + p + div")
        )
    cifra.valor = 987654321
    cifra.save()
    for direccion in (URL, filtrada, URL + "?sexo=hombre"):
        tabla = texto(sopa(client.get(direccion)).select_one("#cifras-publicadas + p + div"))
        assert "987,654,321" in tabla, direccion


def _claves_guardadas(monkeypatch, nombre: str) -> list[str]:
    """Las claves que se van guardando en la caché `nombre` (del hilo de la prueba)."""
    guardadas, cache_trozos = [], caches[nombre]
    original = cache_trozos.set

    def guardar(clave, *args, **kwargs):
        guardadas.append(clave)
        return original(clave, *args, **kwargs)

    monkeypatch.setattr(cache_trozos, "set", guardar)
    return guardadas


def test_recorrer_muchos_filtros_guarda_a_lo_mas_el_tope_de_cuerpos(client, settings, monkeypatch):
    # Cada combinación de filtros guarda su cuerpo (70-100 KB) en su propia caché con tope
    # (CACHES["cuerpos_datos"]), no entre los trozos pequeños del resto del sitio: quien
    # recorra miles de filtros no llena la memoria del proceso.
    settings.PAGINAS_EN_CACHE = False
    settings.CACHES = {
        **settings.CACHES,
        "cuerpos_datos": {**settings.CACHES["cuerpos_datos"], "OPTIONS": {"MAX_ENTRIES": 3}},
    }
    cuerpos = _claves_guardadas(monkeypatch, "cuerpos_datos")
    for entidad in ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"]:
        assert client.get(f"{URL}?entidad={entidad}").status_code == HTTPStatus.OK
    assert len(cuerpos) == 10
    guardados = [clave for clave in cuerpos if caches["cuerpos_datos"].has_key(clave)]
    assert cuerpos[-1] in guardados and len(guardados) <= 3
    assert not any(caches["fragmentos"].has_key(clave) for clave in cuerpos)
    # Uno que salió de la caché se vuelve a hacer igual.
    assert client.get(f"{URL}?entidad=01").status_code == HTTPStatus.OK
    assert cuerpos[-1] == cuerpos[0]


def test_la_pagina_sin_filtros_usa_el_resumen_guardado(client, conjunto, django_assert_num_queries):
    # El conjunto, sus cifras publicadas y la página de filas: nada se agrega al vuelo.
    with django_assert_num_queries(3):
        respuesta = client.get(URL)
    html = sopa(respuesta)
    assert (
        texto(html.find("h1"))
        == "Personas extranjeras presentadas y canalizadas ante la autoridad migratoria"
    )
    total = f"{conjunto.resumen['total']:,} eventos en total"
    assert total in texto(html.select_one(".ms-datos-total"))


def test_la_tabla_de_filas_sigue_el_orden_de_los_meses_sin_unir_el_conjunto(client):
    # Ordenar por «conjunto» seguía la relación (JOIN y orden de todas las filas filtradas:
    # medio segundo con un millón de filas); buscar en la base las 50 de la página, en orden y
    # con filtros, recorría el índice fila por fila. El cubo sabe qué filas son: la base solo
    # las lee por su clave.
    with CaptureQueriesContext(connection) as consultas:
        respuesta = client.get(URL + "?entidad=07&desde=2019-01&hasta=2019-12")
    filas = [
        c["sql"]
        for c in consultas.captured_queries
        if '"valor"' in c["sql"] and "datos_abiertos_observacion" in c["sql"]
    ]
    assert len(filas) == 1
    assert "datos_abiertos_conjuntodatos" not in filas[0]
    assert '"datos_abiertos_observacion"."id" IN' in filas[0]
    assert "ORDER BY" not in filas[0]
    meses = [texto(f.find("td")) for f in sopa(respuesta).select("#filas + div tbody tr")]
    assert meses == sorted(meses)
    assert meses[0] == "2019-01"


def test_filtrar_cuenta_opciones_y_cambia_grafica_tabla_y_descargas(
    client, django_assert_num_queries
):
    url = URL + "?desde=2023-01&hasta=2023-12&sexo=mujer&desglose=nacionalidad"
    conjunto = ConjuntoDatos.objects.get(slug="personas-presentadas")
    assert cubo.leer(conjunto.pk, conjunto.version) is not None
    # Sin caché: conjunto, cifras publicadas y filas; la serie y las cuatro facetas se cuentan
    # en el cubo del conjunto (ya en memoria), no con una consulta cada una.
    with django_assert_num_queries(3):
        respuesta = client.get(url)
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    # 2023, mujeres: 241,266 (referencia datos.md, sección 2.1).
    assert "241,266 eventos en total" in texto(html.select_one(".ms-datos-total"))
    sexo = html.find("select", attrs={"name": "sexo"})
    opciones = [texto(o) for o in sexo.find_all("option")]
    assert "Mujer (241,266)" in opciones
    assert "Hombre (537,641)" in opciones
    assert "Todas (778,907)" in opciones
    assert sexo.find("option", selected=True)["value"] == "mujer"
    # Gráfica de la serie: SVG con título, descripción, ejes y su tabla.
    serie = html.select_one("figure.ms-grafica svg")
    assert serie["role"] == "img"
    assert "Total por mes" in texto(serie.find("title"))
    assert "de enero de 2023 a diciembre de 2023" in texto(serie.find("desc"))
    assert "Mes" in [texto(t) for t in serie.find_all("text")]
    assert "Eventos" in [texto(t) for t in serie.find_all("text")]
    tabla_serie = html.find("caption", id="tabla-serie-titulo").find_parent("table")
    fila_2023 = tabla_serie.find("tbody").find("tr")
    assert texto(fila_2023.find("th")) == "2023"
    assert texto(fila_2023.find_all("td")[-1]) == "241,266"
    # Gráfica por nacionalidad: barras y tabla, con Venezuela.
    barras = html.select("figure.ms-grafica--barras rect")
    assert barras
    desglose = html.find("caption", id="tabla-desglose-titulo").find_parent("table")
    assert "Venezuela" in texto(desglose)
    # Filas: todas de 2023 y de mujeres.
    filas = html.find("caption", id="tabla-filas-titulo").find_parent("table").select("tbody tr")
    assert filas
    for fila in filas:
        celdas = [texto(td) for td in fila.find_all("td")]
        assert celdas[0].startswith("2023-")
        assert celdas[3] == "Mujer"
    # Las descargas llevan exactamente los filtros (sin página ni gráfica).
    csv = html.find("a", string="CSV (UTF-8)")
    assert csv["href"] == "/datos/personas-presentadas.csv?desde=2023-01&hasta=2023-12&sexo=mujer"
    # Con la caché llena, la misma página sale hecha sin ir a la base: el conjunto se lee una
    # vez por versión del contenido.
    with django_assert_num_queries(0):
        assert client.get(url).content == respuesta.content


def test_el_formulario_conserva_los_filtros_en_la_direccion(client):
    html = sopa(client.get(URL + "?entidad=07&desde=2024-02"))
    formulario = html.find("form", class_="ms-datos-filtros")
    assert formulario["method"] == "get"
    datos = datos_formulario(formulario)
    assert datos["entidad"] == "07"
    assert datos["desde"] == "2024-02"
    assert datos["desglose"] == "entidad"


def test_un_conjunto_con_varios_indicadores_muestra_uno_por_omision(client):
    html = sopa(client.get("/datos/tramites-migratorios/"))
    indicador = html.find("select", attrs={"name": "indicador"})
    assert indicador.find("option", selected=True)["value"] == "recibidas"
    assert not indicador.find("option", attrs={"value": ""})
    tramite = html.find("select", attrs={"name": "tramite"})
    assert "Permiso para trabajar" in texto(tramite)
    html = sopa(client.get("/datos/tramites-migratorios/?indicador=pendientes-mas-de-180-dias"))
    assert html.find("select", attrs={"name": "indicador"}).find("option", selected=True)[
        "value"
    ] == ("pendientes-mas-de-180-dias")


def test_solo_aparecen_los_filtros_del_conjunto(client):
    html = sopa(client.get("/datos/personas-devueltas/"))
    nombres = {c["name"] for c in html.select("form.ms-datos-filtros [name]")}
    assert nombres == {"desde", "hasta", "nacionalidad", "tipo_devolucion", "desglose"}


def test_filtros_malos_dan_mensajes_claros_y_no_un_500(client):
    respuesta = client.get(URL + "?entidad=99&nacionalidad=QQ&desde=2024-05&hasta=2023-01")
    assert respuesta.status_code == HTTPStatus.BAD_REQUEST
    html = sopa(respuesta)
    resumen = texto(html.select_one(".ms-resumen-errores"))
    assert "«99» no es una clave de entidad federativa" in resumen
    assert "«QQ» no es un código de nacionalidad" in resumen
    assert "El mes final (2023-01) es anterior al inicial (2024-05)" in resumen
    # Lo escrito se conserva y no se muestran cifras.
    assert html.find("input", attrs={"name": "desde"})["value"] == "2024-05"
    assert not html.select(".ms-datos-total")
    respuesta = client.get(URL + "?desde=enero")
    assert "Escriba el mes como AAAA-MM" in texto(sopa(respuesta).select_one(".ms-resumen-errores"))


@pytest.mark.parametrize("pagina", ["99999", "0", "abc", "1" + "0" * 40])
def test_paginas_que_no_existen_dicen_cuantas_hay(client, pagina):
    respuesta = client.get(URL + f"?page={pagina}")
    assert respuesta.status_code == HTTPStatus.NOT_FOUND
    aviso = texto(sopa(respuesta).select_one(".ms-aviso--error"))
    assert "página" in aviso and "72" in aviso


def test_parametros_desconocidos_se_avisan(client):
    respuesta = client.get(URL + "?pais=VE")
    assert respuesta.status_code == HTTPStatus.OK
    assert "pais" in texto(sopa(respuesta).select_one(".ms-aviso--warning"))


def test_sin_filas_lo_dice(client):
    html = sopa(client.get(URL + "?desde=2030-01"))
    assert "Ninguna fila cumple estos filtros" in texto(html)


def test_como_citar_y_cifras_publicadas_con_sus_fuentes(client):
    html = sopa(client.get(URL + "?entidad=07"))
    cita = texto(html.select_one(".ms-datos-cita"))
    assert "Unidad de Política Migratoria, Registro e Identidad de Personas" in cita
    assert "«Personas extranjeras presentadas y canalizadas ante la autoridad migratoria»" in cita
    assert "fecha de corte: septiembre de 2026" in cita
    assert "http://testserver/datos/personas-presentadas/?entidad=07" in cita
    assert "no las cite como cifras oficiales" in texto(html.find(id="citar").parent)
    cifras = html.find(id="tabla-cifras-titulo").find_parent("table")
    fila_2018 = next(
        tr for tr in cifras.select("tbody tr") if texto(tr).startswith("2018-01 a 2018-12 Total")
    )
    assert "131,445" in texto(fila_2018)
    assert fila_2018.find("a")["href"] == "https://github.com/iom/gdidata"


def test_conjunto_desconocido_da_404(client):
    assert client.get("/datos/no-existe/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/datos/no-existe.csv").status_code == HTTPStatus.NOT_FOUND


def test_la_pagina_en_ingles(client):
    respuesta = client.get("/en/datos/personas-presentadas/")
    assert respuesta.status_code == HTTPStatus.OK


def test_cada_conjunto_tiene_su_pagina_y_diccionario(client):
    for conjunto in ConjuntoDatos.objects.all():
        for url in (conjunto.get_absolute_url(), f"/datos/{conjunto.slug}/diccionario/"):
            respuesta = client.get(url)
            assert respuesta.status_code == HTTPStatus.OK, url
            assert len(sopa(respuesta).find_all("h1")) == 1


def test_la_pagina_de_la_muestra_explica_el_metodo_y_la_enlazan(client):
    respuesta = client.get("/datos/muestra/")
    assert respuesta.status_code == 200
    texto = respuesta.content.decode()
    assert "semilla fija" in texto
    assert "/datos/personas-presentadas/" in texto
    # La página de un conjunto de muestra y su diccionario remiten a ella.
    for ruta in ("/datos/personas-presentadas/", "/datos/personas-presentadas/diccionario/"):
        assert 'href="/datos/muestra/"' in client.get(ruta).content.decode()
    # La API y los metadatos también.
    api = client.get("/api/v1/conjuntos/personas-presentadas/").json()
    assert "http://testserver/datos/muestra/" in api["aviso"]
