"""Ayuda común de las pruebas de contenido traducido (fichas y ventanillas)."""

from config.traducciones import leer


def textos_sin_traduccion(conjunto: str, idioma: str, objetos) -> list[str]:
    """Textos en español de `objetos` [(dict del fixture, campos traducibles)] sin traducción."""
    traducciones = leer(conjunto, idioma)
    return [
        objeto[campo]
        for objeto, campos in objetos
        for campo in campos
        if objeto.get(campo) and objeto[campo] not in traducciones
    ]
