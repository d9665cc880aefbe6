"""Sincronizar contenido: guardar solo lo que cambió, con el motivo en el historial, y decir qué.

Las cargas de contenido (trámites, ventanillas, catálogo de datos abiertos, fuentes) declaran qué
filas quieren y llaman a `Sincronizacion`; repetir una carga no toca nada ni agrega versiones al
historial. Lo que cuenta y lo que informa es igual para todas.
"""

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction

from config.traducciones import con_traducciones


@dataclass
class Informe:
    creados: Counter = field(default_factory=Counter)
    actualizados: Counter = field(default_factory=Counter)
    borrados: Counter = field(default_factory=Counter)
    detalles: list[str] = field(default_factory=list)
    # Filas leídas del archivo de origen, si la carga viene de uno.
    filas: int = 0

    @property
    def hubo_cambios(self) -> bool:
        return bool(self.creados or self.actualizados or self.borrados)

    def resumen(self) -> list[str]:
        modelos = sorted(set(self.creados) | set(self.actualizados) | set(self.borrados), key=str)
        return [
            f"{modelo}: {self.creados[modelo]} de alta, {self.actualizados[modelo]} con cambios, "
            f"{self.borrados[modelo]} de baja"
            for modelo in modelos
        ]


def nombre(modelo) -> str:
    return str(modelo._meta.verbose_name_plural)


def _normalizar(campo: models.Field, valor):
    """El valor como lo devuelve la base, para comparar sin falsos cambios (JSON → Decimal…)."""
    if valor is None:
        return None
    if isinstance(campo, models.DecimalField):
        return Decimal(str(valor))
    if isinstance(campo, models.DateField) and isinstance(valor, str):
        return date.fromisoformat(valor)
    if isinstance(campo, models.TimeField) and isinstance(valor, str):
        return time.fromisoformat(valor)
    return valor


class Sincronizacion:
    """Una carga: lleva el motivo que queda en el historial y el informe de lo que cambió.

    `traducciones`: conjunto de fixtures/traducciones/ del que salen las columnas por idioma de
    los textos en español (vacío si el contenido no se traduce).
    """

    def __init__(self, *, motivo: str = "", traducciones: str = ""):
        self.motivo = motivo
        self.traducciones = traducciones
        self.informe = Informe()

    def _valores(self, modelo, valores: dict) -> dict:
        if self.traducciones:
            valores = con_traducciones(modelo, valores, self.traducciones)
        campos = {campo.name: campo for campo in modelo._meta.concrete_fields}
        return {clave: _normalizar(campos[clave], v) for clave, v in valores.items()}

    def _guardar_objeto(self, objeto) -> None:
        # django-simple-history toma el motivo de este atributo (los modelos sin historial lo
        # ignoran).
        objeto._change_reason = self.motivo
        objeto.save()

    def guardar(self, modelo, buscar: dict, valores: dict, etiqueta: str = ""):
        """Crea o actualiza la fila de `buscar` solo si algo cambió; devuelve (objeto, cambió)."""
        valores = self._valores(modelo, valores)
        objeto = modelo.objects.filter(**buscar).first()
        if objeto is None:
            objeto = modelo(**buscar, **valores)
            self._guardar_objeto(objeto)
            self.informe.creados[nombre(modelo)] += 1
            if etiqueta:
                self.informe.detalles.append(f"+ {etiqueta}")
            return objeto, True
        distintos = [clave for clave, v in valores.items() if getattr(objeto, clave) != v]
        if not distintos:
            return objeto, False
        for clave in distintos:
            setattr(objeto, clave, valores[clave])
        self._guardar_objeto(objeto)
        self.informe.actualizados[nombre(modelo)] += 1
        if etiqueta:
            self.informe.detalles.append(f"~ {etiqueta}: {', '.join(distintos)}")
        return objeto, True

    def marcar_cambio(self, objeto) -> None:
        """Guarda de nuevo `objeto` (su fecha y su historial) porque cambió algo que depende de él."""
        self._guardar_objeto(objeto)

    def borrar(self, consulta, etiqueta: str = "") -> int:
        """Borra una por una (cada borrado queda en el historial con el motivo)."""
        borrados = 0
        for objeto in consulta:
            objeto._change_reason = self.motivo
            objeto.delete()
            borrados += 1
        if borrados:
            self.informe.borrados[nombre(consulta.model)] += borrados
            if etiqueta:
                self.informe.detalles.append(f"- {etiqueta}")
        return borrados

    def hijos_por_orden(self, modelo, padre: dict, filas: list[dict]) -> bool:
        """Filas hijas de `padre` emparejadas por su `orden`: cada una con su historial."""
        cambio = False
        for fila in filas:
            valores = {k: v for k, v in fila.items() if k != "orden"}
            _, cambio_fila = self.guardar(modelo, {**padre, "orden": fila["orden"]}, valores)
            cambio |= cambio_fila
        sobrantes = modelo.objects.filter(**padre).exclude(orden__in=[f["orden"] for f in filas])
        return bool(self.borrar(sobrantes)) or cambio

    def reemplazar_filas(self, modelo, padre: dict, filas: list[dict]) -> bool:
        """Filas hijas sin historial: si difieren en algo (en orden), se reemplazan en bloque."""
        nuevas = [self._valores(modelo, fila) for fila in filas]
        claves = list(nuevas[0]) if nuevas else []
        comparables = [
            {k: v.pk if isinstance(v, models.Model) else v for k, v in fila.items()}
            for fila in nuevas
        ]
        actuales = modelo.objects.filter(**padre)
        if claves and list(actuales.values(*claves)) == comparables:
            return False
        if not claves and not actuales.exists():
            return False
        borrados, _ = actuales.delete()
        if borrados:
            self.informe.borrados[nombre(modelo)] += borrados
        modelo.objects.bulk_create([modelo(**padre, **fila) for fila in nuevas])
        self.informe.creados[nombre(modelo)] += len(nuevas)
        return True

    def relacionar(self, objeto, campo: str, deseados) -> bool:
        """Deja la relación muchos a muchos `campo` con exactamente `deseados`, si difiere."""
        relacion = getattr(objeto, campo)
        deseados = set(deseados)
        if set(relacion.all()) == deseados:
            return False
        relacion.set(deseados)
        return True


