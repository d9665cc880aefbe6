"""Lectura de HTML para las pruebas: lo que una persona ve, no cómo está escrito."""

from bs4 import BeautifulSoup


def sopa(respuesta) -> BeautifulSoup:
    return BeautifulSoup(respuesta.content.decode(), "html.parser")


def texto(nodo) -> str:
    """Texto visible con los espacios normalizados."""
    return " ".join(nodo.get_text(" ").split())


def datos_formulario(formulario) -> dict:
    """Los valores que el navegador mandaría al enviar un <form> tal como está."""
    datos = {}
    for campo in formulario.find_all(["input", "select", "textarea"]):
        nombre = campo.get("name")
        if not nombre or campo.get("disabled") is not None:
            continue
        if campo.name == "select":
            elegidas = campo.find_all("option", selected=True)
            if campo.get("multiple") is not None:
                datos[nombre] = [o.get("value", o.text) for o in elegidas]
            elif elegidas:
                datos[nombre] = elegidas[0].get("value", elegidas[0].text)
            else:
                primera = campo.find("option")
                datos[nombre] = primera.get("value", "") if primera else ""
        elif campo.name == "textarea":
            datos[nombre] = campo.text.removeprefix("\n")
        elif campo.get("type") in ("checkbox", "radio"):
            if campo.get("checked") is not None:
                datos[nombre] = campo.get("value", "on")
        elif campo.get("type") not in ("submit", "button", "image", "file"):
            datos[nombre] = campo.get("value", "")
    return datos
