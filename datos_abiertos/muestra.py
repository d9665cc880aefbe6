"""Datos de muestra: series mensuales desde 2010 que suman exactamente las cifras publicadas.

Mientras no se importen los archivos mensuales oficiales, cada conjunto se llena con datos de
muestra (marcados `es_muestra`) hechos así, siempre igual para la misma semilla:

1. Cada serie (un indicador, y una categoría o ventanilla si el conjunto se publica así) toma,
   por año, sus cifras conocidas de `CifraPublicada` (las marcadas «usada en la muestra»):
   acumuladas desde enero (enero–abril, primer semestre, año completo) o de un solo mes.
   Cada tramo entre dos cifras se reparte por mes con pesos al azar y redondeo de mayor
   residuo, de modo que la suma del tramo es exacta.
2. Los meses sin cifra siguen el ritmo de la última cifra del año; los años sin cifras toman un
   nivel interpolado entre los años conocidos (o el nivel de muestra del conjunto) con ±8 %.
3. Los desgloses anuales conocidos (sexo, grupo de edad, principales nacionalidades) se cruzan
   entre sí y con los meses en tablas de márgenes exactos: cada total publicado se conserva.
4. Las demás dimensiones (entidad, nacionalidad…) se reparten al azar en unas pocas celdas por
   mes (`celdas_por_mes` × `escala`); las celdas en cero no se guardan.
"""

import hashlib
import json
import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from datos_abiertos import almacen, catalogos
from datos_abiertos.catalogo import mes
from datos_abiertos.models import CifraPublicada, ConjuntoDatos, Observacion

# Cambia si cambia el algoritmo: obliga a regenerar las muestras ya guardadas.
VERSION_GENERADOR = 1
SEMILLA = 2010
INICIO = date(2010, 1, 1)
COMODIN = "*"  # «las demás nacionalidades» en un desglose parcial


