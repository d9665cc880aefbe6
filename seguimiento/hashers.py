"""Cifrado de las contraseñas de seguimiento: PBKDF2-SHA256 con 1,000 iteraciones.

No es el cifrado de las cuentas del personal (ese sigue siendo el de Django, con un millón de
iteraciones). Estas contraseñas no las elige una persona: las genera la oficina al azar (12
caracteres de un alfabeto de 29, ≈ 58 bits; la importación rechaza las de menos de 12), así que
no hay diccionario que probar. Con 1,000 iteraciones, adivinar una sola a partir de una copia
robada de la base costaría del orden de 2^58 × 1,000 cálculos de SHA-256 (años de GPU), y en
línea los límites de intentos dejan 5 cada 15 minutos. A cambio, una consulta cuesta menos de
1 ms en lugar de 0.7 s, y el sitio aguanta muchas consultas a la vez (docs/seguimiento.md).
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class ContrasenaTramiteHasher(PBKDF2PasswordHasher):
    algorithm = "pbkdf2_sha256_tramite"
    iterations = 1_000
