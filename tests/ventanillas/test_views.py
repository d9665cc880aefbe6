"""Las páginas públicas de ventanillas muestran lo que dice la referencia, con sus fuentes."""

import json
import re
from datetime import datetime
from http import HTTPStatus
from zoneinfo import ZoneInfo

import pytest
from django.utils.text import slugify

from tests.html import sopa, texto
from ventanillas import carga, carga_proteccion
from ventanillas.models import Actividad, Lugar

pytestmark = pytest.mark.django_db


def _normal(valor) -> str:
    return " ".join(str(valor).split())


def _slug(entrada: dict, tipo: str) -> str:
    return Lugar.objects.get(nombre=_normal(entrada["nombre"]), tipo=tipo).slug


def _fechas_de_consulta() -> dict[str, str]:
    datos = carga.leer_fixture()
    fechas = {"": datos["fecha_consulta"], **datos["fuentes_fechas"]}
    # Una fuente es una sola aunque la citen varios contenidos: la protección internacional
    # puede haberla consultado después, y entonces esa es la fecha que se muestra.
    for url, fecha in carga_proteccion.leer_fixture()["fuentes_fechas"].items():
        fechas[url] = max(fechas.get(url, fechas[""]), fecha)
    return fechas


def _comprobar_ficha(client, entrada: dict, tipo: str, campos_texto: list[str]):
    respuesta = client.get(f"/ventanillas/{_slug(entrada, tipo)}/")
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    pagina = _normal(texto(html.find("main")))
    assert texto(html.find("h1")) == _normal(entrada["nombre"])
    for campo in campos_texto:
        if entrada.get(campo):
            assert _normal(entrada[campo]) in pagina, (entrada["nombre"], campo)
    if entrada.get("telefono"):
        enlace = html.select_one("a[href^='tel:+52']")
        assert enlace is not None
        assert texto(enlace) == entrada["telefono"]
    else:
        # Sin teléfono propio: lo dice y remite a la línea del INM.
        assert "Llame gratis a la línea del INM" in pagina
        assert html.select_one("main a[href='tel:+528000046264']")
    if entrada.get("correo"):
        assert html.select_one(f"a[href='mailto:{entrada['correo']}']")
    else:
        assert "Correo electrónico No disponible" in pagina
    if not entrada.get("direccion"):
        assert "Dirección No localizado" in pagina
    enlaces = {a["href"]: a.parent for a in html.select("#fuentes ~ ul a")}
    assert set(entrada["fuentes"]) <= set(enlaces), entrada["nombre"]
    # Cada fuente con el día en que se consultó (la consulta más reciente que la cita).
    fechas = _fechas_de_consulta()
    for url in entrada["fuentes"]:
        assert enlaces[url].find("time")["datetime"] == fechas.get(url, fechas[""]), url
    # Nunca una coordenada inventada: ninguna fuente las da.
    assert entrada["latitud"] is None
    assert "Posición aproximada" in pagina
    return html, pagina


def test_cada_ventanilla_de_la_referencia_se_muestra_con_sus_datos(client, ref_ventanillas):
    assert Lugar.objects.ventanillas().count() == len(ref_ventanillas["ventanillas"])
    for entrada in ref_ventanillas["ventanillas"]:
        html, pagina = _comprobar_ficha(
            client,
            entrada,
            "ventanilla",
            [
                "direccion",
                "direccion_nota",
                "institucion_anfitriona",
                "notas",
                "fecha_apertura_nota",
            ],
        )
        assert _normal(entrada["estado"]) in pagina
        for servicio in entrada["servicios"]:
            assert _normal(servicio) in pagina, (entrada["nombre"], servicio)
        if entrada.get("fecha_apertura"):
            assert html.find("time", datetime=str(entrada["fecha_apertura"]))
        if entrada.get("municipio"):
            assert _normal(entrada["municipio"]) in pagina, entrada["nombre"]
        if not entrada.get("institucion_anfitriona"):
            assert (
                "Institución que la atiende No indicada en las fuentes. Pregunte en la línea "
                "gratuita del INM: 800 004 6264."
            ) in pagina


