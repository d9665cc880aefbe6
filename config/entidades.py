"""Las 32 entidades federativas: la única lista del sitio (clave y nombres del INEGI).

La usan los formularios, los escritos, las ventanillas (sus estados con su centro geográfico) y
los datos abiertos (la columna `entidad`). `nombre` es el de uso común, el que la gente busca
(«Estado de México»); `nombre_oficial`, el del Catálogo Único de Claves de Áreas Geoestadísticas
del INEGI (FUENTE), que usan los datos abiertos. El `slug` es parte de direcciones publicadas:
no cambia.
"""

from dataclasses import dataclass

FUENTE = "https://www.inegi.org.mx/app/ageeml/"


@dataclass(frozen=True)
class Entidad:
    clave: str
    nombre: str
    nombre_oficial: str
    slug: str


ENTIDADES = (
    Entidad("01", "Aguascalientes", "Aguascalientes", "aguascalientes"),
    Entidad("02", "Baja California", "Baja California", "baja-california"),
    Entidad("03", "Baja California Sur", "Baja California Sur", "baja-california-sur"),
    Entidad("04", "Campeche", "Campeche", "campeche"),
    Entidad("05", "Coahuila", "Coahuila de Zaragoza", "coahuila"),
    Entidad("06", "Colima", "Colima", "colima"),
    Entidad("07", "Chiapas", "Chiapas", "chiapas"),
    Entidad("08", "Chihuahua", "Chihuahua", "chihuahua"),
    Entidad("09", "Ciudad de México", "Ciudad de México", "ciudad-de-mexico"),
    Entidad("10", "Durango", "Durango", "durango"),
    Entidad("11", "Guanajuato", "Guanajuato", "guanajuato"),
    Entidad("12", "Guerrero", "Guerrero", "guerrero"),
    Entidad("13", "Hidalgo", "Hidalgo", "hidalgo"),
    Entidad("14", "Jalisco", "Jalisco", "jalisco"),
    Entidad("15", "Estado de México", "México", "estado-de-mexico"),
    Entidad("16", "Michoacán", "Michoacán de Ocampo", "michoacan"),
    Entidad("17", "Morelos", "Morelos", "morelos"),
    Entidad("18", "Nayarit", "Nayarit", "nayarit"),
    Entidad("19", "Nuevo León", "Nuevo León", "nuevo-leon"),
    Entidad("20", "Oaxaca", "Oaxaca", "oaxaca"),
    Entidad("21", "Puebla", "Puebla", "puebla"),
    Entidad("22", "Querétaro", "Querétaro", "queretaro"),
    Entidad("23", "Quintana Roo", "Quintana Roo", "quintana-roo"),
    Entidad("24", "San Luis Potosí", "San Luis Potosí", "san-luis-potosi"),
    Entidad("25", "Sinaloa", "Sinaloa", "sinaloa"),
    Entidad("26", "Sonora", "Sonora", "sonora"),
    Entidad("27", "Tabasco", "Tabasco", "tabasco"),
    Entidad("28", "Tamaulipas", "Tamaulipas", "tamaulipas"),
    Entidad("29", "Tlaxcala", "Tlaxcala", "tlaxcala"),
    Entidad("30", "Veracruz", "Veracruz de Ignacio de la Llave", "veracruz"),
    Entidad("31", "Yucatán", "Yucatán", "yucatan"),
    Entidad("32", "Zacatecas", "Zacatecas", "zacatecas"),
)
POR_CLAVE = {entidad.clave: entidad for entidad in ENTIDADES}


def opciones() -> list[tuple[str, str]]:
    """(clave, nombre) para una lista de selección, en orden de clave."""
    return [(entidad.clave, entidad.nombre) for entidad in ENTIDADES]


def nombres_oficiales() -> dict[str, str]:
    return {entidad.clave: entidad.nombre_oficial for entidad in ENTIDADES}
