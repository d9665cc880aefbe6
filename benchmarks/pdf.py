"""PDF de la solicitud (estancia y visa por oferta de empleo) y del escrito: render directo de WeasyPrint contra plantilla + estampado.

    .venv/bin/python benchmarks/pdf.py [--lentos 10] [--rapidos 200]

En una base SQLite temporal carga los trámites y mide, en el mismo proceso y la misma corrida,
los milisegundos por documento del camino directo (WeasyPrint dibuja todo con los valores) y del
camino que usa el sitio (plantilla en blanco en caché + valores estampados). Imprime p50 de cada
uno, la razón y cuánto difieren las dos versiones como imagen y como texto.
Meta: el camino del sitio ≥ 10× más rápido y p50 < 40 ms.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
# La raíz va primero: benchmarks/ tiene scripts con nombres de apps (seguimiento.py, ventanillas.py).
sys.path.insert(0, str(RAIZ / "benchmarks"))
sys.path.insert(0, str(RAIZ))

from comun import entorno  # noqa: E402


def _medir(funcion, veces: int) -> list[float]:
    tiempos = []
    for _ in range(veces):
        inicio = time.perf_counter()
        funcion()
        tiempos.append((time.perf_counter() - inicio) * 1000)
    return tiempos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lentos", type=int, default=10)
    parser.add_argument("--rapidos", type=int, default=200)
    args = parser.parse_args()

    temporal = Path(tempfile.mkdtemp(prefix="bench-pdf-"))
    os.environ.update(
        entorno(SQLITE_PATH=str(temporal / "bench.sqlite3"), STATIC_ROOT=str(temporal / "static"))
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import translation
    from PIL import ImageChops

    from tests.pdf import imagenes, texto_pdf
    from tests.tramites.test_documentos import datos_escrito, datos_solicitud
    from tramites import documentos, estampado, pdf
    from tramites.escritos import ESCRITOS, valores_escrito
    from tramites.models import Tramite
    from tramites.solicitudes import SolicitudForm

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("cargar_tramites", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    tramite = Tramite.objects.con_detalle().get(slug="permiso-para-trabajar")
    modalidad = tramite.modalidades.get(slug="con-empleador")
    formulario = SolicitudForm(datos_solicitud(), tramite=tramite)
    assert formulario.is_valid()
    with translation.override("es-mx"):
        contexto_solicitud = documentos.contexto_solicitud(
            tramite=tramite,
            modalidad=modalidad,
            declaracion=formulario.declaracion,
            sitio="https://tramites.example.org",
        )
    aviso = Tramite.objects.con_detalle().get(slug="notificacion-cambio-domicilio")
    tipo = ESCRITOS[aviso.slug]
    formulario_escrito = tipo.formulario(datos_escrito())
    assert formulario_escrito.is_valid()
    with translation.override("es-mx"):
        contexto_escrito = documentos.contexto_escrito(
            tramite=aviso, tipo=tipo, sitio="https://tramites.example.org"
        )

    # La solicitud de la visa por oferta de empleo: otra declaración (empleador y extranjero).
    from tests.tramites.test_solicitudes import datos_oferta

    visa = Tramite.objects.con_detalle().get(slug="visa-oferta-de-empleo")
    formulario_visa = SolicitudForm(datos_oferta(), tramite=visa)
    assert formulario_visa.is_valid(), formulario_visa.errors
    with translation.override("es-mx"):
        contexto_visa = documentos.contexto_solicitud(
            tramite=visa,
            modalidad=visa.modalidades.get(slug="residente-temporal"),
            declaracion=formulario_visa.declaracion,
            sitio="https://tramites.example.org",
        )

    casos = {
        "visa": ("documentos/solicitud.html", contexto_visa, formulario_visa.valores()),
        "solicitud": (
            "documentos/solicitud.html",
            contexto_solicitud,
            formulario.valores(),
        ),
        "escrito": (
            "documentos/escrito.html",
            contexto_escrito,
            valores_escrito(tipo, formulario_escrito),
        ),
    }
    print(
        f"{'documento':10} {'directo p50':>12} {'sitio p50':>10} {'razón':>7} {'píxeles distintos':>18} texto"
    )
    fallas = []
    with translation.override("es-mx"):
        for nombre, (plantilla, extra, valores) in casos.items():
            contexto = {
                "sitio": "https://tramites.example.org",
                "generado": documentos._hoy(),
                "hueco": estampado.ESPACIO_CERO,
                "idioma": "es-mx",
                **extra,
            }

            def directo(plantilla=plantilla, contexto=contexto, valores=valores):
                return pdf.generar_directo(plantilla, contexto, valores)

            def sitio(plantilla=plantilla, contexto=contexto, valores=valores, nombre=nombre):
                return estampado.generar(
                    clave=(nombre,), plantilla=plantilla, contexto=contexto, valores=valores
                )

            sitio()  # la primera vez prepara la plantilla en blanco
            lento = statistics.median(_medir(directo, args.lentos))
            rapido = statistics.median(_medir(sitio, args.rapidos))
            a, b = directo(), sitio()
            distintos = max(
                ImageChops.difference(x, y).point(lambda v: 255 if v > 96 else 0).histogram()[255]
                / (x.width * x.height)
                for x, y in zip(imagenes(a), imagenes(b), strict=True)
            )
            mismo_texto = texto_pdf(a) == texto_pdf(b)
            razon = lento / rapido
            print(
                f"{nombre:10} {lento:10.1f} ms {rapido:7.2f} ms {razon:6.0f}× "
                f"{distintos * 100:16.3f} % {'igual' if mismo_texto else 'DISTINTO'}"
            )
            if razon < 10 or rapido >= 40 or not mismo_texto:
                fallas.append(nombre)
    print("\nMetas cumplidas." if not fallas else f"\nMetas NO cumplidas en: {', '.join(fallas)}")


if __name__ == "__main__":
    main()