def test_cada_oficina_de_la_referencia_se_muestra_con_sus_datos(client, ref_oficinas):
    # Las 40 de oficinas.yaml y 6 instalaciones de oficinas_correcciones.yaml (el AICM, tres
    # centros de Viajero Confiable y dos estaciones migratorias).
    assert len(ref_oficinas["oficinas"]) == 40
    assert Lugar.objects.oficinas().count() == 46
    corregidas = {"Oficinas del INM en Saltillo (Oficina de Representación en Coahuila)"}
    for entrada in ref_oficinas["oficinas"]:
        campos = ["direccion_nota", "horario_nota", "telefono_nota", "ciudad", "tipo"]
        if entrada["nombre"] not in corregidas:
            campos.append("direccion")
        html, pagina = _comprobar_ficha(client, entrada, "oficina", campos)
        if entrada.get("codigo_postal"):
            assert f"C.P. {entrada['codigo_postal']}" in pagina
        assert _normal(entrada["estado"]) in pagina
        if entrada.get("horario"):
            # Las horas de la fuente están en la ficha, en filas o en su texto.
            horas = re.findall(r"\d{2}:\d{2}", entrada["horario"])
            assert horas, entrada["horario"]
            assert all(hora in pagina for hora in horas), entrada["nombre"]
        else:
            assert "Horario No localizado" in pagina


def _red_oim_segun_la_referencia() -> tuple[int, int]:
    """(ventanillas, estados) que el README de la referencia dice que reportó la OIM."""
    from referencia.carpeta import directorio_referencia

    ruta = directorio_referencia() / "README.md"
    if not ruta.exists():
        pytest.skip(f"Sin la referencia {ruta}")
    leido = re.search(
        r"of the (\d+) in (\d+) states that the IOM reported in July 2021",
        " ".join(ruta.read_text(encoding="utf-8").split()),
    )
    assert leido, "El README de la referencia ya no da la cifra de la OIM: revise cobertura.py"
    return int(leido[1]), int(leido[2])


def test_la_linea_de_cobertura_dice_n_de_20_y_es_cierta(client, ref_ventanillas, ref_candidatas):
    red, red_estados = _red_oim_segun_la_referencia()
    ventanillas = ref_ventanillas["ventanillas"]
    oficinas = [x for x in carga.leer_fixture()["lugares"] if x["tipo"] == "oficina"]
    con_direccion = [v for v in ventanillas if v.get("direccion")]
    estados_ventanillas = {v["estado"] for v in ventanillas}
    estados_oficinas = {o["estado"] for o in oficinas}
    estados_con_direccion = {o["estado"] for o in oficinas if o.get("direccion")}
    candidatos = ref_candidatas["candidatos"]
    html = sopa(client.get("/ventanillas/"))
    linea = texto(html.select_one(".ms-cobertura__linea"))
    assert (
        f"{len(ventanillas)} de {red} ventanillas (las que reportó la OIM en julio de 2021, en "
        f"{red_estados} estados) tienen datos de fuentes públicas, en "
        f"{len(estados_ventanillas)} estados; {len(con_direccion)} con dirección."
    ) in linea
    assert (
        f"{len(oficinas)} oficinas del INM en {len(estados_oficinas)} de 32 estados; en "
        f"{len(estados_con_direccion)} estados hay al menos una con dirección."
    ) in linea
    # Los otros lugares que ayudan se cuentan aparte: no son de la red de la OIM.
    assert (
        f"Además, {len(candidatos)} otros lugares que ayudan a personas migrantes, en "
        f"{len({c['estado'] for c in candidatos})} estados: no son ventanillas de la OIM y no "
        "entran en la cuenta de ventanillas."
    ) in linea
    cobertura = texto(html.select_one(".ms-cobertura"))
    # La cifra de la OIM no tiene dirección web: se dice de dónde sale, y las que sí la tienen
    # (y no coinciden) van al lado con su enlace.
    assert "no tenemos la dirección web de ese folleto" in cobertura
    for cifra in ref_ventanillas["_resumen"]["numero_de_ventanillas"]:
        assert _normal(cifra["nota"]) in cobertura
        assert html.select_one(f".ms-cobertura a[href='{cifra['fuente']}']")


def test_la_linea_de_cobertura_cuenta_lo_que_hay_en_la_base(client):
    # Una ventanilla sin publicar no cuenta; una nueva con dirección, sí.
    Lugar.objects.filter(slug="ventanilla-tapachula").update(publicado=False)
    Lugar.objects.filter(slug="ventanilla-puebla").update(direccion="Reforma 113, Centro")
    linea = texto(sopa(client.get("/ventanillas/")).select_one(".ms-cobertura__linea"))
    assert "9 de 20 ventanillas" in linea
    assert "; 2 con dirección." in linea


def test_con_mas_ventanillas_que_las_de_la_oim_no_dice_n_de_20():
    from dataclasses import replace

    from django.template.loader import render_to_string

    from ventanillas.cobertura import calcular_cobertura

    datos = replace(calcular_cobertura(), red_oim_ventanillas=8)
    html = " ".join(render_to_string("ventanillas/_cobertura.html", {"cobertura": datos}).split())
    assert "10 ventanillas con datos de fuentes públicas (más que las 8 que reportó la OIM" in html
    assert "10 de 8" not in html


