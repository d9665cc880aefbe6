"""Aplica lo que dicen los textos oficiales sobre lo que trae la referencia de los trámites.

Las decisiones están en `fixtures/tramites_oficiales.yaml` (qué hecho oficial va en qué trámite,
modalidad y renglón); aquí solo se ejecutan. Las cuotas se toman tal como las fija la Ley Federal
de Derechos en ../shared/reference/leyes_vigentes.yaml: la cuota sin ajuste es el monto, con su
artículo y el PDF de la ley como fuente. Donde el texto oficial dice otra cosa que el sitio, gana
el oficial, y lo que decía antes queda en la nota para el equipo.
"""

import re
from decimal import Decimal
from pathlib import Path

import yaml
from django.conf import settings

from config.templatetags.sitio import pesos
from fuentes import clasificacion
from referencia.carpeta import directorio_referencia
from referencia.generacion import Generacion
from tramites.carga import FUENTES_DE_LA_FICHA
from tramites.cuotas import redondear_lfd

DECISIONES = settings.BASE_DIR / "fixtures" / "tramites_oficiales.yaml"

# «8o. fr. VI a)» → artículo «8o.», fracción «VI», inciso «a)»; «8o., párrafo de reposición» → «8o.».
_ARTICULO = re.compile(
    r"^(?P<art>\d+o?\.?(?: Bis)?)(?:,[^,]*)?(?: fr\. (?P<fr>[IVXL]+)(?: (?P<inc>[a-z]\)))?)?$"
)


def leer_decisiones(ruta: Path = DECISIONES) -> dict:
    with ruta.open(encoding="utf-8") as archivo:
        return yaml.safe_load(archivo)


def leer_leyes(directorio: Path | None = None) -> dict:
    ruta = (directorio or directorio_referencia()) / "leyes_vigentes.yaml"
    with ruta.open(encoding="utf-8") as archivo:
        return yaml.safe_load(archivo)


def articulo_y_fraccion(articulo: str) -> tuple[str, str]:
    """La clave de leyes_vigentes.yaml en los campos del sitio («VI, inciso a)», como la referencia)."""
    coincide = _ARTICULO.match(articulo)
    if not coincide:
        raise ValueError(f"Artículo de la LFD que no se entiende: «{articulo}»")
    fraccion = coincide["fr"] or ""
    if coincide["inc"]:
        fraccion = f"{fraccion}, inciso {coincide['inc']}"
    return coincide["art"], fraccion


def cuotas_de_la_ley(leyes: dict, anio: int) -> tuple[dict[str, dict], str]:
    """Las cuotas de la LFD del año, por artículo, y la dirección del PDF de la ley."""
    lfd = leyes[f"lfd_{anio}"]
    cuotas = {c["articulo"]: c for c in lfd["cuotas"] if "cuota" in c}
    for articulo, cuota in cuotas.items():
        # El monto a pagar lo calcula el sitio (art. 6); debe dar lo mismo que la referencia.
        if redondear_lfd(Decimal(str(cuota["cuota"]))) != Decimal(str(cuota["pago"])):
            raise ValueError(
                f"LFD art. {articulo}: la cuota {cuota['cuota']} no da {cuota['pago']}"
            )
    return cuotas, lfd["fuente"]["url"]