def ultimo_mes_publicado(hoy: date) -> date:
    """El Boletín publica el mes M hacia el día 7 del mes M+2."""
    atras = 2 if hoy.day >= 7 else 3
    indice = hoy.year * 12 + hoy.month - 1 - atras
    return date(indice // 12, indice % 12 + 1, 1)


def repartir(total: int, pesos) -> np.ndarray:
    """`total` en enteros proporcionales a `pesos` (mayor residuo): la suma es exacta."""
    pesos = np.asarray(pesos, dtype=float)
    resultado = np.zeros(len(pesos), dtype=np.int64)
    if total <= 0 or len(pesos) == 0:
        return resultado
    suma = pesos.sum()
    if suma <= 0:
        pesos, suma = np.ones(len(pesos)), float(len(pesos))
    bruto = total * pesos / suma
    resultado = np.floor(bruto).astype(np.int64)
    faltan = int(total - resultado.sum())
    if faltan:
        resultado[np.argsort(-(bruto - resultado), kind="stable")[:faltan]] += 1
    return resultado


def tabla_con_margenes(filas, columnas, rng) -> np.ndarray:
    """Tabla de enteros no negativos cuyas sumas por fila y por columna son exactamente las dadas."""
    filas = np.asarray(filas, dtype=np.int64)
    restantes = np.asarray(columnas, dtype=np.int64).copy()
    if filas.sum() != restantes.sum():
        raise ValueError(f"Márgenes distintos: {filas.sum()} ≠ {restantes.sum()}")
    tabla = np.zeros((len(filas), len(restantes)), dtype=np.int64)
    for i, total in enumerate(filas):
        if i == len(filas) - 1:
            tabla[i] = restantes
            break
        # Proporcional a lo que queda en cada columna, con algo de azar, sin pasarse de nada.
        fila = np.minimum(
            repartir(total, restantes * rng.uniform(0.8, 1.2, len(restantes))), restantes
        )
        falta = int(total - fila.sum())
        if falta:
            fila += repartir(falta, restantes - fila)
        tabla[i] = fila
        restantes -= fila
    return tabla


@dataclass
class Serie:
    clave: str
    indicador: str
    categoria: str = ""
    ventanilla: str = ""
    entidad: str = ""
    desde: date = INICIO
    nivel_anual: float | None = None
    # anio → {mes: acumulado desde enero}
    acumuladas: dict = field(default_factory=lambda: defaultdict(dict))
    # anio → {mes: valor del mes}
    mensuales: dict = field(default_factory=lambda: defaultdict(dict))
    # anio → [(último mes, dimensión, {código: valor})]
    margenes: dict = field(default_factory=lambda: defaultdict(list))

    def anualizado(self, anio: int) -> float | None:
        if self.acumuladas.get(anio):
            ultimo = max(self.acumuladas[anio])
            return self.acumuladas[anio][ultimo] * 12 / ultimo
        if self.mensuales.get(anio):
            return sum(self.mensuales[anio].values()) * 12 / len(self.mensuales[anio])
        return None


def _rng(semilla: int, *partes) -> np.random.Generator:
    return np.random.default_rng([semilla, *(zlib.crc32(str(p).encode()) for p in partes)])


def _series(conjunto: ConjuntoDatos, cifras: list[CifraPublicada]) -> list[Serie]:
    config = conjunto.muestra
    indicador = conjunto.indicadores[0][0]
    desde = mes(config.get("desde", "2010-01"))
    if config.get("ventanillas"):
        return [
            Serie(
                clave=slug,
                indicador=indicador,
                ventanilla=slug,
                entidad=entidad,
                desde=mes(inicio),
                nivel_anual=config["nivel_mensual_por_ventanilla"] * 12,
            )
            for slug, entidad, inicio, _nombre in config["ventanillas"]
        ]
    por_categoria = "niveles_categoria" in config or any(c.categoria for c in cifras)
    if por_categoria:
        niveles = config.get("niveles_categoria", {})
        series = [
            Serie(
                clave=codigo,
                indicador=indicador,
                categoria=codigo,
                desde=desde,
                nivel_anual=niveles.get(codigo),
            )
            for codigo, *_ in conjunto.categoria["valores"]
        ]
    else:
        series = [
            Serie(
                clave="total",
                indicador=indicador,
                desde=desde,
                nivel_anual=config.get("nivel_anual"),
            )
        ]
    por_clave = {s.categoria: s for s in series}
    for cifra in cifras:
        serie = por_clave.get(cifra.categoria)
        if serie is None or (cifra.indicador and cifra.indicador != indicador):
            continue
        anio = cifra.desde.year
        if cifra.hasta.year != anio:
            raise ValueError(f"Cifra que cruza años: {cifra}")
        if cifra.dimension:
            if cifra.desde.month != 1:
                raise ValueError(f"Desglose que no empieza en enero: {cifra}")
            margen = next(
                (m for m in serie.margenes[anio] if m[:2] == (cifra.hasta.month, cifra.dimension)),
                None,
            )
            if margen is None:
                margen = (cifra.hasta.month, cifra.dimension, {})
                serie.margenes[anio].append(margen)
            margen[2][cifra.codigo] = cifra.valor
        elif cifra.desde == cifra.hasta:
            serie.mensuales[anio][cifra.desde.month] = cifra.valor
        elif cifra.desde.month == 1:
            serie.acumuladas[anio][cifra.hasta.month] = cifra.valor
        else:
            raise ValueError(f"Periodo no admitido para la muestra: {cifra}")
    return series


def _nivel_anual(serie: Serie, anio: int, rng) -> float:
    conocidos = {a: serie.anualizado(a) for a in set(serie.acumuladas) | set(serie.mensuales)}
    conocidos = {a: v for a, v in conocidos.items() if v}
    if not conocidos:
        if serie.nivel_anual is None:
            raise ValueError(f"La serie {serie.clave} no tiene cifras ni nivel de muestra.")
        base = serie.nivel_anual
    else:
        anios = sorted(conocidos)
        base = float(np.interp(anio, anios, [conocidos[a] for a in anios]))
    return base * rng.uniform(0.92, 1.08)


def totales_mensuales(serie: Serie, anio: int, meses: list[int], rng) -> dict[int, int]:
    """Total de cada mes del año: exacto en los tramos con cifra publicada."""
    exactas = serie.mensuales.get(anio, {})
    acumuladas = serie.acumuladas.get(anio, {})
    pesos = rng.uniform(0.8, 1.2, 13)
    resultado = {m: v for m, v in exactas.items() if m in meses}
    anterior, acumulado = 0, 0
    for hasta in sorted(acumuladas):
        tramo = range(anterior + 1, hasta + 1)
        libres = [m for m in tramo if m not in exactas]
        resto = acumuladas[hasta] - acumulado - sum(exactas.get(m, 0) for m in tramo)
        if resto < 0 or (resto and not libres):
            raise ValueError(f"Cifras incompatibles en {serie.clave} {anio} hasta el mes {hasta}")
        for m, valor in zip(libres, repartir(resto, pesos[libres]), strict=True):
            resultado[m] = int(valor)
        anterior, acumulado = hasta, acumuladas[hasta]
    if acumuladas:
        ritmo = acumulado / anterior
    elif exactas:
        ritmo = sum(exactas.values()) / len(exactas)
    else:
        ritmo = _nivel_anual(serie, anio, rng) / 12
    for m in meses:
        if m not in resultado:
            resultado[m] = round(ritmo * pesos[m])
    return {m: resultado[m] for m in meses}


def _celdas_con_margenes(
    total: int, margenes: list[tuple[str, dict]], rng
) -> list[tuple[dict, int]]:
    """Cruza los desgloses conocidos: cada celda (sexo, edad…) con un valor; márgenes exactos."""
    celdas = [({}, total)]
    for dimension, valores in margenes:
        columnas = list(valores.items())
        tabla = tabla_con_margenes([v for _c, v in celdas], [v for _c, v in columnas], rng)
        celdas = [
            ({**celda, dimension: codigo}, int(tabla[i, j]))
            for i, (celda, _v) in enumerate(celdas)
            for j, (codigo, _w) in enumerate(columnas)
            if tabla[i, j] > 0
        ]
    return celdas


def _margenes_utiles(serie: Serie, anio: int, total: int) -> tuple[int, list]:
    """Los desgloses del año que suman el total de su periodo (el resto se ignora)."""
    if not serie.margenes.get(anio):
        return 0, []
    hasta = max(m[0] for m in serie.margenes[anio])
    utiles = []
    for mes_final, dimension, valores in serie.margenes[anio]:
        if mes_final != hasta:
            continue
        suma = sum(valores.values())
        if suma == total:
            utiles.append((dimension, dict(valores)))
        elif dimension == "nacionalidad" and suma < total:
            utiles.append((dimension, {**valores, COMODIN: total - suma}))
    return hasta, utiles


def _pesos(conjunto: ConjuntoDatos, dimension: str, espacio: list, rng) -> np.ndarray:
    """Peso de cada código al repartir al azar: la proporción publicada si se conoce.

    Sexo y edad toman la proporción de todos los desgloses publicados del conjunto (aunque no
    se usen como márgenes exactos); las nacionalidades nombradas, su parte del total del mismo
    periodo, y las demás se reparten lo que queda. Sin cifras, pesos al azar (semilla fija).
    """
    al_azar = rng.dirichlet(
        np.full(len(espacio), 0.8 if dimension in ("entidad", "nacionalidad") else 8)
    )
    conocidos = defaultdict(int)
    resto = 0
    for cifra in conjunto.cifras.filter(dimension=dimension):
        conocidos[cifra.codigo] += cifra.valor
    if not conocidos:
        return al_azar
    if dimension == "nacionalidad":
        totales = conjunto.cifras.filter(dimension="", categoria="")
        periodos = set(conjunto.cifras.filter(dimension=dimension).values_list("desde", "hasta"))
        total = sum(c.valor for c in totales if (c.desde, c.hasta) in periodos)
        resto = max(total - sum(conocidos.values()), 0)
    pesos = np.array([float(conocidos.get(codigo, 0)) for codigo in espacio])
    libres = pesos == 0
    if libres.any():
        parte_libre = resto if resto else pesos.sum() * 0.02
        pesos[libres] = parte_libre * al_azar[libres] / al_azar[libres].sum()
    return pesos / pesos.sum()


class _Azar:
    """Reparte un valor en unas cuantas combinaciones al azar de las dimensiones que faltan."""

    def __init__(self, conjunto: ConjuntoDatos, semilla: int, escala: int):
        self.conjunto = conjunto
        self.escala = escala
        fixture = catalogos.leer_fixture()
        nacionalidades = fixture["nacionalidades_muestra"]
        if escala > 1:
            nacionalidades = sorted(catalogos.codigos_nacionalidad() - {"XX", "ZZ"})
        self.espacios = {
            "entidad": list(catalogos.entidades()),
            "nacionalidad": nacionalidades,
            "sexo": conjunto.sexos,
            "grupo_edad": conjunto.grupos_edad,
            "categoria": [v[0] for v in (conjunto.categoria or {}).get("valores", [])],
        }
        self.pesos = {}
        for dimension, espacio in self.espacios.items():
            if espacio:
                rng = _rng(semilla, conjunto.slug, dimension)
                self.pesos[dimension] = _pesos(conjunto, dimension, espacio, rng)
        self.celdas = max(1, int(conjunto.muestra.get("celdas_por_mes", 1)) * escala)

    def repartir(
        self, valor: int, fijas: dict, libres: list[str], rng
    ) -> Iterator[tuple[dict, int]]:
        if not libres:
            yield fijas, valor
            return
        elegidas = []
        for dimension in libres:
            espacio, pesos = self.espacios[dimension], self.pesos[dimension]
            if dimension == "nacionalidad" and fijas.get("nacionalidad") == COMODIN:
                excluir = set(fijas.get("_nombradas", ()))
                indices = [i for i, c in enumerate(espacio) if c not in excluir]
                espacio = [espacio[i] for i in indices]
                pesos = pesos[indices]
            elegidas.append(
                (
                    dimension,
                    espacio,
                    rng.choice(len(espacio), size=self.celdas, p=pesos / pesos.sum()),
                )
            )
        valores = repartir(valor, rng.dirichlet(np.ones(self.celdas)))
        combinadas = defaultdict(int)
        for k in range(self.celdas):
            if valores[k]:
                combinadas[tuple(espacio[idx[k]] for _d, espacio, idx in elegidas)] += int(
                    valores[k]
                )
        base = {d: v for d, v in fijas.items() if not d.startswith("_")}
        for combinacion, cantidad in combinadas.items():
            celda = dict(base)
            for (dimension, _e, _i), codigo in zip(elegidas, combinacion, strict=True):
                celda[dimension] = codigo
            yield celda, cantidad


def generar(
    conjunto: ConjuntoDatos, *, hasta: date, semilla: int = SEMILLA, escala: int = 1
) -> Iterator[almacen.FilaObservacion]:
    """Las filas de muestra del conjunto, sin guardar."""
    cifras = list(conjunto.cifras.filter(usada_en_muestra=True))
    azar = _Azar(conjunto, semilla, escala)
    for serie in _series(conjunto, cifras):
        fijas_serie = {}
        if serie.categoria:
            fijas_serie["categoria"] = serie.categoria
        if serie.ventanilla:
            fijas_serie.update(ventanilla=serie.ventanilla, entidad=serie.entidad)
        for anio in range(serie.desde.year, hasta.year + 1):
            rng = _rng(semilla, conjunto.slug, serie.clave, anio)
            primero = serie.desde.month if anio == serie.desde.year else 1
            ultimo = hasta.month if anio == hasta.year else 12
            meses = list(range(primero, ultimo + 1))
            mensual = totales_mensuales(serie, anio, meses, rng)
            hasta_margen, margenes = _margenes_utiles(
                serie,
                anio,
                sum(mensual.get(m, 0) for m in range(1, _ultimo_margen(serie, anio) + 1)),
            )
            nombradas = next((tuple(v) for d, v in margenes if d == "nacionalidad"), ())
            bloques = []
            if margenes and all(m in mensual for m in range(1, hasta_margen + 1)):
                meses_bloque = list(range(1, hasta_margen + 1))
                total = sum(mensual[m] for m in meses_bloque)
                celdas = _celdas_con_margenes(total, margenes, rng)
                tabla = tabla_con_margenes(
                    [mensual[m] for m in meses_bloque], [v for _c, v in celdas], rng
                )
                for i, m in enumerate(meses_bloque):
                    bloques.append(
                        (m, [(celdas[j][0], int(tabla[i, j])) for j in range(len(celdas))])
                    )
                resto = [m for m in meses if m > hasta_margen]
            else:
                resto = meses
            bloques += [(m, [({}, mensual[m])]) for m in resto]
            for m, celdas in bloques:
                periodo = date(anio, m, 1)
                for celda, valor in celdas:
                    if valor <= 0:
                        continue
                    fijas = {**fijas_serie, **celda}
                    if nombradas:
                        fijas["_nombradas"] = nombradas
                    libres = [
                        d
                        for d in _dimensiones_libres(conjunto)
                        if d not in fijas or fijas[d] == COMODIN
                    ]
                    for hoja, cantidad in azar.repartir(valor, fijas, libres, rng):
                        yield from _filas(conjunto, periodo, hoja, serie.indicador, cantidad, rng)


def _ultimo_margen(serie: Serie, anio: int) -> int:
    return max((m[0] for m in serie.margenes.get(anio, [])), default=0)


def _dimensiones_libres(conjunto: ConjuntoDatos) -> list[str]:
    return [d for d in conjunto.dimensiones if d != "ventanilla"]


def _fila(periodo, celda: dict, indicador: str, valor: int | None) -> almacen.FilaObservacion:
    return almacen.FilaObservacion(
        periodo=periodo,
        indicador=indicador,
        valor=valor,
        ventanilla=celda.get("ventanilla", ""),
        entidad=celda.get("entidad", ""),
        categoria=celda.get("categoria", ""),
        nacionalidad=celda.get("nacionalidad", ""),
        sexo=celda.get("sexo", ""),
        grupo_edad=celda.get("grupo_edad", ""),
        suprimido=valor is None,
        es_muestra=True,
    )


# Indicadores derivados de las solicitudes recibidas en el conjunto de trámites: proporción
# de las recibidas (resueltas) o de las resueltas (sentido y plazo), para que sean coherentes.
DERIVADOS_TRAMITES = (
    ("pendientes-hasta-30-dias", 0.30),
    ("pendientes-31-a-90-dias", 0.15),
    ("pendientes-91-a-180-dias", 0.08),
    ("pendientes-mas-de-180-dias", 0.05),
)


def _filas(conjunto, periodo, celda, indicador, valor, rng) -> Iterator[almacen.FilaObservacion]:
    minimo = conjunto.suprime_menores_de
    if minimo and valor < minimo:
        yield _fila(periodo, celda, indicador, None)
        return
    yield _fila(periodo, celda, indicador, valor)
    if conjunto.slug != "tramites-migratorios" or indicador != "recibidas":
        return
    resueltas = int(rng.binomial(valor, 0.9))
    favorables = int(rng.binomial(resueltas, 0.8))
    en_plazo = int(rng.binomial(resueltas, 0.7))
    derivados = [
        ("resueltas-favorables", favorables),
        ("resueltas-no-favorables", resueltas - favorables),
        ("resueltas-en-plazo", en_plazo),
        ("resueltas-fuera-de-plazo", resueltas - en_plazo),
    ] + [(nombre, int(rng.binomial(valor, p))) for nombre, p in DERIVADOS_TRAMITES]
    for nombre, cantidad in derivados:
        if cantidad:
            yield _fila(periodo, celda, nombre, cantidad)


def huella(conjunto: ConjuntoDatos, *, hasta: date, semilla: int, escala: int) -> str:
    cifras = list(
        conjunto.cifras.filter(usada_en_muestra=True)
        .order_by("pk")
        .values_list("desde", "hasta", "indicador", "categoria", "dimension", "codigo", "valor")
    )
    contenido = {
        "version": VERSION_GENERADOR,
        "hasta": hasta.isoformat(),
        "semilla": semilla,
        "escala": escala,
        "definicion": [
            conjunto.dimensiones,
            conjunto.categoria,
            conjunto.indicadores,
            conjunto.sexos,
            conjunto.grupos_edad,
            conjunto.muestra,
            conjunto.suprime_menores_de,
        ],
        "cifras": sorted(cifras),
    }
    return hashlib.sha256(json.dumps(contenido, default=str, sort_keys=True).encode()).hexdigest()


def cargar(
    conjunto: ConjuntoDatos,
    *,
    hasta: date,
    semilla: int = SEMILLA,
    escala: int = 1,
    forzar: bool = False,
    avance=None,
) -> almacen.Cambios | None:
    """Guarda la muestra del conjunto en los meses sin cifras reales. None si ya estaba al día."""
    nueva = huella(conjunto, hasta=hasta, semilla=semilla, escala=escala)
    if nueva == conjunto.huella_muestra and not forzar:
        return None
    reales = Observacion.objects.filter(conjunto=conjunto, es_muestra=False)
    if conjunto.muestra.get("solo_sin_datos_reales") and reales.exists():
        filas = iter(())
    else:
        ocupados = set(reales.order_by().values_list("periodo", "indicador").distinct())
        filas = (
            f
            for f in generar(conjunto, hasta=hasta, semilla=semilla, escala=escala)
            if (f.periodo, f.indicador) not in ocupados
        )
    cambios = almacen.reemplazar(
        conjunto=conjunto, filas=filas, alcance=almacen.Alcance(solo_muestra=True), avance=avance
    )
    ConjuntoDatos.objects.filter(pk=conjunto.pk).update(huella_muestra=nueva)
    conjunto.huella_muestra = nueva
    return cambios