def test_la_lista_filtra_por_la_direccion_y_cuenta_cada_opcion(client):
    html = sopa(client.get("/ventanillas/?tipo=ventanilla&estado=chiapas"))
    assert texto(html.find(id="resultados")) == "4 lugares"
    nombres = [texto(h) for h in html.select(".ms-lugares__titulo")]
    assert "Centro de Atención a Migrantes y Refugiados de Motozintla" in nombres
    tipo = html.find("select", attrs={"name": "tipo"})
    assert texto(tipo.find("option", selected=True)) == "Ventanilla informativa (red de la OIM) (4)"
    # Las cuentas de cada opción respetan los demás filtros: en Chiapas hay 2 oficinas.
    assert texto(tipo.find("option", value="oficina")) == "Oficina del INM (2)"
    assert texto(tipo.find("option", value="otro-lugar")) == (
        "Otro lugar que ayuda a personas migrantes (0)"
    )
    estado = html.find("select", attrs={"name": "estado"})
    assert texto(estado.find("option", value="chiapas")) == "Chiapas (4)"
    assert texto(estado.find("option", value="puebla")) == "Puebla (1)"
    servicio = html.find("select", attrs={"name": "servicio"})
    assert texto(servicio.find("option", value="canalizacion-proteccion")) == (
        "Canalización a protección y asistencia (3)"
    )


def test_un_filtro_desconocido_da_un_mensaje_claro_y_no_un_error(client):
    respuesta = client.get("/ventanillas/?estado=atlantida&tipo=oficina")
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert "Elija una opción de la lista." in texto(html.select_one(".ms-resumen-errores"))
    # El filtro válido sigue puesto.
    assert texto(html.find(id="resultados")) == "46 lugares"


def test_numero_fijo_de_consultas(client, django_assert_num_queries):
    # La primera lista dibuja las filas de todos los lugares (una vez por versión del
    # contenido e idioma), la cobertura y las opciones de los filtros; la segunda ya solo
    # cuenta y filtra.
    with django_assert_num_queries(14):
        client.get("/ventanillas/?tipo=oficina&estado=chiapas&servicio=tramites-inm")
    with django_assert_num_queries(5):
        client.get("/ventanillas/")
    with django_assert_num_queries(5):
        client.get("/ventanillas/inm-merida/")
    with django_assert_num_queries(7):
        client.get("/ventanillas/cercanas/?estado=chiapas&municipio=07089")
    with django_assert_num_queries(1):
        client.get("/ventanillas/mapa/")
    with django_assert_num_queries(3):
        client.get("/ventanillas.json")


def test_un_cambio_en_el_admin_se_ve_en_la_siguiente_peticion(client, settings):
    # Sin la caché de páginas: las filas, la ficha y el mapa guardados por versión del
    # contenido no deben quedarse con el nombre de antes.
    settings.PAGINAS_EN_CACHE = False
    direcciones = (
        "/ventanillas/?tipo=oficina&estado=yucatan",
        "/ventanillas/?estado=yucatan",
        "/ventanillas/inm-merida/",
        "/ventanillas/mapa/",
        "/ventanillas/cercanas/?estado=yucatan",
        "/en/ventanillas/inm-merida/",
    )
    for direccion in direcciones:
        assert client.get(direccion).status_code == HTTPStatus.OK
    lugar = Lugar.objects.get(slug="inm-merida")
    lugar.nombre = "Oficina de Mérida con otro nombre"
    lugar.save()
    for direccion in direcciones:
        assert "Oficina de Mérida con otro nombre" in client.get(direccion).content.decode()
    lugar.publicado = False
    lugar.save()
    assert client.get("/ventanillas/inm-merida/").status_code == HTTPStatus.NOT_FOUND


def test_la_ficha_dice_abierto_o_cerrado_en_la_hora_del_lugar(client, time_machine):
    # Lunes 10:30 en la Ciudad de México.
    time_machine.move_to(datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("America/Mexico_City")))
    html = sopa(client.get("/ventanillas/inm-oficinas-centrales/"))
    assert texto(html.select_one(".ms-apertura strong")) == "Abierto ahora"
    assert "America/Mexico_City" in texto(html.select_one(".ms-apertura"))
    # La misma hora es las 16:30 del domingo en Mérida: cerrado.
    time_machine.move_to(datetime(2026, 11, 22, 16, 30, tzinfo=ZoneInfo("America/Merida")))
    html = sopa(client.get("/ventanillas/inm-merida/"))
    assert texto(html.select_one(".ms-apertura strong")) == "Cerrado ahora"