class _Simulacion(Exception):
    """Deshace la transacción de una carga simulada."""


class OrdenDeCarga(BaseCommand):
    """Base de las órdenes `cargar_*`: lee el fixture, carga todo o nada y dice qué cambió.

    Cada app declara su fixture, el nombre de lo que carga y su función `cargar`.
    """

    fixture: Path
    contenido: str

    def leer(self, ruta: Path) -> dict:
        return json.loads(ruta.read_text(encoding="utf-8"))

    def cargar(self, datos: dict, *, motivo: str) -> Informe:
        raise NotImplementedError

    def add_arguments(self, parser):
        parser.add_argument("archivo", nargs="?", type=Path, default=self.fixture)
        parser.add_argument(
            "--simular", action="store_true", help="Muestra qué cambiaría sin guardar nada."
        )
        parser.add_argument(
            "--motivo",
            default="",
            help="Motivo que queda en el historial (por omisión, el archivo y la fecha de consulta).",
        )

    def handle(self, *args, archivo: Path, simular: bool, motivo: str, **opciones):
        try:
            datos = self.leer(archivo)
        except FileNotFoundError as error:
            raise CommandError(f"No existe {archivo}") from error
        motivo = motivo or (
            f"Carga desde {archivo.name} (fuentes consultadas el {datos['fecha_consulta']})"
        )
        try:
            with transaction.atomic():
                informe = self.cargar(datos, motivo=motivo)
                if simular:
                    raise _Simulacion
        except _Simulacion:
            self.stdout.write(self.style.WARNING("Simulación: no se guardó nada."))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        for linea in informe.detalles:
            self.stdout.write(linea)
        if not informe.hubo_cambios:
            self.stdout.write(self.style.SUCCESS(f"{self.contenido} al día: nada cambió."))
            return
        for linea in informe.resumen():
            self.stdout.write(linea)
        if not simular:
            self.stdout.write(self.style.SUCCESS(f"{self.contenido}: carga terminada."))
