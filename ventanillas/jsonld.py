"""Datos estructurados schema.org (GovernmentOffice) de un lugar: solo lo que se conoce."""

from ventanillas.export import telefono_internacional

DIAS_SCHEMA = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]


def oficina_jsonld(lugar, *, url: str) -> dict:
    """Sin coordenadas (ninguna fuente las da) ni campos vacíos: nada supuesto."""
    direccion = {
        "@type": "PostalAddress",
        "addressCountry": "MX",
        "addressRegion": lugar.estado.nombre,
    }
    if lugar.direccion:
        direccion["streetAddress"] = lugar.direccion
    localidad = lugar.ciudad or (lugar.municipio.nombre if lugar.municipio_id else "")
    if localidad:
        direccion["addressLocality"] = localidad
    if lugar.codigo_postal:
        direccion["postalCode"] = lugar.codigo_postal
    datos = {
        "@context": "https://schema.org",
        "@type": "GovernmentOffice",
        "name": lugar.nombre,
        # Qué tipo de lugar es: un otro lugar que ayuda dice que no es ventanilla de la OIM.
        "description": f"{lugar.get_tipo_display()}. {lugar.explicacion_tipo}",
        "url": url,
        "address": direccion,
    }
    telefono = telefono_internacional(lugar.telefono)
    if telefono:
        datos["telephone"] = telefono
    if lugar.correo:
        datos["email"] = lugar.correo
    if lugar.institucion_anfitriona:
        datos["parentOrganization"] = {
            "@type": "Organization",
            "name": lugar.institucion_anfitriona,
        }
    tramos = [h for h in lugar.horarios.all() if not h.cerrado]
    if tramos:
        datos["openingHoursSpecification"] = [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": DIAS_SCHEMA[h.dia],
                "opens": h.abre.strftime("%H:%M"),
                "closes": h.cierra.strftime("%H:%M"),
            }
            for h in tramos
        ]
    servicios = sorted({s.servicio.nombre for s in lugar.servicios_lugar.all()})
    if servicios:
        datos["knowsAbout"] = servicios
    return datos