def test_sin_horario_claro_no_dice_abierto_ni_cerrado(client):
    html = sopa(client.get("/ventanillas/inm-puerto-vallarta/"))
    assert texto(html.select_one(".ms-apertura strong")) == "Horario desconocido"
    assert "apertura programada a las 09:00 (lunes a viernes)" in texto(html.find("main"))
    html = sopa(client.get("/ventanillas/ventanilla-tapachula/"))
    assert texto(html.select_one(".ms-apertura strong")) == "Horario desconocido"


def test_la_ficha_explica_los_servicios_en_palabras_sencillas(client):
    html = sopa(client.get("/ventanillas/ventanilla-san-luis-potosi/"))
    servicios = texto(html.select_one(".ms-servicios"))
    assert "Vinculación laboral" in servicios
    assert "Le orientan para buscar trabajo formal" in servicios
    assert "Según la fuente: vinculación laboral" in servicios


def test_la_ficha_lleva_json_ld_de_oficina_de_gobierno_sin_datos_supuestos(client):
    html = sopa(client.get("/ventanillas/inm-oficinas-centrales/"))
    datos = json.loads(html.find("script", type="application/ld+json").string)
    assert datos["@type"] == "GovernmentOffice"
    assert datos["telephone"] == "+525553872400"
    assert datos["address"]["postalCode"] == "11510"
    assert "geo" not in datos
    assert "email" not in datos
    assert datos["openingHoursSpecification"][0]["opens"] == "09:00"
    sin_datos = json.loads(
        sopa(client.get("/ventanillas/ventanilla-tapachula/"))
        .find("script", type="application/ld+json")
        .string
    )
    assert set(sin_datos["address"]) == {
        "@type",
        "addressCountry",
        "addressRegion",
        "addressLocality",
    }


def test_un_lugar_que_no_existe_da_404(client):
    assert client.get("/ventanillas/no-existe/").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/ventanillas/no-existe.vcf").status_code == HTTPStatus.NOT_FOUND


def test_cercanas_ordena_por_distancia_desde_el_municipio(client):
    html = sopa(client.get("/ventanillas/cercanas/?estado=chiapas&municipio=07089"))
    nombres = [texto(h) for h in html.select(".ms-lugares__titulo")]
    # Tapachula: la ventanilla y la oficina del mismo municipio, a 0 km; luego Suchiate.
    assert set(nombres[:2]) == {
        "Ventanilla de información para personas migrantes de la OIM en Tapachula",
        "Oficina de Regulación Migratoria Zona Sur del INM (Tapachula)",
    }
    assert nombres[2] == "Oficina de Atención a Migrantes y Refugiados de Suchiate"
    distancias = [texto(p) for p in html.select(".ms-lugares__donde")]
    assert "a unos 0 km" in distancias[0]
    assert "aproximadas" in texto(html.find("main"))
    assert len(nombres) == 10


def test_cercanas_con_solo_el_estado_ofrece_afinar_por_municipio(client):
    html = sopa(client.get("/ventanillas/cercanas/?estado=tamaulipas"))
    municipio = html.find("select", attrs={"name": "municipio"})
    assert municipio is not None
    assert municipio.find("option", string="Nuevo Laredo")
    assert (
        texto(html.find(id="resultados")) == "Los más cercanos al centro del estado de Tamaulipas"
    )


@pytest.mark.parametrize(
    ("consulta", "mensaje"),
    [
        ("estado=atlantida", "Elija un estado de la lista."),
        ("estado=chiapas&municipio=24028", "Elija un municipio de la lista del estado elegido."),
        ("latitud=123&longitud=-99", "La ubicación recibida no es válida"),
        ("latitud=19.4&longitud=-999", "La ubicación recibida no es válida"),
        ("latitud=19.4", "La ubicación llegó incompleta"),
        ("latitud=abc&longitud=-99", "Introduzca un número."),
        ("", "Elija el estado donde está."),
    ],
)
def test_cercanas_con_entrada_mala_explica_que_hacer(client, consulta, mensaje):
    respuesta = client.get(f"/ventanillas/cercanas/?{consulta}&x=1")
    assert respuesta.status_code == HTTPStatus.OK
    html = sopa(respuesta)
    assert mensaje in texto(html.select_one(".ms-resumen-errores"))
    assert not html.select(".ms-lugares__elemento")


