from config.sincronizacion import OrdenDeCarga
from ventanillas import carga_proteccion


class Command(OrdenDeCarga):
    help = (
        "Carga el refugio ante la COMAR, sus oficinas y otras instituciones desde "
        "fixtures/proteccion.json (o el archivo indicado). Solo guarda lo que cambió; "
        "corra antes cargar_ventanillas (los estados)."
    )
    fixture = carga_proteccion.FIXTURE
    contenido = "Protección internacional e instituciones"

    def cargar(self, datos, *, motivo):
        return carga_proteccion.cargar(datos, motivo=motivo)
