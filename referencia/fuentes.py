"""Las fuentes que la referencia cita y el sitio nunca acepta (imitaciones de dominios oficiales,
proxies web) se quitan del fixture con un aviso; la carga las rechazaría de todos modos."""

from fuentes import clasificacion


def quitar_rechazadas(datos, avisos: list[str]):
    """Recorre el fixture y quita cada fuente rechazada: de las listas `fuentes` y de `fuente`."""
    if isinstance(datos, list):
        return [quitar_rechazadas(d, avisos) for d in datos]
    if not isinstance(datos, dict):
        return datos
    limpio = {}
    for clave, valor in datos.items():
        if clave == "fuentes" and isinstance(valor, list):
            valor = [url for url in valor if _aceptada(url, avisos)]
        elif clave == "fuente" and isinstance(valor, str) and valor:
            valor = valor if _aceptada(valor, avisos) else None
        else:
            valor = quitar_rechazadas(valor, avisos)
        limpio[clave] = valor
    return limpio


def _aceptada(url: str, avisos: list[str]) -> bool:
    motivo = clasificacion.motivo_de_rechazo(url)
    if motivo:
        avisos.append(f"Fuente quitada: {url} ({motivo}).")
    return motivo is None
