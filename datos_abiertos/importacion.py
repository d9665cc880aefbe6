"""Importa los cuadros oficiales del Boletín (xls, xlsx o csv) a un conjunto de datos.

El formato es el de los cuadros de la UPMRIP (ver ../shared/reference/datos.md, sección 3): un
archivo por año; unas filas de título arriba; una fila de encabezados con los meses (Enero …
Diciembre, a veces abreviados) y a veces «Total»; desde 2021, bajo cada mes, subcolumnas
«Presentadas / Canalizadas / Subtotal» (se toma el subtotal); una fila por país, entidad,
sexo o grupo de edad, con filas de agregado intercaladas («Total general», «América»…) que se
descartan; y notas al pie. Puede haber varias columnas de rótulos antes de los meses (por
ejemplo entidad y nacionalidad), una por dimensión indicada.

Tres pasos, como la importación de seguimiento: `leer_tabla` (el archivo como tabla de texto),
`validar` (todo el cuadro: un archivo con cualquier error se rechaza entero, con la fila y la
columna de cada problema, y la base queda como estaba) y `guardar` (reemplaza los meses del año
en una transacción). Importar dos veces el mismo archivo no cambia nada.
"""

import csv
import functools
import io
import logging
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils import timezone
from openpyxl.utils import get_column_letter

from config import archivos
from datos_abiertos import almacen, catalogos
from datos_abiertos.models import ConjuntoDatos
from fuentes import clasificacion
from fuentes.models import Fuente

logger = logging.getLogger(__name__)

MESES = {
    "enero": 1,
    "febrero": 2,
    "marzo": 3,
    "abril": 4,
    "mayo": 5,
    "junio": 6,
    "julio": 7,
    "agosto": 8,
    "septiembre": 9,
    "setiembre": 9,
    "octubre": 10,
    "noviembre": 11,
    "diciembre": 12,
}
MESES_CORTOS = {nombre[:3]: numero for nombre, numero in MESES.items()}
NOMBRES_MES = {v: k for k, v in MESES.items() if k != "setiembre"}
FILAS_BUSQUEDA_ENCABEZADO = 15
MAX_ERRORES = 50
NOMBRES_DIMENSION = {
    "entidad": "la entidad federativa",
    "nacionalidad": "la nacionalidad",
    "sexo": "el sexo",
    "grupo_edad": "el grupo de edad",
    "categoria": "la categoría",
    "ventanilla": "la ventanilla",
}


class ImportacionInvalida(Exception):
    """El archivo no se puede importar; `errores` dice fila y columna de cada problema."""

    def __init__(self, errores: list[str]):
        self.errores = errores
        super().__init__("\n".join(errores))


@dataclass
class Resultado:
    archivo: str
    conjunto: str
    anio: int
    meses: list[int]
    filas_archivo: int
    observaciones: int
    descartadas: list[str] = field(default_factory=list)
    cambios: almacen.Cambios = field(default_factory=almacen.Cambios)


def _mes_de(texto) -> int | None:
    clave = catalogos.normalizar(texto)
    if clave in MESES:
        return MESES[clave]
    clave = clave.rstrip(" p").strip()  # «Enero p/» (preliminar)
    if clave in MESES:
        return MESES[clave]
    return MESES_CORTOS.get(clave[:3]) if len(clave) == 3 else None


def _celda(columna: int) -> str:
    return get_column_letter(columna + 1)


