"""Contraseñas de seguimiento: generarlas, guardarlas cifradas y comprobarlas en tiempo constante."""

import secrets
from functools import cache

from django.contrib.auth.hashers import check_password, make_password

from seguimiento.hashers import ContrasenaTramiteHasher

# Sin 0/O, 1/I/L ni 5/S: se dictan por teléfono y se copian de un papel sin confundirse.
ALFABETO = "ABCDEFGHJKMNPQRTUVWXYZ2346789"
GRUPOS = 3
POR_GRUPO = 4
LONGITUD_MINIMA = 12

HASHER = ContrasenaTramiteHasher()


def generar() -> str:
    """Contraseña al azar como «K7QM-2XPA-9RTB» (12 caracteres útiles, ≈ 58 bits)."""
    return "-".join(
        "".join(secrets.choice(ALFABETO) for _ in range(POR_GRUPO)) for _ in range(GRUPOS)
    )


def cifrar(contrasena: str) -> str:
    return make_password(contrasena, hasher=HASHER)


@cache
def _cifrado_senuelo() -> str:
    """Un cifrado de algo que nadie conoce, para gastar el mismo tiempo cuando no hay solicitud."""
    return cifrar(secrets.token_urlsafe(24))


def verificar(contrasena: str, cifrado: str | None) -> bool:
    """¿Corresponde la contraseña? Tarda lo mismo exista o no la solicitud (`cifrado` None)."""
    if cifrado is None:
        check_password(contrasena, _cifrado_senuelo(), preferred=HASHER)
        return False
    return check_password(contrasena, cifrado, preferred=HASHER)
