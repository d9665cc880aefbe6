"""Los documentos de un trámite en PDF: solicitud, escrito libre, lista de documentos y hoja de pago.

La solicitud y el escrito llevan lo que escribió la persona: se generan con la plantilla en
blanco en caché y los valores estampados (`tramites/estampado.py`), y no se guardan en ningún lado.
La lista y la hoja de pago no llevan datos personales: el PDF completo se guarda en la caché.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from config import cache_paginas
from fuentes import postura
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


def contexto_escrito(*, tramite: Tramite, tipo: TipoEscrito, sitio: str) -> dict:
    """Lo que dibuja el escrito además de los valores (se llama dentro de es-mx)."""
    return {
        **_base(tramite=tramite, sitio=sitio, titulo=tipo.asunto),
        "tipo": tipo,
        # El fundamento del trámite; las cuotas (Ley Federal de Derechos) no son lo que se pide.
        "fundamentos": [
            f.texto
            for f in tramite.fundamentos.all()
            if not f.texto.startswith("Ley Federal de Derechos")
        ],
    }


def escrito(*, tramite: Tramite, tipo: TipoEscrito, valores: dict, sitio: str) -> Archivo:
    with translation.override("es-mx"):
        contexto = contexto_escrito(tramite=tramite, tipo=tipo, sitio=sitio)
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
    # No se entrega al INM: va entera en el idioma de la página, con el nombre oficial en
    # español de cada documento al lado.
    def construir():
        titulo = _("Lista de documentos: %(tramite)s") % {"tramite": tramite.nombre}
        contexto = {
            **_base(tramite=tramite, sitio=sitio, titulo=titulo),
            "en_espanol": translation.get_language().startswith("es"),
            "modalidad": modalidad,
            "requisitos": requisitos_de(tramite, modalidad),
            "cuotas": cuotas_de(tramite, modalidad),
        }
        return pdf.a_pdf(pdf.renderizar("documentos/lista.html", contexto))

    clave = _clave("lista", tramite.slug, modalidad.slug if modalidad else "")
    return Archivo(f"lista-{tramite.slug}.pdf", TIPO, _en_cache(clave, construir))


@dataclass(frozen=True)
class Paso:
    texto: str
    temas: tuple[str, ...]  # claves de TemaComun cuyas fuentes sostienen el paso


# Cómo obtener la referencia e5cinco que el sitio no puede generar: solo lo que dicen las
# fuentes de los temas comunes «pago-e5cinco» y «tramites-en-micrositio».
PASOS_E5CINCO = (
    Paso(
        gettext_lazy(
            "Obtenga la hoja de ayuda e5cinco de su trámite en el micrositio de trámites del "
            "INM o pídala en la oficina: trae la dependencia, la clave de referencia, la cadena "
            "de la dependencia y el monto."
        ),
        ("tramites-en-micrositio", "pago-e5cinco"),
    ),
    Paso(
        gettext_lazy(
            "Pague con esa hoja en un banco autorizado (en ventanilla, en efectivo o con cheque "
            "del mismo banco) o por banca electrónica."
        ),
        ("pago-e5cinco",),
    ),
    Paso(
        gettext_lazy(
            "El banco le da un recibo con sello digital: revise que coincida con la hoja de "
            "ayuda y guarde una copia."
        ),
        ("pago-e5cinco",),
    ),
    Paso(gettext_lazy("Entregue el recibo al INM con su trámite."), ("pago-e5cinco",)),
)


def pasos_e5cinco() -> tuple[list[tuple[str, list[str]]], list, postura.Respaldo]:
    """Los pasos que sostienen los temas cargados, con sus fuentes y qué tan seguros son."""
    temas = {
        t.clave: t
        for t in TemaComun.objects.filter(
            clave__in={c for p in PASOS_E5CINCO for c in p.temas}
        ).prefetch_related("fuentes")
    }
    pasos = [p for p in PASOS_E5CINCO if all(c in temas for c in p.temas)]
    fuentes = {f.url: f for p in pasos for c in p.temas for f in temas[c].fuentes.all()}
    ordenadas = postura.ordenar(fuentes.values())
    return (
        [str(p.texto) for p in pasos],
        ordenadas,
        postura.Respaldo(postura.de_fuentes(ordenadas, conocido=bool(pasos))),
    )


def pago(*, escenario: cuotas.Escenario, sitio: str) -> Archivo:
    tramite = escenario.tramite

    def construir():
        contexto = {
            **_base(
                tramite=tramite,
                sitio=sitio,
                titulo=_("Hoja de ayuda para el pago: %(tramite)s") % {"tramite": tramite.nombre},
            ),
            "escenario": escenario,
            "calculo": cuotas.calcular(escenario, 1),
            "contacto": TemaComun.objects.filter(clave="contacto-inm").first(),
        }
        contexto["pasos"], contexto["fuentes_pasos"], contexto["respaldo_pasos"] = pasos_e5cinco()
        return pdf.a_pdf(pdf.renderizar("documentos/pago.html", contexto))

    return Archivo(
        f"pago-{tramite.slug}.pdf", TIPO, _en_cache(_clave("pago", escenario.clave), construir)
    )
