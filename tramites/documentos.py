"""Los documentos de un trámite en PDF: solicitud, escrito libre, lista de documentos y hoja de pago.

La solicitud y el escrito llevan lo que escribió la persona: se generan con la plantilla en
blanco en caché y los valores estampados (`tramites/estampado.py`), y no se guardan en ningún lado.
La lista y la hoja de pago no llevan datos personales: el PDF completo se guarda en la caché.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone, translation

from config import cache_paginas
from tramites import cuotas, estampado, pdf
from tramites.escritos import TipoEscrito
from tramites.models import Formato, Modalidad, TemaComun, Tramite
from tramites.solicitudes import CAMPOS, Solicitud

TIPO = "application/pdf"


@dataclass(frozen=True)
class Archivo:
    nombre: str
    tipo: str
    datos: bytes


def _hoy():
    return timezone.localdate()


def genera_pdf(request) -> bool:
    """¿La petición genera el PDF (datos enviados o un escenario de pago) o solo pide el formulario?

    Solo las que generan esperan turno en el cupo de trabajo pesado (config/concurrencia.py).
    """
    return (
        request.method == "POST"
        or "escenario" in request.GET
        or request.GET.get("formato") == "pdf"
    )


def _base(*, tramite: Tramite, sitio: str, titulo: str) -> dict:
    return {
        "tramite": tramite,
        "titulo": titulo,
        "sitio": sitio,
        "generado": _hoy(),
        "hueco": estampado.ESPACIO_CERO,
        "idioma": translation.get_language(),
    }


def requisitos_de(tramite: Tramite, modalidad: Modalidad | None) -> list:
    return [
        r
        for r in tramite.requisitos.all()
        if r.modalidad_id is None or (modalidad is not None and r.modalidad_id == modalidad.pk)
    ]


def cuotas_de(tramite: Tramite, modalidad: Modalidad | None) -> list[cuotas.Monto]:
    anio = cuotas.anio_actual()
    return [
        cuotas.monto(c, anio)
        for c in tramite.cuotas.all()
        if c.modalidad_id is None or (modalidad is not None and c.modalidad_id == modalidad.pk)
    ]


def _clave(*partes) -> tuple:
    return (*partes, translation.get_language(), _hoy().isoformat(), cache_paginas.version())


def formato_oficial(tramite: Tramite) -> Formato | None:
    """El formato de solicitud del INM que corresponde al trámite, con su enlace (fixtures)."""
    return next(
        (f for f in tramite.formatos.all() if f.nombre.startswith("Formato para solicitar")), None
    )


# Campos que ocupan todo el ancho de la hoja.
ANCHOS = {"calle_numero", "oficina", "razon_social", "representante_legal", "consulado"}


def _secciones_en_espanol(declaracion: Solicitud) -> list[tuple[str, list[tuple]]]:
    # Las etiquetas del PDF salen del mismo catálogo que la página, ya en español.
    return [
        (str(s.titulo), [(n, str(CAMPOS[n]().label), n in ANCHOS) for n in s.campos])
        for s in declaracion.secciones
    ]


def contexto_solicitud(
    *, tramite: Tramite, modalidad: Modalidad | None, declaracion: Solicitud, sitio: str
) -> dict:
    """Lo que dibuja la hoja de la solicitud, en español (se llama dentro de es-mx)."""
    return {
        **_base(tramite=tramite, sitio=sitio, titulo=f"Solicitud: {tramite.nombre}"),
        "modalidad": modalidad,
        "secciones": [
            (titulo, [c for c in campos if c[0] != "modalidad"])
            for titulo, campos in _secciones_en_espanol(declaracion)
        ],
        "firma": str(declaracion.firma),
        "formato": formato_oficial(tramite),
        "requisitos": requisitos_de(tramite, modalidad),
        "cuotas": cuotas_de(tramite, modalidad),
    }


def solicitud(
    *,
    tramite: Tramite,
    modalidad: Modalidad | None,
    declaracion: Solicitud,
    valores: dict,
    sitio: str,
) -> Archivo:
    # Se presenta en la oficina: siempre en español, sea cual sea el idioma de la página.
    with translation.override("es-mx"):
        contexto = contexto_solicitud(
            tramite=tramite, modalidad=modalidad, declaracion=declaracion, sitio=sitio
        )
        clave = _clave("solicitud", tramite.slug, modalidad.slug if modalidad else "")
        datos = estampado.generar(
            clave=clave, plantilla="documentos/solicitud.html", contexto=contexto, valores=valores
        )
    return Archivo(f"solicitud-{tramite.slug}.pdf", TIPO, datos)


def escrito(*, tramite: Tramite, tipo: TipoEscrito, valores: dict, sitio: str) -> Archivo:
    with translation.override("es-mx"):
        contexto = {
            **_base(tramite=tramite, sitio=sitio, titulo=tipo.asunto),
            "tipo": tipo,
        }
        datos = estampado.generar(
            clave=_clave("escrito", tramite.slug),
            plantilla="documentos/escrito.html",
            contexto=contexto,
            valores=valores,
        )
    return Archivo(f"escrito-{tramite.slug}.pdf", TIPO, datos)


def _en_cache(clave: tuple, construir) -> bytes:
    llave = "pdf:" + ":".join(str(p) for p in clave)
    datos = cache.get(llave)
    if datos is None:
        datos = construir()
        cache.set(llave, datos, 24 * 3600)
    return datos


def lista(*, tramite: Tramite, modalidad: Modalidad | None, sitio: str) -> Archivo:
    def construir():
        contexto = {
            **_base(tramite=tramite, sitio=sitio, titulo=f"Lista de documentos: {tramite.nombre}"),
            "modalidad": modalidad,
            "requisitos": requisitos_de(tramite, modalidad),
            "cuotas": cuotas_de(tramite, modalidad),
        }
        return pdf.a_pdf(pdf.renderizar("documentos/lista.html", contexto))

    clave = _clave("lista", tramite.slug, modalidad.slug if modalidad else "")
    return Archivo(f"lista-{tramite.slug}.pdf", TIPO, _en_cache(clave, construir))


def pago(*, escenario: cuotas.Escenario, sitio: str) -> Archivo:
    tramite = escenario.tramite

    def construir():
        contexto = {
            **_base(
                tramite=tramite, sitio=sitio, titulo=f"Hoja de ayuda para el pago: {tramite.nombre}"
            ),
            "escenario": escenario,
            "calculo": cuotas.calcular(escenario, 1),
            "tema_pago": TemaComun.objects.filter(clave="pago-e5cinco").first(),
            "contacto": TemaComun.objects.filter(clave="contacto-inm").first(),
        }
        return pdf.a_pdf(pdf.renderizar("documentos/pago.html", contexto))

    return Archivo(
        f"pago-{tramite.slug}.pdf", TIPO, _en_cache(_clave("pago", escenario.clave), construir)
    )
