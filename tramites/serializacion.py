"""Los trámites como datos: JSON de la API (/api/v1/tramites/) y JSON-LD de schema.org.

Trabaja sobre trámites cargados con `Tramite.objects.con_detalle()`, sin consultas extra.
"""

import json

from django.conf import settings

from fuentes.serializacion import fuentes_a_lista
from tramites import cuotas
from tramites.cuotas import anio_actual
from tramites.models import Cuota, Tramite

# Para incrustar JSON en <script> sin que un «</script>» en el texto lo cierre.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def _monto(valor):
    return None if valor is None else str(valor)


def _cuota(cuota: Cuota, anio: int) -> dict:
    fila = cuotas.monto(cuota, anio)
    return {
        "concepto": cuota.concepto,
        # La cuota de la ley, sin ajuste; lo que se paga va en monto_a_pagar (art. 6 LFD).
        "monto": _monto(cuota.monto),
        "monto_a_pagar": _monto(fila.a_pagar),
        "respaldo": fila.respaldo.a_dict(),
        "moneda": "MXN",
        "anio_vigencia": cuota.anio_vigencia,
        "estado": cuota.estado(anio),
        "fundamento": cuota.fundamento or None,
        "articulo_lfd": cuota.articulo_lfd or None,
        "fraccion_lfd": cuota.fraccion_lfd or None,
        "modalidad": cuota.modalidad.slug if cuota.modalidad else None,
        "grupo_alternativas": cuota.grupo or None,
        "notas": cuota.notas or None,
        "fuente": cuota.fuente.url if cuota.fuente else None,
    }


def resumen_tramite(tramite: Tramite, *, url: str, url_pagina: str) -> dict:
    """Lo que trae la lista; el detalle trae lo mismo, con los mismos valores, y más."""
    return {
        "slug": tramite.slug,
        "nombre": tramite.nombre,
        "categoria": {"slug": tramite.categoria.slug, "nombre": tramite.categoria.nombre},
        "resumen": tramite.resumen,
        "plazo_resolucion_dias_habiles": tramite.plazo_resolucion_dias_habiles,
        "plazo_resolucion_dias_naturales": tramite.plazo_resolucion_dias_naturales,
        "actualizado": tramite.actualizado.isoformat(),
        "url": url,
        "pagina": url_pagina,
    }


def tramite_a_dict(tramite: Tramite, *, url: str, url_pagina: str) -> dict:
    anio = anio_actual()
    datos = resumen_tramite(tramite, url=url, url_pagina=url_pagina)
    datos.update(
        {
            "homoclave": tramite.homoclave or None,
            "id_ficha_gobmx": tramite.id_ficha_gobmx or None,
            "descripcion": tramite.descripcion,
            "quien_lo_solicita": tramite.quien_lo_solicita,
            "resultado": tramite.resultado or None,
            "plazo_respaldo": tramite.respaldo_plazo.a_dict(),
            "cuando_solicitar": tramite.cuando_solicitar or None,
            "cuando_solicitar_respaldo": tramite.respaldo_cuando.a_dict(),
            "plazo_notas": tramite.plazo_notas or None,
            "vigencia_resultado": tramite.vigencia_resultado or None,
            "vigencia_respaldo": tramite.respaldo_vigencia.a_dict(),
            "donde": tramite.donde or None,
            "pendiente": tramite.pendiente or None,
            "modalidades": [
                {"slug": m.slug, "nombre": m.nombre} for m in tramite.modalidades.all()
            ],
            "requisitos": [
                {
                    "texto": r.texto,
                    "modalidad": r.modalidad.slug if r.modalidad else None,
                    "presentacion": r.presentacion or None,
                    "notas": r.notas or None,
                    "respaldo": r.respaldo.a_dict(),
                    # Derivado del respaldo; se conserva para quien ya lo leía.
                    "confirmado_en_fuente_oficial": r.respaldo.oficial,
                }
                for r in tramite.requisitos.all()
            ],
            "cuotas": [_cuota(c, anio) for c in tramite.cuotas.all()],
            "fundamento_legal": [f.texto for f in tramite.fundamentos.all()],
            "formatos": [
                {"nombre": f.nombre, "url": f.url or None} for f in tramite.formatos.all()
            ],
            "supuestos": [s.texto for s in tramite.supuestos.all()],
            "fuentes": fuentes_a_lista(tramite.fuentes.all()),
        }
    )
    return datos


def jsonld(tramite: Tramite, *, url: str) -> str:
    """schema.org GovernmentService, listo para <script type="application/ld+json">."""
    anio = anio_actual()
    datos = {
        "@context": "https://schema.org",
        "@type": "GovernmentService",
        "name": tramite.nombre,
        "description": tramite.descripcion,
        "serviceType": tramite.categoria.nombre,
        "url": url,
        "areaServed": {"@type": "Country", "name": "México"},
        "provider": {
            "@type": "GovernmentOrganization",
            "name": "Instituto Nacional de Migración",
            "url": "https://www.inm.gob.mx/",
            "telephone": settings.INM_TELEFONO_ENLACE,
        },
        "audience": {"@type": "Audience", "audienceType": tramite.quien_lo_solicita},
    }
    ofertas = [
        {
            "@type": "Offer",
            "name": fila.cuota.concepto,
            "price": str(fila.a_pagar),
            "priceCurrency": "MXN",
            # Qué tan seguro es el monto viaja con él (schema.org no tiene un campo propio).
            "description": " · ".join(
                p for p in (fila.respaldo.etiqueta, fila.respaldo.fundamento) if p
            ),
        }
        for fila in (cuotas.monto(c, anio) for c in tramite.cuotas.all())
        if fila.cuenta
    ]
    if ofertas:
        datos["offers"] = ofertas
    return json.dumps(datos, ensure_ascii=False).translate(_ESCAPES)
