"""Herramientas de construcción: convierten ../shared/reference (YAML) en los fixtures del sitio.

Solo las usan las órdenes `generar_fixture_*` y las pruebas; el sitio en marcha nunca las importa
(contrato de import-linter en pyproject.toml): carga los fixtures ya revisados de fixtures/.
"""