def test_cercanas_con_ubicacion_del_navegador(client):
    # Un punto en Tijuana: lo más cercano está en Tijuana, cada lugar con su tipo.
    html = sopa(client.get("/ventanillas/cercanas/?latitud=32.51&longitud=-117.03"))
    primeros = {
        texto(li.select_one(".ms-lugares__titulo")): texto(li.select_one(".ms-lugares__tipo"))
        for li in html.select(".ms-lugares__elemento")[:3]
    }
    assert primeros == {
        "Ventanilla de información para personas migrantes de la OIM en Tijuana": (
            "Ventanilla informativa (red de la OIM)"
        ),
        "Oficina del INM en Tijuana (Oficina de Representación en Baja California)": (
            "Oficina del INM"
        ),
        "Módulo de la Dirección Municipal de Atención al Migrante (DMAM) en la garita de "
        "San Ysidro": "Otro lugar que ayuda a personas migrantes",
    }


def test_el_mapa_tiene_un_marcador_por_lugar_y_la_lista_alternativa(client):
    html = sopa(client.get("/ventanillas/mapa/"))
    marcadores = html.select("svg a.ms-mapa__marcador")
    lugares = Lugar.objects.publicados()
    assert len(marcadores) == lugares.count() == 62
    assert {a["href"] for a in marcadores} == {lugar.get_absolute_url() for lugar in lugares}
    assert len(html.select("svg .ms-mapa__estados path")) == 32

    # Ningún par de marcadores queda encimado.
    def posicion(marcador):
        forma = marcador.find(["circle", "rect", "polygon"])
        if forma.name == "polygon":
            return forma["points"]
        return (forma.get("cx") or forma["x"], forma.get("cy") or forma["y"])

    posiciones = [posicion(m) for m in marcadores]
    assert len(set(posiciones)) == len(posiciones)
    # Cada tipo con su forma: los otros lugares que ayudan no se ven como ventanillas.
    formas = {
        tipo: {
            m.find(["circle", "rect", "polygon"]).name for m in marcadores if tipo in m["class"][-1]
        }
        for tipo in ("ventanilla", "oficina", "otro-lugar")
    }
    assert formas == {"ventanilla": {"circle"}, "oficina": {"rect"}, "otro-lugar": {"polygon"}}
    lista = html.find(id="lista").find_next_siblings("ul")
    assert sum(len(ul.find_all("li")) for ul in lista) == 62
    leyenda = texto(html.find("figcaption"))
    assert "INEGI" in leyenda
    assert "Otro lugar que ayuda a personas migrantes (no son ventanillas de la OIM)" in leyenda


def test_actividades_empieza_vacia_y_lo_dice(client):
    html = sopa(client.get("/ventanillas/actividades/"))
    assert "Todavía no hay actividades publicadas" in texto(html.find("main"))


def test_actividades_muestra_fecha_lugar_tema_y_ventanilla(client):
    ventanilla = Lugar.objects.get(slug="ventanilla-othon-p-blanco")
    Actividad.objects.create(
        ventanilla=ventanilla, fecha="2026-10-01", lugar="Chetumal", tema="Plática de prueba"
    )
    pagina = texto(sopa(client.get("/ventanillas/actividades/")).find("main"))
    assert "Plática de prueba" in pagina
    assert "1 de octubre de 2026" in pagina
    assert ventanilla.nombre in pagina


def test_las_paginas_tienen_un_h1_y_funcionan_en_ingles(client):
    for ruta in ["/", "/cercanas/", "/mapa/", "/actividades/", "/inm-merida/"]:
        for prefijo in ["", "/en"]:
            respuesta = client.get(f"{prefijo}/ventanillas{ruta}")
            assert respuesta.status_code == HTTPStatus.OK, ruta
            assert len(sopa(respuesta).find_all("h1")) == 1


def test_el_registro_no_aparece_en_la_navegacion_publica(client):
    html = sopa(client.get("/ventanillas/"))
    assert not html.select("a[href*='registro']")
    assert slugify("registro") not in {a["href"] for a in html.select("nav a")}


def test_las_paginas_guardadas_cambian_cuando_cambia_el_contenido(client):
    from config import cache_paginas

    client.get("/ventanillas/mapa/")
    version = cache_paginas.version()
    lugar = Lugar.objects.get(slug="inm-merida")
    lugar.nombre = "Oficina del INM en Mérida (nombre corregido)"
    lugar.save()
    assert cache_paginas.version() != version
    assert "nombre corregido" in client.get("/ventanillas/mapa/").content.decode()


