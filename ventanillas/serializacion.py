"""Las ventanillas y oficinas como datos de la API (/api/v1/lugares/).

Un lugar tiene la misma forma en la lista y en el detalle. Trabaja sobre lugares cargados con
`Lugar.objects.con_detalle()`, sin consultas extra. Lo que no se conoce va como `null`.
"""

from fuentes import postura
from fuentes.serializacion import fuentes_a_lista
from ventanillas.cercania import posicion
from ventanillas.export import telefono_internacional
from ventanillas.horarios import zona_horaria
from ventanillas.models import FUENTES_DE_DATOS, Lugar


def _texto(valor: str):
    return valor or None


def _hora(valor):
    return valor.strftime("%H:%M") if valor is not None else None


def lugar_a_dict(lugar: Lugar, *, url: str, url_pagina: str) -> dict:
    punto = posicion(lugar)
    fuentes = list(lugar.fuentes.all())
    ordenadas = postura.ordenar(fuentes)
    respaldo = postura.Respaldo(
        postura=postura.de_fuentes(fuentes), fuente_url=ordenadas[0].url if ordenadas else ""
    )
    return {
        "slug": lugar.slug,
        "tipo": lugar.tipo,
        "nombre": lugar.nombre,
        "clase_oficina": _texto(lugar.clase_oficina),
        "estado": {
            "slug": lugar.estado.slug,
            "nombre": lugar.estado.nombre,
            "clave": lugar.estado.clave,
        },
        "municipio": (
            {"clave": lugar.municipio.clave, "nombre": lugar.municipio.nombre}
            if lugar.municipio_id
            else None
        ),
        "ciudad": _texto(lugar.ciudad),
        "direccion": _texto(lugar.direccion),
        "direccion_nota": _texto(lugar.direccion_nota),
        "codigo_postal": _texto(lugar.codigo_postal),
        "institucion_anfitriona": _texto(lugar.institucion_anfitriona),
        "telefono": _texto(lugar.telefono),
        "telefono_internacional": _texto(telefono_internacional(lugar.telefono)),
        "telefono_nota": _texto(lugar.telefono_nota),
        "correo": _texto(lugar.correo),
        "horario": {
            "texto": _texto(lugar.horario_texto),
            "nota": _texto(lugar.horario_nota),
            "zona_horaria": zona_horaria(
                clave_estado=lugar.estado.clave,
                clave_municipio=lugar.municipio.clave if lugar.municipio_id else None,
            ).key,
            "tramos": [
                {
                    "dia": h.dia,
                    "abre": _hora(h.abre),
                    "cierra": _hora(h.cierra),
                    "cerrado": h.cerrado,
                    "nota": _texto(h.nota),
                }
                for h in lugar.horarios.all()
            ],
        },
        "fecha_apertura": lugar.fecha_apertura.isoformat() if lugar.fecha_apertura else None,
        "fecha_apertura_nota": _texto(lugar.fecha_apertura_nota),
        "notas": _texto(lugar.notas),
        "servicios": [
            {
                "slug": s.servicio.slug,
                "nombre": s.servicio.nombre,
                "descripcion": _texto(s.descripcion),
            }
            for s in lugar.servicios_lugar.all()
        ],
        "posicion": {
            "latitud": round(punto.latitud, 5),
            "longitud": round(punto.longitud, 5),
            "precision": punto.precision,
            "aproximada": punto.aproximada,
        },
        "respaldo": respaldo.a_dict(),
        # Qué tan seguro es cada dato de la ficha del lugar, como en la página.
        "respaldos": {dato: lugar.respaldo(dato).a_dict() for dato in FUENTES_DE_DATOS},
        "otros_datos": [
            {"texto": dato.texto, "respaldo": dato.respaldo.a_dict()} for dato in lugar.datos.all()
        ],
        "fuentes": fuentes_a_lista(fuentes),
        "fecha_verificacion": lugar.fecha_verificacion.isoformat(),
        "actualizado": lugar.actualizado.isoformat(),
        "url": url,
        "pagina": url_pagina,
    }