class _Aplicacion:
    """Aplica las decisiones de un trámite sobre su diccionario del fixture."""

    def __init__(self, generacion: Generacion, decisiones: dict, leyes: dict):
        self.datos = generacion.datos
        self.fecha = str(decisiones["fecha_consulta"])
        self.anio = decisiones["anio_cuotas"]
        self.textos = decisiones.get("textos", {})
        self.ley, self.url_lfd = cuotas_de_la_ley(leyes, self.anio)
        self.fuentes = {}
        self.salvedades = {}
        for alias, fuente in decisiones["fuentes"].items():
            url = fuente if isinstance(fuente, str) else fuente["url"]
            self.fuentes[alias] = url
            if isinstance(fuente, dict) and fuente.get("nota_editorial"):
                self.salvedades[url] = _texto(fuente["nota_editorial"])

    def fuente(self, tramite: dict, valor: str) -> str:
        """La dirección de una fuente (alias o URL); la agrega a las fuentes del trámite."""
        url = self.fuentes.get(valor, valor)
        if not url.startswith("http"):
            raise ValueError(f"{tramite['slug']}: fuente desconocida «{valor}»")
        motivo = clasificacion.motivo_de_rechazo(url)
        if motivo:
            raise ValueError(
                f"{tramite['slug']}: la decisión cita {url}, que no se acepta: {motivo}"
            )
        # Las fuentes del archivo de decisiones se leyeron en su fecha; una dirección que ya
        # citaba la referencia conserva la fecha en que la referencia la consultó.
        if valor in self.fuentes or url not in tramite["fuentes"]:
            self.datos["fuentes_fechas"].setdefault(url, self.fecha)
        if url not in tramite["fuentes"]:
            tramite["fuentes"].append(url)
        return url

    def nota_equipo(self, *partes: str) -> str:
        return " ".join(p for p in dict.fromkeys(_texto(p) for p in partes) if p)

    def aplicar(self, tramite: dict, decision: dict) -> None:
        if "nota_editorial" in decision:
            tramite["nota_editorial"] = _texto(decision["nota_editorial"])
        for clave in ("cuando", "plazo", "vigencia"):
            if clave in decision:
                getattr(self, f"_{clave}")(tramite, decision[clave])
        for campo, valor in (decision.get("campos") or {}).items():
            if campo not in tramite or isinstance(tramite[campo], list | dict):
                raise ValueError(f"{tramite['slug']}: campo desconocido «{campo}»")
            tramite[campo] = _texto(valor)
        for clave in ("fundamentos", "supuestos"):
            if clave in decision:
                modalidad = "razones-humanitarias" if clave == "supuestos" else None
                tramite[clave] = [
                    {"texto": _texto(t), "orden": i}
                    | ({"modalidad": modalidad} if clave == "supuestos" else {})
                    for i, t in enumerate(decision[clave])
                ]
        if "formatos" in decision:
            tramite["formatos"] = [
                {"nombre": _texto(f["nombre"]), "url": f["url"], "orden": i}
                for i, f in enumerate(decision["formatos"])
            ]
        for d in decision.get("requisitos", []):
            self._requisito(tramite, d)
        for d in decision.get("cuotas", []):
            self._cuota(tramite, d)
        for quitar in decision.get("fuentes_quitar", []):
            self._quitar_fuente(tramite, quitar)
        for clave in ("requisitos", "cuotas"):
            for orden, fila in enumerate(tramite[clave]):
                fila["orden"] = orden
        salvedades = [self.salvedades.get(tramite[c], "") for c in FUENTES_DE_LA_FICHA]
        tramite["nota_editorial"] = self.nota_equipo(tramite["nota_editorial"], *salvedades)

    def _cuando(self, tramite: dict, d: dict) -> None:
        tramite["cuando_solicitar"] = _texto(d["texto"])
        tramite["cuando_fuente"] = self.fuente(tramite, d["fuente"])
        tramite["cuando_fundamento"] = _texto(d["fundamento"])

    def _plazo(self, tramite: dict, d: dict) -> None:
        anterior = tramite["plazo_notas"]
        tramite["plazo_resolucion_dias_habiles"] = d.get("dias_habiles")
        tramite["plazo_resolucion_dias_naturales"] = d.get("dias_naturales")
        tramite["plazo_fuente"] = self.fuente(tramite, d["fuente"])
        tramite["plazo_fundamento"] = _texto(d["fundamento"])
        tramite["plazo_notas"] = _texto(d.get("notas"))
        if anterior and anterior != tramite["plazo_notas"]:
            tramite["nota_editorial"] = self.nota_equipo(
                tramite["nota_editorial"], f"Nota del plazo que se quitó: «{anterior}»"
            )

    def _vigencia(self, tramite: dict, d: dict) -> None:
        if "texto" in d:
            tramite["vigencia_resultado"] = _texto(d["texto"])
        tramite["vigencia_fuente"] = self.fuente(tramite, d["fuente"])
        tramite["vigencia_fundamento"] = _texto(d["fundamento"])

    def _requisito(self, tramite: dict, d: dict) -> None:
        if "si_empieza" in d:
            fila = _una(tramite, "requisitos", "texto", d["si_empieza"])
        else:
            fila = dict.fromkeys(
                ("texto", "modalidad", "presentacion", "notas", "nota_editorial"), ""
            )
            fila["modalidad"] = None
            _insertar(tramite, "requisitos", fila, d, "texto")
        antes = []
        if "texto" in d:
            nuevo = _texto(d["texto"])
            if fila["texto"] and fila["texto"] != nuevo:
                antes.append(f"Antes decía: «{fila['texto']}».")
            fila["texto"] = nuevo
            # Cómo se presenta es parte de lo que dice el texto oficial: se escribe en la decisión.
            fila["presentacion"] = d.get("presentacion", "")
        if "modalidad" in d:
            fila["modalidad"] = None if d["modalidad"] == "todas" else d["modalidad"]
        if "notas" in d:
            anterior = fila["notas"]
            fila["notas"] = _texto(d["notas"])
            if anterior and anterior != fila["notas"]:
                antes.append(f"Nota que se quitó: «{anterior}».")
        fila["fuente"] = self.fuente(tramite, d["fuente"])
        fila["fundamento"] = _texto(d.get("fundamento"))
        # Con una fuente oficial, lo que el equipo anotaba para confirmarlo ya no hace falta.
        oficial = clasificacion.clasificar(fila["fuente"]).tipo == clasificacion.TipoFuente.OFICIAL
        fila["nota_editorial"] = self.nota_equipo(
            d.get("nota_editorial", "" if oficial else fila["nota_editorial"]),
            *antes,
            self.salvedades.get(fila["fuente"], ""),
        )

    def _cuota(self, tramite: dict, d: dict) -> None:
        if "si_empieza" in d:
            fila = _una(tramite, "cuotas", "concepto", d["si_empieza"])
        else:
            fila = {
                "concepto": _texto(d["nueva"]),
                "monto": None,
                "anio_vigencia": None,
                "fundamento": "",
                "articulo_lfd": "",
                "fraccion_lfd": "",
                "modalidad": d.get("modalidad"),
                "grupo": d.get("grupo", ""),
                "notas": "",
                "nota_editorial": "",
                "fuente": None,
            }
            _insertar(tramite, "cuotas", fila, d, "concepto")
        if "si_empieza" in d and ("despues_de" in d or "antes_de" in d):
            tramite["cuotas"].remove(fila)
            _insertar(tramite, "cuotas", fila, d, "concepto")
        # Lo que decían otras fuentes se conserva para el equipo, junto al monto que había.
        antes = []
        if "si_empieza" in d:
            anotado = fila["nota_editorial"]
            antes.append(
                f"Antes: {fila['monto'] or 'sin monto'} ({fila['fuente'] or 'sin fuente'})"
                + (f"; se anotaba: «{anotado}»." if anotado else ".")
            )
        if "concepto" in d:
            fila["concepto"] = _texto(d["concepto"])
        if "grupo" in d:
            fila["grupo"] = d["grupo"]
        if "lfd" in d:
            cuota = self.ley[d["lfd"]]
            fila["monto"] = _monto(cuota["cuota"])
            fila["anio_vigencia"] = self.anio
            fila["fundamento"] = f"LFD art. {d['lfd']}"
            fila["articulo_lfd"], fila["fraccion_lfd"] = articulo_y_fraccion(d["lfd"])
            fila["fuente"] = self.fuente(tramite, self.url_lfd)
        else:
            fila["monto"] = _monto(d["monto"])
            fila["anio_vigencia"] = d.get("anio_vigencia", self.anio if d["monto"] else None)
            fila["fundamento"] = _texto(d["fundamento"])
            fila["articulo_lfd"] = d.get("articulo_lfd", "")
            fila["fraccion_lfd"] = d.get("fraccion_lfd", "")
            fila["fuente"] = self.fuente(tramite, d["fuente"])
        notas = [_texto(d.get("notas", fila["notas"]))]
        if fila["notas"] and fila["notas"] != notas[0]:
            antes.append(f"Nota que se quitó: «{fila['notas']}».")
        if d.get("descuento"):
            mitad = redondear_lfd(Decimal(fila["monto"]) / 2)
            notas.append(_texto(self.textos["descuento"]).format(mitad=pesos(mitad)))
        fila["notas"] = " ".join(n for n in notas if n)
        fila["nota_editorial"] = self.nota_equipo(
            d.get("nota_editorial", ""),
            *antes,
            self.salvedades.get(fila["fuente"], ""),
        )

    def _quitar_fuente(self, tramite: dict, quitar: dict) -> None:
        url = quitar["url"]
        citas = [f for f in tramite["requisitos"] + tramite["cuotas"] if f["fuente"] == url]
        citas += [c for c in FUENTES_DE_LA_FICHA if tramite[c] == url]
        if citas:
            raise ValueError(
                f"{tramite['slug']}: no se puede quitar {url}, todavía respalda un dato"
            )
        tramite["fuentes"].remove(url)
        tramite["nota_editorial"] = self.nota_equipo(
            tramite["nota_editorial"], f"Fuente quitada: {url} ({_texto(quitar['motivo'])})"
        )


