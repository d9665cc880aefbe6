from referencia import ventanillas
from referencia.generacion import OrdenGenerarFixture
from ventanillas.carga import FIXTURE


class Command(OrdenGenerarFixture):
    help = (
        "Genera fixtures/ventanillas.json desde ../shared/reference/ventanillas.yaml, "
        "oficinas.yaml, oficinas_correcciones.yaml y ventanillas_candidatas.yaml, y dice qué "
        "cambió respecto del fixture anterior."
    )
    convertidor = ventanillas
    fixture = FIXTURE