def leer_tabla(ruta: Path, hoja: str | int = 0) -> pd.DataFrame:
    """El archivo como tabla de texto sin interpretar (sin encabezados)."""
    sufijo = ruta.suffix.lower()
    if sufijo in (".csv", ".xls", ".xlsx") and (error := archivos.problema(ruta)):
        raise ImportacionInvalida([error])
    if sufijo == ".csv":
        return _leer_csv(ruta)
    if sufijo in (".xls", ".xlsx"):
        motor = "xlrd" if sufijo == ".xls" else "openpyxl"
        try:
            with warnings.catch_warnings():
                # pandas anuncia que dejará xlrd; mientras tanto es el lector de Excel 97-2003.
                warnings.filterwarnings("ignore", message="The xlrd engine is deprecated")
                return pd.read_excel(ruta, header=None, dtype=object, sheet_name=hoja, engine=motor)
        except ValueError as error:
            raise ImportacionInvalida(
                [f"No se pudo leer la hoja «{hoja}» de {ruta.name}: {error}"]
            ) from error
        except Exception as error:  # archivo dañado: xlrd/openpyxl tienen sus propias excepciones
            raise ImportacionInvalida(
                [f"{ruta.name} no es un archivo de Excel legible: {error}"]
            ) from error
    raise ImportacionInvalida(
        [f"{ruta.name}: formato no admitido; use .xls, .xlsx o .csv (un archivo por año)."]
    )


def _leer_csv(ruta: Path) -> pd.DataFrame:
    """CSV en UTF-8 o Latin-1, separado por comas, punto y coma o tabuladores.

    Las filas pueden tener distinto número de celdas (un título de una sola celda sobre una
    tabla de quince columnas, como lo guarda Excel): se completan con celdas vacías.
    """
    datos = ruta.read_bytes()
    try:
        texto = datos.decode("utf-8-sig")
    except UnicodeDecodeError:
        texto = datos.decode("latin-1")
    # El separador es el que da la fila más ancha al principio (la de los meses); el título
    # puede traer comas, así que no basta con contar caracteres.
    inicio = texto[:20_000].splitlines()[:50]
    separador = max(
        ",;\t",
        key=lambda s: max((len(f) for f in csv.reader(inicio, delimiter=s)), default=0),
    )
    filas = list(csv.reader(io.StringIO(texto, newline=""), delimiter=separador))
    ancho = max((len(f) for f in filas), default=0)
    return pd.DataFrame([f + [""] * (ancho - len(f)) for f in filas], dtype=str)


def _texto(valor) -> str:
    if valor is None or (isinstance(valor, float) and np.isnan(valor)):
        return ""
    if isinstance(valor, float) and valor.is_integer():
        return str(int(valor))
    return str(valor).strip()


@dataclass
class Encabezado:
    fila: int  # índice de la primera fila de datos
    rotulos: list[int]  # columnas de rótulos (una por dimensión)
    meses: dict  # mes → columna
    total: int | None


def encontrar_encabezado(tabla: pd.DataFrame, dimensiones: int) -> Encabezado:
    """La fila con los nombres de los meses y, si hay subcolumnas, la columna «Subtotal»."""
    errores = []
    for fila in range(min(FILAS_BUSQUEDA_ENCABEZADO, len(tabla))):
        textos = [_texto(v) for v in tabla.iloc[fila].tolist()]
        meses_fila = {c: _mes_de(t) for c, t in enumerate(textos) if t and _mes_de(t)}
        if 1 not in meses_fila.values():
            continue
        primera = min(c for c, m in meses_fila.items() if m == 1)
        siguiente = (
            [_texto(v) for v in tabla.iloc[fila + 1].tolist()] if fila + 1 < len(tabla) else []
        )
        subtotales = [c for c, t in enumerate(siguiente) if "subtotal" in catalogos.normalizar(t)]
        meses, total = {}, None
        if subtotales:
            # Desde 2021: el mes ocupa varias celdas combinadas; se toma su columna «Subtotal».
            mes_actual = None
            for c, t in enumerate(textos):
                if c < primera:
                    continue
                if t:
                    mes_actual = _mes_de(t) or (
                        "total" if catalogos.normalizar(t) == "total" else None
                    )
                if c in subtotales and mes_actual:
                    if mes_actual == "total":
                        total = c
                    else:
                        meses[mes_actual] = c
            inicio_datos = fila + 2
        else:
            for c, t in enumerate(textos):
                if c < primera or not t:
                    continue
                if _mes_de(t):
                    meses[_mes_de(t)] = c
                elif catalogos.normalizar(t) == "total":
                    total = c
            inicio_datos = fila + 1
        faltan = [m for m in range(1, max(meses) + 1) if m not in meses]
        if faltan:
            errores.append(
                f"Fila {fila + 1}: faltan las columnas de "
                + ", ".join(NOMBRES_MES[m] for m in faltan)
                + "; los meses deben ir seguidos desde enero."
            )
            break
        rotulos = list(range(primera - dimensiones, primera))
        if rotulos[0] < 0:
            errores.append(
                f"Fila {fila + 1}: antes de «Enero» debe haber {dimensiones} columna(s) de "
                "rótulos, una por dimensión."
            )
            break
        return Encabezado(fila=inicio_datos, rotulos=rotulos, meses=meses, total=total)
    raise ImportacionInvalida(
        errores
        or [
            f"No se encontró la fila de encabezados con los meses (Enero … Diciembre) en las "
            f"primeras {FILAS_BUSQUEDA_ENCABEZADO} filas."
        ]
    )


