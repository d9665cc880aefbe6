from referencia import proteccion
from referencia.generacion import OrdenGenerarFixture
from ventanillas.carga_proteccion import FIXTURE


class Command(OrdenGenerarFixture):
    help = (
        "Genera fixtures/proteccion.json desde ../shared/reference/proteccion.yaml (refugio "
        "ante la COMAR, sus oficinas y otras instituciones) y dice qué cambió."
    )
    convertidor = proteccion
    fixture = FIXTURE
