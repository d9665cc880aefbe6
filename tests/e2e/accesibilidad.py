"""Revisión automática de accesibilidad con axe-core (vendido en tests/e2e/vendor/)."""

from pathlib import Path

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
# WCAG 2.0, 2.1 y 2.2 niveles A y AA.
ETIQUETAS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def violaciones(pagina) -> list[dict]:
    """Las violaciones de axe en la página cargada, resumidas para un mensaje de error."""
    # Por el protocolo de depuración, no como <script>: la CSP del sitio bloquea los scripts en
    # línea, y así axe revisa la página con su política puesta.
    pagina.evaluate(AXE)
    resultado = pagina.evaluate(
        "async (etiquetas) => await axe.run(document, {runOnly: {type: 'tag', values: etiquetas}})",
        ETIQUETAS,
    )
    return [
        {
            "regla": v["id"],
            "impacto": v["impact"],
            "ayuda": v["help"],
            "nodos": [n["target"] for n in v["nodes"]][:5],
        }
        for v in resultado["violations"]
    ]
