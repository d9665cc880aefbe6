"""Cuánto del directorio tiene datos con fuente: la línea de cobertura de la lista.

Se cuenta, no se estima: lugares publicados con al menos una fuente, cuántos tienen dirección y
en cuántos estados, por tipo. Las ventanillas se comparan con la red que reportó la OIM (ver
RED_OIM); los otros lugares que ayudan a migrantes no son de esa red y se cuentan aparte.
"""

from dataclasses import dataclass

from django.db.models import Count, Q

from ventanillas.models import CifraReportada, DatoRed, Lugar, Tipo

# Entidades federativas de México (Marco Geoestadístico del INEGI).
TOTAL_ESTADOS = 32

# La red que reportó la OIM en julio de 2021: 20 ventanillas en 11 estados. Lo dice el README de
# la referencia («figure confirmed by the IOM's own leaflet on the desks»), sin dirección web;
# ventanillas.yaml no halló una copia en línea. Es el denominador de «N de 20 ventanillas» y la
# página dice de dónde sale. tests/ventanillas/test_views.py lo compara con ese README.
RED_OIM_VENTANILLAS = 20
RED_OIM_ESTADOS = 11


@dataclass(frozen=True)
class Cobertura:
    ventanillas: int
    ventanillas_con_direccion: int
    estados_con_ventanilla: int
    oficinas: int
    oficinas_con_direccion: int
    estados_con_oficina: int
    estados_con_oficina_con_direccion: int
    otros_lugares: int
    estados_con_otro_lugar: int
    total_estados: int
    cifras_ventanillas: list
    cifras_oficinas: list
    datos_ventanillas: list
    datos_oficinas: list
    datos_otros_lugares: list
    red_oim_ventanillas: int = RED_OIM_VENTANILLAS
    red_oim_estados: int = RED_OIM_ESTADOS

    @property
    def supera_red_oim(self) -> bool:
        """Hay más ventanillas con fuente que las que reportó la OIM: «N de 20» no tendría sentido."""
        return self.ventanillas > self.red_oim_ventanillas


def calcular_cobertura() -> Cobertura:
    """Tres consultas: conteos por tipo de lugar, las cifras reportadas y los datos de cada red."""
    con_fuente = Lugar.objects.publicados().filter(fuentes__isnull=False).distinct()
    conteos = {
        fila["tipo"]: fila
        # order_by() vacío: el orden del modelo (que modeltranslation vuelve explícito) partiría
        # los grupos por nombre.
        for fila in Lugar.objects.filter(pk__in=con_fuente.values("pk"))
        .order_by()
        .values("tipo")
        .annotate(
            total=Count("pk"),
            con_direccion=Count("pk", filter=~Q(direccion="")),
            estados=Count("estado", distinct=True),
            estados_con_direccion=Count("estado", distinct=True, filter=~Q(direccion="")),
        )
    }
    vacio = {"total": 0, "con_direccion": 0, "estados": 0, "estados_con_direccion": 0}
    ventanillas = conteos.get(Tipo.VENTANILLA, vacio)
    oficinas = conteos.get(Tipo.OFICINA, vacio)
    otros = conteos.get(Tipo.OTRO_LUGAR, vacio)
    cifras = list(CifraReportada.objects.select_related("fuente"))
    datos = list(DatoRed.objects.select_related("fuente"))
    return Cobertura(
        ventanillas=ventanillas["total"],
        ventanillas_con_direccion=ventanillas["con_direccion"],
        estados_con_ventanilla=ventanillas["estados"],
        oficinas=oficinas["total"],
        oficinas_con_direccion=oficinas["con_direccion"],
        estados_con_oficina=oficinas["estados"],
        estados_con_oficina_con_direccion=oficinas["estados_con_direccion"],
        otros_lugares=otros["total"],
        estados_con_otro_lugar=otros["estados"],
        total_estados=TOTAL_ESTADOS,
        cifras_ventanillas=[c for c in cifras if c.ambito == Tipo.VENTANILLA],
        cifras_oficinas=[c for c in cifras if c.ambito == Tipo.OFICINA],
        datos_ventanillas=[d for d in datos if d.ambito == Tipo.VENTANILLA],
        datos_oficinas=[d for d in datos if d.ambito == Tipo.OFICINA],
        datos_otros_lugares=[d for d in datos if d.ambito == Tipo.OTRO_LUGAR],
    )