def test_registrar_una_atencion_no_invalida_las_paginas_publicas():
    from config import cache_paginas
    from ventanillas.models import Atencion

    version = cache_paginas.version()
    Atencion.objects.create(
        ventanilla=Lugar.objects.get(slug="ventanilla-tapachula"),
        fecha="2026-11-02",
        sexo="mujer",
        grupo_edad="0-11",
        perfil="destino",
    )
    assert cache_paginas.version() == version


# --- Correcciones de oficinas, otros lugares que ayudan y la postura de cada dato ----------------

OFICIAL = "Fuente oficial"
SECUNDARIA = "Fuente no oficial: confírmelo"


def _fila(html, clave: str):
    """El <dd> de la ficha cuyo <dt> es `clave`."""
    return next(
        dt.find_next_sibling("dd")
        for dt in html.select(".ms-lista-resumen__clave")
        if texto(dt) == clave
    )


def _postura(nodo) -> str:
    return texto(nodo.select_one(".ms-postura"))


def _dato_en_la_ficha(html, texto_dato: str):
    """El elemento de «Más datos de las fuentes» con ese texto (o None)."""
    return next(
        (li for li in html.select(".ms-datos__elemento") if _normal(texto_dato) in texto(li)),
        None,
    )


def _oficina_de(correccion: dict) -> str:
    from referencia.ventanillas import OFICINA_CORREGIDA

    nombre = correccion["oficina"]
    lugar = Lugar.objects.filter(nombre=nombre).first()
    return lugar.slug if lugar else OFICINA_CORREGIDA[nombre]


def _urls(entrada: dict) -> set[str]:
    from referencia.ventanillas import FUENTE_SUSTITUTA

    fuentes = entrada.get("fuentes") or [entrada.get("fuente")]
    urls = {f["url"] if isinstance(f, dict) else f for f in fuentes if f}
    return {FUENTE_SUSTITUTA.get(u, u) for u in urls}


def test_cada_correccion_de_las_oficinas_se_ve_en_su_ficha(client, ref_correcciones):
    for correccion in ref_correcciones["correcciones_y_datos_por_oficina"]:
        lugar = Lugar.objects.get(slug=_oficina_de(correccion))
        html = sopa(client.get(lugar.get_absolute_url()))
        pagina = _normal(texto(html.find("main")))
        if correccion.get("conflicto"):
            # Sin resolver: la ficha sigue con su dirección y su postura; el conflicto es para
            # el equipo.
            direccion = _fila(html, "Dirección")
            assert lugar.direccion in texto(direccion)
            assert _postura(direccion) == SECUNDARIA
            assert "libramiento SUR" not in pagina
            assert _normal(correccion["conflicto"]) in _normal(lugar.nota_editorial)
        elif correccion["campo"] == "direccion":
            direccion = _fila(html, "Dirección")
            assert "Fraccionamiento Urdiñola" in texto(direccion)
            assert _postura(direccion) == SECUNDARIA
        else:
            dato = _dato_en_la_ficha(html, correccion["dato"])
            assert dato is not None, correccion["oficina"]
            assert dato.find("a")["href"] in _urls(correccion)
            assert _postura(dato) == SECUNDARIA
        if correccion.get("otros"):
            assert _dato_en_la_ficha(html, correccion["otros"]) is not None
        # Cada fuente de la corrección queda en la lista de fuentes, salvo la que contradice.
        enlaces = {a["href"] for a in html.select("#fuentes ~ ul a")}
        if not correccion.get("conflicto"):
            assert _urls(correccion) <= enlaces, correccion["oficina"]


