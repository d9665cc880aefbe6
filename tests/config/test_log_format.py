import json
import logging

from django.test import RequestFactory

from config.log_format import JSONFormatter


def _registro(mensaje, *args, **extra):
    registro = logging.makeLogRecord(
        {
            "name": "prueba",
            "levelno": logging.INFO,
            "levelname": "INFO",
            "msg": mensaje,
            "args": args,
        }
    )
    for clave, valor in extra.items():
        setattr(registro, clave, valor)
    return registro


def test_cada_evento_es_una_linea_de_json_con_su_contexto():
    linea = JSONFormatter().format(
        _registro("Importadas %s filas de %s", 120, "cuadro.xls", filas=120)
    )
    assert "\n" not in linea
    evento = json.loads(linea)
    assert evento["message"] == "Importadas 120 filas de cuadro.xls"
    assert evento["level"] == "INFO"
    assert evento["filas"] == 120


def test_de_la_peticion_solo_registra_metodo_y_ruta_sin_consulta():
    peticion = RequestFactory().get("/tramites/buscar/", {"q": "mi nombre completo"})
    evento = json.loads(JSONFormatter().format(_registro("Algo", request=peticion)))
    assert evento["path"] == "/tramites/buscar/"
    assert evento["method"] == "GET"
    assert "mi nombre" not in json.dumps(evento)