def aplicar(generacion: Generacion, decisiones: dict, leyes: dict) -> None:
    """Aplica a cada trámite del fixture las decisiones de `fixtures/tramites_oficiales.yaml`."""
    aplicacion = _Aplicacion(generacion, decisiones, leyes)
    tramites = {t["slug"]: t for t in generacion.datos["tramites"]}
    desconocidos = set(decisiones["tramites"]) - set(tramites)
    if desconocidos:
        raise ValueError(f"Decisiones para trámites que no existen: {sorted(desconocidos)}")
    sin_uso = set(decisiones.get("fuera_de_los_14", {})) - set(aplicacion.ley)
    if sin_uso:
        raise ValueError(f"fuera_de_los_14 nombra cuotas que la LFD no trae: {sorted(sin_uso)}")
    for slug, decision in decisiones["tramites"].items():
        aplicacion.aplicar(tramites[slug], decision)


def _texto(valor) -> str:
    return " ".join(str(valor).split()) if valor else ""


def _monto(valor) -> str | None:
    if valor is None:
        return None
    return str(Decimal(str(valor)).quantize(Decimal("0.01")))


def _una(tramite: dict, clave: str, campo: str, comienzo: str) -> dict:
    filas = [f for f in tramite[clave] if f[campo].startswith(comienzo)]
    if len(filas) != 1:
        raise ValueError(
            f"{tramite['slug']}: {len(filas)} {clave} empiezan con «{comienzo}» (se espera uno)"
        )
    return filas[0]


def _insertar(tramite: dict, clave: str, fila: dict, d: dict, campo: str) -> None:
    """Pone una fila nueva (o movida) después de `despues_de`, antes de `antes_de` o al final."""
    filas = tramite[clave]
    if "despues_de" in d:
        filas.insert(filas.index(_una(tramite, clave, campo, d["despues_de"])) + 1, fila)
    elif "antes_de" in d:
        filas.insert(filas.index(_una(tramite, clave, campo, d["antes_de"])), fila)
    else:
        filas.append(fila)