def test_las_instalaciones_nuevas_del_inm_tienen_ficha_con_sus_datos(client, ref_correcciones):
    instalaciones = {i["nombre"]: i for i in ref_correcciones["instalaciones_nuevas"]}
    aicm = instalaciones[
        "Módulos del INM en el Aeropuerto Internacional de la Ciudad de México (AICM)"
    ]
    html = sopa(client.get("/ventanillas/inm-aicm/"))
    assert _normal(aicm["direccion"]) in texto(_fila(html, "Dirección"))
    # El AICM es una empresa del Estado que publica las oficinas de gobierno en su terminal.
    assert _postura(_fila(html, "Dirección")) == OFICIAL
    telefono = _fila(html, "Teléfono")
    assert telefono.find("a", href="tel:+525551330020")
    assert "ext. 32325 y 32327 (T1)" in texto(telefono)
    assert "2017" in texto(html.find(id="notas").parent)

    zozaya = sopa(client.get("/ventanillas/inm-estacion-migratoria-zozaya/"))
    assert "Calle Cuba 101" in texto(_fila(zozaya, "Dirección"))
    assert _postura(_fila(zozaya, "Dirección")) == OFICIAL  # Congreso de Nuevo León
    assert "estación migratoria (no es oficina de trámites)" in texto(
        zozaya.select_one(".ms-antetitulo")
    )
    assert "no consta que aquí se presenten trámites" in texto(zozaya.find("main"))
    iztapalapa = sopa(client.get("/ventanillas/inm-estacion-migratoria-iztapalapa/"))
    assert _postura(_fila(iztapalapa, "Dirección")) == SECUNDARIA
    assert _dato_en_la_ficha(iztapalapa, "capacidad para 430 personas")

    # Viajero Confiable: un centro por aeropuerto; la ficha oficial no da lugares ni horarios.
    for slug, lugar in (
        ("los-cabos", "Terminal 2, planta alta, salidas internacionales"),
        ("aicm", "Terminal 1 (oficina jurídica del INM, Puerta 10)"),
        ("cancun", "Terminal 2, planta baja, llegadas internacionales"),
    ):
        centro = sopa(client.get(f"/ventanillas/inm-viajero-confiable-{slug}/"))
        assert lugar in texto(_fila(centro, "Dirección"))
        assert _postura(_fila(centro, "Dirección")) == SECUNDARIA
        assert "solo la inscripción al programa Viajero Confiable" in texto(centro.find("main"))
        fuentes = [a["href"] for a in centro.select("#fuentes ~ ul a")]
        assert (
            fuentes[0] == "https://www.gob.mx/inm/acciones-y-programas/viajero-confiable-mexico-en"
        )
    cancun = sopa(client.get("/ventanillas/inm-viajero-confiable-cancun/"))
    assert _postura(_fila(cancun, "Horario")) == "No localizado"


def test_cada_dato_de_la_ficha_dice_si_lo_respalda_una_fuente_oficial(client):
    html = sopa(client.get("/ventanillas/inm-oficinas-centrales/"))
    assert _postura(_fila(html, "Dirección")) == OFICIAL
    assert _postura(_fila(html, "Teléfono")) == OFICIAL
    # El horario solo lo da la prensa (convocatoria del Migratón).
    assert _postura(_fila(html, "Horario")) == SECUNDARIA
    assert _postura(html.find(id="servicios").parent) == SECUNDARIA
    # Las fuentes, las oficiales primero.
    tipos = [
        texto(li.select_one(".ms-fuentes__meta")) for li in html.select(".ms-fuentes__elemento")
    ]
    assert [t.startswith("— fuente oficial") for t in tipos] == [True, True, False, False]

    sin_datos = sopa(client.get("/ventanillas/ventanilla-tapachula/"))
    assert _postura(_fila(sin_datos, "Dirección")) == "No localizado"
    assert _postura(_fila(sin_datos, "Teléfono")) == "No localizado"
    # La OIM da sus servicios; una ventanilla de la OIM con fuente de prensa no es oficial.
    palenque = sopa(client.get("/ventanillas/ventanilla-palenque/"))
    assert _postura(palenque.find(id="servicios").parent) == OFICIAL
    assert _postura(sin_datos.find(id="servicios").parent) == SECUNDARIA


def test_la_lista_muestra_la_postura_de_la_direccion_y_los_servicios(client):
    html = sopa(client.get("/ventanillas/?estado=ciudad-de-mexico&tipo=oficina"))
    centrales = next(
        li
        for li in html.select(".ms-lugares__elemento")
        if "Oficinas centrales" in texto(li.select_one(".ms-lugares__titulo"))
    )
    direccion, servicios = centrales.select(".ms-lugares__datos dd")
    assert _postura(direccion) == OFICIAL
    assert _postura(servicios) == SECUNDARIA


def test_la_nota_para_el_equipo_no_se_publica(client):
    for lugar in Lugar.objects.exclude(nota_editorial=""):
        pagina = client.get(lugar.get_absolute_url()).content.decode()
        assert lugar.nota_editorial not in pagina, lugar.slug
    # El teléfono incompleto del CIAM de Monterrey no se publica.
    assert "81 446" not in client.get("/ventanillas/ayuda-monterrey/").content.decode()


