"""Lo que una función manda a la base, sin el control de las transacciones."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

# BEGIN/COMMIT los anota Django según la base; los SAVEPOINT, según la prueba corra o no dentro
# de una transacción: ninguno es trabajo de la página.
CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def sentencias(funcion):
    """(lo que devuelve `funcion`, las sentencias que mandó, sin BEGIN, SAVEPOINT…)."""
    with CaptureQueriesContext(connection) as capturadas:
        resultado = funcion()
    todas = [q["sql"].strip() for q in capturadas.captured_queries]
    return resultado, [s for s in todas if not s.upper().startswith(CONTROL)]
