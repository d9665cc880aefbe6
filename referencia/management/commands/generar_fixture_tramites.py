from referencia import tramites
from referencia.generacion import OrdenGenerarFixture
from tramites.carga import FIXTURE


class Command(OrdenGenerarFixture):
    help = (
        "Genera fixtures/tramites.json desde los archivos de referencia "
        "(../shared/reference/tramites.yaml) y fixtures/tramites_complementos.yaml, "
        "y dice qué cambió respecto del fixture anterior."
    )
    convertidor = tramites
    fixture = FIXTURE