def test_cada_otro_lugar_que_ayuda_se_ve_como_tal_y_nunca_como_ventanilla(client, ref_candidatas):
    from referencia.ventanillas import DATO_Y_NO_SERVICIO, DESCRIPCION_DE_SERVICIO

    for candidato in ref_candidatas["candidatos"]:
        lugar = Lugar.objects.get(nombre=_normal(candidato["nombre"]))
        assert lugar.tipo == "otro-lugar"
        html = sopa(client.get(lugar.get_absolute_url()))
        main = texto(html.find("main"))
        assert texto(html.select_one(".ms-antetitulo")).startswith(
            "Otro lugar que ayuda a personas migrantes"
        )
        assert "No es una ventanilla de la OIM" in texto(html.select_one(".ms-aviso"))
        assert "Ventanilla informativa (red de la OIM)" not in main
        assert "(red de la OIM)" not in html.find("meta", attrs={"name": "description"})["content"]
        enlaces = {a["href"] for a in html.select("#fuentes ~ ul a")}
        assert _urls(candidato) <= enlaces
        for servicio in candidato["servicios"]:
            # Lo que es un servicio se explica; lo demás va como dato con su fuente.
            if servicio in DATO_Y_NO_SERVICIO:
                assert _dato_en_la_ficha(html, DATO_Y_NO_SERVICIO[servicio]) is not None
            else:
                descripcion = DESCRIPCION_DE_SERVICIO.get(servicio, servicio)
                assert f"Según la fuente: {_normal(descripcion)}" in main, servicio
        if candidato.get("direccion"):
            assert _normal(candidato["direccion"]) in texto(_fila(html, "Dirección"))
            assert _postura(_fila(html, "Dirección")) == SECUNDARIA
        if candidato.get("cifras"):
            assert _dato_en_la_ficha(html, candidato["cifras"]) is not None
        datos = json.loads(html.find("script", type="application/ld+json").string)
        assert "No es una ventanilla de la red de la OIM" in datos["description"]


def test_el_filtro_de_tipo_separa_las_ventanillas_de_los_otros_lugares(client, ref_candidatas):
    candidatos = {_normal(c["nombre"]) for c in ref_candidatas["candidatos"]}
    ventanillas = sopa(client.get("/ventanillas/?tipo=ventanilla"))
    nombres = {texto(h) for h in ventanillas.select(".ms-lugares__titulo")}
    assert len(nombres) == 10 and not nombres & candidatos
    otros = sopa(client.get("/ventanillas/?tipo=otro-lugar"))
    assert {texto(h) for h in otros.select(".ms-lugares__titulo")} == candidatos
    assert {texto(t) for t in otros.select(".ms-lugares__tipo")} == {
        "Otro lugar que ayuda a personas migrantes"
    }
    tipo = otros.find("select", attrs={"name": "tipo"})
    assert (
        texto(tipo.find("option", value="ventanilla"))
        == "Ventanilla informativa (red de la OIM) (10)"
    )
    assert (
        texto(tipo.find("option", selected=True)) == "Otro lugar que ayuda a personas migrantes (6)"
    )


def test_los_datos_nuevos_de_la_red_van_con_su_red_y_su_fuente(client, ref_candidatas):
    cobertura = sopa(client.get("/ventanillas/")).select_one(".ms-cobertura")
    datos = {texto(li): li for li in cobertura.select(".ms-datos__elemento")}

    def buscar(fragmento):
        return next(li for t, li in datos.items() if fragmento in t)

    # La línea gratuita del INM: la OIM anunció su creación (fuente oficial).
    linea = buscar("800 0046 264")
    assert _postura(linea) == OFICIAL
    assert "iom.int" in linea.find("a")["href"]
    assert "Más sobre el INM:" in texto(linea.find_parent("ul").find_previous_sibling("p"))
    # Los datos de la red regional de ventanillas, con la OIM como fuente.
    regional = buscar("21 ventanillas de ocho países")
    assert _postura(regional) == OFICIAL
    assert "Más sobre la red de ventanillas de la OIM:" in texto(
        regional.find_parent("ul").find_previous_sibling("p")
    )
    # Las oficinas estatales (OFAM) son otra red: van con los otros lugares, no con la OIM.
    ofam = buscar("30 en el país")
    assert "Sobre otras oficinas que ayudan" in texto(
        ofam.find_parent("ul").find_previous_sibling("p")
    )
    assert _postura(ofam) == OFICIAL
    assert _postura(buscar("agosto de 2025")) == SECUNDARIA
    # La cifra de 102 oficinas de trámites, junto a las demás cifras de oficinas.
    assert "102" in texto(cobertura)
    # Las actualizaciones de ventanillas ya registradas, en su ficha.
    for entrada in ref_candidatas["actualizaciones_a_ventanillas_ya_registradas"]:
        lugar = Lugar.objects.get(nombre=_normal(entrada["ventanilla"]))
        html = sopa(client.get(lugar.get_absolute_url()))
        inicio = _normal(entrada["dato_nuevo"])[:80]
        dato = _dato_en_la_ficha(html, inicio)
        assert dato is not None and dato.find("a")["href"] in _urls(entrada)
        assert "candidato" not in texto(dato)
