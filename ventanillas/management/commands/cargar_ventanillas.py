from config.sincronizacion import OrdenDeCarga
from ventanillas import carga


class Command(OrdenDeCarga):
    help = (
        "Carga las ventanillas y oficinas desde fixtures/ventanillas.json (o el archivo "
        "indicado), con los estados y municipios del INEGI. Solo guarda lo que cambió."
    )
    fixture = carga.FIXTURE
    contenido = "Ventanillas y oficinas"

    def cargar(self, datos, *, motivo):
        return carga.cargar(datos, motivo=motivo)
