from config.sincronizacion import OrdenDeCarga
from tramites import carga


class Command(OrdenDeCarga):
    help = (
        "Carga los trámites desde fixtures/tramites.json (o el archivo indicado). "
        "Solo guarda lo que cambió; repetirla no modifica nada."
    )
    fixture = carga.FIXTURE
    contenido = "Trámites"

    def cargar(self, datos, *, motivo):
        return carga.cargar(datos, motivo=motivo)