_NUMERO = re.compile(r"^-?\d+(\.0+)?$")


def _textos(serie: pd.Series) -> pd.Series:
    """La columna como texto limpio; una columna que ya es texto (CSV) no pasa celda a celda."""
    if serie.map(type).eq(str).all():
        return serie.str.strip()
    return serie.map(_texto)


def _numeros(serie: pd.Series, textos: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """(valores enteros, máscara de celdas que no son un entero válido). Vacío y «-» valen 0."""
    textos = _textos(serie) if textos is None else textos
    texto = textos.str.replace(",", "", regex=False).str.replace(" ", "", regex=False)
    texto = texto.where(~texto.isin(["", "-", "—", "–"]), "0")
    validos = texto.str.match(_NUMERO)
    valores = pd.to_numeric(texto.where(validos, "0"), errors="coerce").fillna(0)
    return valores.astype(np.int64), ~validos


@dataclass
class Cuadro:
    """Un cuadro ya validado: los códigos de cada fila de datos y sus cifras mes por mes."""

    meses: list[int]
    # Una tupla por fila, en el orden de las dimensiones de las columnas de rótulos.
    codigos: list[tuple[str, ...]]
    # Una fila por elemento de `codigos`, una columna por elemento de `meses`.
    valores: np.ndarray
    descartadas: list[str] = field(default_factory=list)


def importar(
    ruta: Path,
    *,
    conjunto: ConjuntoDatos,
    anio: int,
    dimensiones: list[str],
    indicador: str | None = None,
    categoria: str = "",
    fuente_url: str = "",
    hoja: str | int = 0,
    avance: Callable[[int], None] | None = None,
) -> Resultado:
    """Lee y valida el archivo y reemplaza con él los meses que trae del año. Atómico."""
    ruta = Path(ruta)
    if not ruta.exists():
        raise ImportacionInvalida([f"No existe el archivo {ruta}."])
    errores = _validar_argumentos(conjunto, anio, dimensiones, indicador, categoria)
    fuente_url = fuente_url or catalogos.leer_fixture()["url_cifras_oficiales"]
    if motivo := clasificacion.motivo_de_rechazo(fuente_url):
        errores.append(f"No se acepta {fuente_url} como fuente: {motivo}.")
    if errores:
        raise ImportacionInvalida(errores)
    indicador = indicador or conjunto.indicadores[0][0]
    cuadro = validar(leer_tabla(ruta, hoja), conjunto=conjunto, dimensiones=dimensiones)
    cambios = guardar(
        cuadro,
        conjunto=conjunto,
        anio=anio,
        dimensiones=dimensiones,
        indicador=indicador,
        categoria=categoria,
        fuente_url=fuente_url,
        archivo=ruta.name,
        avance=avance,
    )
    resultado = Resultado(
        archivo=ruta.name,
        conjunto=conjunto.slug,
        anio=anio,
        meses=cuadro.meses,
        filas_archivo=len(cuadro.codigos),
        observaciones=int((cuadro.valores > 0).sum()),
        descartadas=cuadro.descartadas,
        cambios=cambios,
    )
    logger.info("Importadas %s observaciones de %s", resultado.observaciones, ruta.name)
    return resultado


def validar(tabla: pd.DataFrame, *, conjunto: ConjuntoDatos, dimensiones: list[str]) -> Cuadro:
    """El cuadro con sus códigos y cifras; ImportacionInvalida con todos los errores si los hay."""
    encabezado = encontrar_encabezado(tabla, len(dimensiones))
    datos = tabla.iloc[encabezado.fila :]
    crudos = {mes: _textos(datos.iloc[:, columna]) for mes, columna in encabezado.meses.items()}
    errores: list[str] = []
    meses = _meses_publicados(encabezado, crudos, errores)
    codigos, descartadas = _codigos_de_filas(
        datos, encabezado, crudos, meses, conjunto, dimensiones, errores
    )
    validas = np.array([c is not None for c in codigos] + [False] * (len(datos) - len(codigos)))
    numeros = {mes: _numeros(datos.iloc[:, encabezado.meses[mes]], crudos[mes]) for mes in meses}
    errores += _cifras_malas(datos, encabezado, crudos, numeros, validas)
    if errores:
        if len(errores) > MAX_ERRORES:
            errores = [*errores[:MAX_ERRORES], f"… y {len(errores) - MAX_ERRORES} errores más."]
        raise ImportacionInvalida(errores)
    indices = np.flatnonzero(validas)
    if not len(indices):
        raise ImportacionInvalida(["El archivo no trae ninguna fila de datos reconocible."])
    return Cuadro(
        meses=meses,
        codigos=[codigos[i] for i in indices],
        valores=np.column_stack([numeros[m][0].to_numpy()[indices] for m in meses]),
        descartadas=descartadas,
    )


def _meses_publicados(encabezado: Encabezado, crudos: dict, errores: list[str]) -> list[int]:
    """De enero al último mes con alguna cifra (el año en curso deja vacíos los demás)."""
    publicados = [m for m in sorted(crudos) if (crudos[m] != "").any()]
    if not publicados:
        raise ImportacionInvalida(["El archivo no trae cifras en ningún mes."])
    ultimo = max(publicados)
    for mes in range(1, ultimo):
        if mes not in publicados:
            errores.append(
                f"Columna {_celda(encabezado.meses[mes])} ({NOMBRES_MES[mes]}): está vacía pero "
                f"hay cifras en meses posteriores; escriba 0 donde no hubo casos."
            )
    return list(range(1, ultimo + 1))


def _codigos_de_filas(
    datos, encabezado, crudos, meses, conjunto, dimensiones, errores
) -> tuple[list[tuple | None], list[str]]:
    """Los códigos de cada fila (None si no es de datos) y las filas descartadas.

    Las filas de agregado, los títulos de sección y las notas se descartan; un rótulo que no
    se reconoce en una fila con cifras, o una fila repetida, es un error.
    """
    conocidos: dict[tuple, str | None] = {}

    def reconocer(dimension, texto):
        if (dimension, texto) not in conocidos:
            conocidos[dimension, texto] = (
                catalogos.reconocer(conjunto, dimension, texto) if texto else None
            )
        return conocidos[dimension, texto]

    # Los rótulos se repiten miles de veces (cada país en cada entidad): se normalizan una vez.
    normalizar = functools.cache(catalogos.normalizar)
    vistos: dict[tuple, int] = {}
    codigos_filas: list[tuple | None] = []
    descartadas = []
    # Listas y un arreglo en vez de .iat por celda: con decenas de miles de filas, el acceso
    # celda a celda de pandas era la mitad del tiempo de la importación.
    rotulos = [_textos(datos.iloc[:, c]).tolist() for c in encabezado.rotulos]
    textos_filas = list(zip(*rotulos, strict=True))
    filas_con_cifras = np.column_stack([(crudos[m] != "").to_numpy() for m in meses]).any(axis=1)
    for posicion in range(len(datos)):
        numero_fila = encabezado.fila + posicion + 1
        textos = list(textos_filas[posicion])
        con_cifras = bool(filas_con_cifras[posicion])
        if not any(textos) and not con_cifras:
            codigos_filas.append(None)
            continue
        ultimo_rotulo = normalizar(textos[-1])
        if (
            ultimo_rotulo in catalogos.FILAS_AGREGADAS
            or ultimo_rotulo.startswith("total")
            or any(normalizar(t) in catalogos.FILAS_AGREGADAS for t in textos if t)
        ):
            descartadas.append(f"Fila {numero_fila}: «{textos[-1]}» (agregado)")
            codigos_filas.append(None)
            continue
        codigos = [
            reconocer(dimension, texto)
            for dimension, texto in zip(dimensiones, textos, strict=True)
        ]
        if None in codigos:
            if not con_cifras:
                # Título de sección o nota al pie: sin cifras y sin un rótulo conocido.
                descartadas.append(
                    f"Fila {numero_fila}: «{' '.join(t for t in textos if t)}» (sin cifras)"
                )
            else:
                for dimension, texto, codigo, columna in zip(
                    dimensiones, textos, codigos, encabezado.rotulos, strict=True
                ):
                    if codigo is None:
                        errores.append(
                            f"Fila {numero_fila}, columna {_celda(columna)}: no se reconoce "
                            f"{NOMBRES_DIMENSION[dimension]} «{texto}»."
                        )
            codigos_filas.append(None)
            continue
        clave = tuple(codigos)
        if clave in vistos:
            errores.append(
                f"Fila {numero_fila}, columna {_celda(encabezado.rotulos[-1])}: «{textos[-1]}» "
                f"repite la fila {vistos[clave]} ({', '.join(clave)})."
            )
        vistos[clave] = numero_fila
        codigos_filas.append(clave)
        if len(errores) >= MAX_ERRORES:
            break
    return codigos_filas, descartadas


def _cifras_malas(datos, encabezado, crudos, numeros, validas) -> list[str]:
    """Celdas que no son un entero de 0 en adelante y totales que no suman, en orden de lectura."""
    # (fila, columna, mensaje) de cada celda mala, para darlas en orden de lectura.
    celdas_malas = []
    con_malas = np.zeros(len(datos), dtype=bool)
    for mes, (valores, malos) in numeros.items():
        columna = encabezado.meses[mes]
        mala = validas & malos.to_numpy()
        con_malas |= mala
        for posicion in np.flatnonzero(mala):
            celdas_malas.append(
                (
                    posicion,
                    columna,
                    f"Fila {encabezado.fila + posicion + 1}, columna {_celda(columna)} "
                    f"({NOMBRES_MES[mes]}): «{crudos[mes].iat[posicion]}» no es un número entero "
                    f"de casos.",
                )
            )
        negativa = validas & (valores.to_numpy() < 0)
        con_malas |= negativa
        for posicion in np.flatnonzero(negativa):
            celdas_malas.append(
                (
                    posicion,
                    columna,
                    f"Fila {encabezado.fila + posicion + 1}, columna {_celda(columna)} "
                    f"({NOMBRES_MES[mes]}): {valores.iat[posicion]} es negativo; escriba el "
                    f"número de casos (0 o más).",
                )
            )
    if encabezado.total is not None:
        total, malos_total = _numeros(datos.iloc[:, encabezado.total])
        suma = sum(valores for valores, _malos in numeros.values())
        crudo_total = datos.iloc[:, encabezado.total].map(_texto)
        # Si un mes está mal, la suma no dice nada: basta con el error de esa celda.
        distintos = (
            validas
            & ~con_malas
            & (crudo_total != "").to_numpy()
            & (malos_total.to_numpy() | (total.to_numpy() != suma.to_numpy()))
        )
        for posicion in np.flatnonzero(distintos):
            celdas_malas.append(
                (
                    posicion,
                    encabezado.total,
                    f"Fila {encabezado.fila + posicion + 1}, columna {_celda(encabezado.total)} "
                    f"(Total): dice «{crudo_total.iat[posicion]}» pero los meses suman "
                    f"{int(suma.iat[posicion]):,}.",
                )
            )
    return [mensaje for _f, _c, mensaje in sorted(celdas_malas)]


def guardar(
    cuadro: Cuadro,
    *,
    conjunto: ConjuntoDatos,
    anio: int,
    dimensiones: list[str],
    indicador: str,
    categoria: str,
    fuente_url: str,
    archivo: str,
    avance: Callable[[int], None] | None = None,
) -> almacen.Cambios:
    """Reemplaza con el cuadro los meses que trae del año (y esa categoría, si es fija)."""
    with transaction.atomic():
        fuente, _creada = Fuente.objects.get_or_create(
            url=fuente_url,
            defaults={
                "titulo": f"Cuadro oficial importado de {archivo}",
                "fecha_consulta": timezone.localdate(),
            },
        )
        return almacen.reemplazar(
            conjunto=conjunto,
            filas=_observaciones(
                cuadro,
                anio=anio,
                dimensiones=dimensiones,
                indicador=indicador,
                categoria=categoria,
                fuente_id=fuente.pk,
            ),
            alcance=almacen.Alcance(
                desde=date(anio, 1, 1),
                hasta=date(anio, max(cuadro.meses), 1),
                indicadores=(indicador,),
                categorias=(categoria,) if categoria else None,
                descarta_muestra=True,
            ),
            avance=avance,
        )


def _observaciones(
    cuadro: Cuadro, *, anio: int, dimensiones: list[str], indicador: str, categoria: str, fuente_id
) -> Iterator[almacen.FilaObservacion]:
    """Una fila por celda distinta de cero (formato largo); los ceros no se guardan."""
    celdas = [dict(zip(dimensiones, codigos, strict=True)) for codigos in cuadro.codigos]
    if categoria:
        for celda in celdas:
            celda["categoria"] = categoria
    # Mes por mes: así las filas llegan casi en el orden del índice único (periodo primero).
    for k, mes in enumerate(cuadro.meses):
        periodo = date(anio, mes, 1)
        for celda, valor in zip(celdas, cuadro.valores[:, k].tolist(), strict=True):
            if valor:
                yield almacen.FilaObservacion(
                    periodo=periodo,
                    indicador=indicador,
                    valor=valor,
                    fuente_id=fuente_id,
                    **celda,
                )


def _validar_argumentos(conjunto, anio, dimensiones, indicador, categoria) -> list[str]:
    errores = []
    if not 2000 <= anio <= 2100:
        errores.append(f"Año {anio} fuera de rango: escriba el año del cuadro, p. ej. 2023.")
    if not dimensiones:
        errores.append("Indique al menos una dimensión para las columnas de rótulos.")
    for dimension in dimensiones:
        if dimension not in conjunto.dimensiones:
            errores.append(
                f"El conjunto {conjunto.slug} no tiene la dimensión «{dimension}»; tiene: "
                f"{', '.join(conjunto.dimensiones)}."
            )
    if len(set(dimensiones)) != len(dimensiones):
        errores.append("Una dimensión aparece dos veces.")
    codigos_indicador = [c for c, *_r in conjunto.indicadores]
    if indicador and indicador not in codigos_indicador:
        errores.append(
            f"«{indicador}» no es un indicador de {conjunto.slug}; use uno de: "
            f"{', '.join(codigos_indicador)}."
        )
    if not indicador and len(codigos_indicador) > 1:
        errores.append(
            f"{conjunto.slug} tiene varios indicadores: indique cuál trae el archivo con "
            f"--indicador ({', '.join(codigos_indicador)})."
        )
    if categoria:
        if "categoria" in dimensiones:
            errores.append("La categoría no puede ser a la vez fija y una columna del archivo.")
        permitidas = [c for c, *_r in (conjunto.categoria or {}).get("valores", [])]
        if categoria not in permitidas:
            errores.append(
                f"«{categoria}» no es una opción de {conjunto.columna_categoria} en "
                f"{conjunto.slug}; use una de: {', '.join(permitidas)}."
            )
    return errores
