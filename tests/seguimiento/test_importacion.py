"""importar_estatus: un archivo bueno entra entero y una vez; uno malo no cambia nada y dice dónde."""

from datetime import date
from io import StringIO

import pandas as pd
import pytest
from django.core.management import CommandError, call_command

from seguimiento import contrasenas
from seguimiento.importacion import ImportacionInvalida, importar
from seguimiento.models import CambioEstatus, Estatus, Solicitud

pytestmark = pytest.mark.django_db
HOY = date(2026, 11, 23)

BUENO = """nut,contrasena,tramite,modalidad,oficina,fecha_ingreso,estatus,fecha,requerimiento,fecha_limite
INM-2026-0001,ABCD-EFGH-JKLM,permiso-para-trabajar,oferta-de-empleo,,2026-10-01,recibido,2026-10-01,,
INM-2026-0001,,,,,,En revisión,2026-10-02,,
INM-2026-0001,,,,,,requiere_informacion,2026-10-05,Copia legible del comprobante de pago,
INM-2026-0001,,,,,,en_revision,2026-10-09,,
INM-2026-0002,QWER-TYUP-ASDF,notificacion-cambio-domicilio,,,01/09/2026,recibido,01/09/2026,,
INM-2026-0002,,,,,,resuelto_favorable,2026-09-10,,
"""


def _archivo(tmp_path, contenido: str, nombre="estatus.csv"):
    ruta = tmp_path / nombre
    ruta.write_text(contenido, encoding="utf-8")
    return ruta


def _modalidad_de_trabajo():
    from tramites.models import Modalidad

    return Modalidad.objects.filter(tramite__slug="permiso-para-trabajar").first()


@pytest.fixture
def bueno(tmp_path):
    modalidad = _modalidad_de_trabajo()
    return _archivo(tmp_path, BUENO.replace("oferta-de-empleo", modalidad.slug))


def test_un_archivo_bueno_crea_solicitudes_e_historial(bueno):
    informe = importar(bueno, hoy=HOY)
    assert (informe.creados["solicitudes"], informe.creados["cambios de estatus"]) == (2, 6)
    primera = Solicitud.objects.get(nut="INM-2026-0001")
    assert primera.estatus == Estatus.EN_REVISION
    assert primera.inicio_plazo == date(2026, 10, 9)
    assert primera.modalidad == _modalidad_de_trabajo()
    assert not primera.es_muestra
    # La contraseña solo se guarda cifrada y sirve para consultar.
    assert "ABCD" not in primera.contrasena
    assert contrasenas.verificar("ABCD-EFGH-JKLM", primera.contrasena)
    requerimiento = primera.cambios.get(estatus=Estatus.REQUIERE_INFORMACION)
    # Sin fecha límite en el archivo: 10 días hábiles (art. 130).
    assert requerimiento.fecha_limite == date(2026, 10, 19)
    segunda = Solicitud.objects.get(nut="INM-2026-0002")
    assert segunda.fecha_ingreso == date(2026, 9, 1)
    assert segunda.fecha_resolucion == date(2026, 9, 10)


def test_repetir_el_archivo_no_cambia_nada(bueno):
    importar(bueno, hoy=HOY)
    cifrado = Solicitud.objects.get(nut="INM-2026-0001").contrasena
    informe = importar(bueno, hoy=HOY)
    assert not informe.hubo_cambios
    assert Solicitud.objects.count() == 2
    assert CambioEstatus.objects.count() == 6
    assert Solicitud.objects.get(nut="INM-2026-0001").contrasena == cifrado


def test_un_archivo_posterior_agrega_cambios_y_cambia_la_contrasena(bueno, tmp_path):
    importar(bueno, hoy=HOY)
    siguiente = _archivo(
        tmp_path,
        "nut,contrasena,estatus,fecha\n"
        "INM-2026-0001,,resuelto_favorable,2026-10-30\n"
        "INM-2026-0002,NUEV-ACON-TRAS,documento_listo,2026-09-15\n",
        "siguiente.csv",
    )
    informe = importar(siguiente, hoy=HOY)
    assert (informe.actualizados["solicitudes"], informe.creados["cambios de estatus"]) == (2, 2)
    assert sum("contrasena" in detalle for detalle in informe.detalles) == 1
    primera = Solicitud.objects.get(nut="INM-2026-0001")
    assert primera.fecha_resolucion == date(2026, 10, 30)
    segunda = Solicitud.objects.get(nut="INM-2026-0002")
    assert segunda.estatus == Estatus.DOCUMENTO_LISTO
    assert contrasenas.verificar("NUEV-ACON-TRAS", segunda.contrasena)


def test_excel_tambien(tmp_path):
    ruta = tmp_path / "estatus.xlsx"
    pd.DataFrame(
        [
            {
                "NUT": "INM-2026-0100",
                "Contraseña": "ZXCV-BNMQ-WERT",
                "Trámite": "permiso-para-trabajar",
                "Fecha de ingreso": pd.Timestamp("2026-11-02"),
                "Estatus": "Recibido",
                "Fecha": pd.Timestamp("2026-11-02"),
            }
        ]
    ).to_excel(ruta, index=False)
    informe = importar(ruta, hoy=HOY)
    assert informe.creados["solicitudes"] == 1
    assert Solicitud.objects.get(nut="INM-2026-0100").fecha_ingreso == date(2026, 11, 2)


def test_un_archivo_malo_se_rechaza_entero_con_fila_y_columna(bueno, tmp_path):
    malo = _archivo(
        tmp_path,
        bueno.read_text(encoding="utf-8")
        + "INM-2026-0003,corta,permiso-para-trabajar,,,2026-10-01,recibido,2026-10-01,,\n"
        + "INM-2026-0001,,,,,,revisado,2026-10-12,,\n"
        + "INM-2026-0001,,,,,,en_revision,2026-13-40,,\n"
        + "INM-2026-0002,,,,,,en_revision,2030-01-05,,\n"
        + "INM-2026-0001,,,,,,requiere_informacion,2026-10-20,,\n"
        + "INM-2026-0001,,,,,,en_revision,2026-10-02,,\n"
        + "INM 2026 ¿?,,,,,,recibido,2026-10-01,,\n"
        + "INM-2026-0004,,,,,,recibido,2026-10-01,,\n"
        + "INM-2026-0001,,visa-inventada,,,,en_revision,2026-10-22,,\n"
        + "INM-2026-0001,,,,oficina-inventada,,en_revision,2026-10-23,Algo,\n",
    )
    with pytest.raises(ImportacionInvalida) as error:
        importar(malo, hoy=HOY)
    errores = error.value.errores
    assert errores == [
        "Fila 8, columna «contrasena»: debe tener al menos 12 caracteres generados al azar.",
        "Fila 9, columna «estatus»: «revisado» no es un estatus; use uno de: recibido, "
        "en_revision, requiere_informacion, resuelto_favorable, resuelto_no_favorable, "
        "documento_listo.",
        "Fila 10, columna «fecha»: «2026-13-40» no es una fecha; escríbala como AAAA-MM-DD.",
        "Fila 11, columna «fecha»: 2030-01-05 es una fecha futura.",
        "Fila 12, columna «requerimiento»: diga qué información se requiere.",
        "Fila 14, columna «nut»: «INM 2026 ¿?» no es un número válido (letras, dígitos y guiones).",
        "Fila 16, columna «tramite»: no hay un trámite «visa-inventada».",
        "Fila 17, columna «requerimiento»: solo va con el estatus requiere_informacion.",
        "Fila 17, columna «oficina»: no hay una oficina del INM «oficina-inventada».",
        "Fila 13, columna «estatus»: repite el cambio de la fila 3 (mismo número, fecha y "
        "estatus).",
        "Fila 15, columna «contrasena»: la solicitud INM-2026-0004 es nueva: faltan "
        "contrasena, tramite, fecha_ingreso.",
    ]
    assert not Solicitud.objects.exists()
    assert not CambioEstatus.objects.exists()


def test_un_cambio_anterior_al_ingreso_se_rechaza(tmp_path):
    ruta = _archivo(
        tmp_path,
        "nut,contrasena,tramite,fecha_ingreso,estatus,fecha\n"
        "INM-2026-0001,ABCD-EFGH-JKLM,permiso-para-trabajar,2026-10-05,recibido,2026-10-01\n",
    )
    with pytest.raises(
        ImportacionInvalida, match="Fila 2, columna «fecha»: 2026-10-01 es anterior"
    ):
        importar(ruta, hoy=HOY)


def test_columnas_con_datos_personales_se_rechazan(tmp_path):
    ruta = _archivo(
        tmp_path,
        "nut,contrasena,Nombre,Pasaporte,estatus,fecha,color\n"
        "INM-1,ABCD-EFGH-JKLM,Ana,G123,recibido,2026-10-01,azul\n",
    )
    with pytest.raises(ImportacionInvalida) as error:
        importar(ruta, hoy=HOY)
    assert error.value.errores == [
        "El archivo trae columnas con datos personales (nombre, pasaporte): el sitio no los "
        "guarda. Quítelas y vuelva a importar.",
        "Columnas desconocidas: color. Las columnas válidas son: nut, contrasena, tramite, "
        "modalidad, oficina, fecha_ingreso, estatus, fecha, requerimiento, fecha_limite.",
    ]


@pytest.mark.parametrize(
    ("nombre", "contenido", "mensaje"),
    [
        ("estatus.txt", b"hola", "no es CSV ni Excel"),
        (
            "estatus.xlsx",
            b"esto no es un libro de Excel",
            "estatus.xlsx no es un archivo XLSX de verdad",
        ),
        ("estatus.csv", b"nut,estatus,fecha\n", "no tiene filas de datos"),
        ("estatus.csv", b"nut;estatus\nA-1;recibido\n", "Faltan las columnas obligatorias: fecha"),
        (
            "estatus.csv",
            "nut,estatus,fecha\nAÑO-1,recibido,2026-10-01\n".encode("latin-1"),
            "UTF-8",
        ),
    ],
)
def test_archivos_ilegibles_dan_un_mensaje_claro(tmp_path, nombre, contenido, mensaje):
    ruta = tmp_path / nombre
    ruta.write_bytes(contenido)
    with pytest.raises(ImportacionInvalida, match=mensaje):
        importar(ruta, hoy=HOY)


def test_la_orden_informa_y_falla_sin_guardar(bueno, tmp_path, hoy):
    salida = StringIO()
    call_command("importar_estatus", str(bueno), stdout=salida, stderr=StringIO())
    assert "+ INM-2026-0001" in salida.getvalue()
    assert "solicitudes: 2 de alta, 0 con cambios" in salida.getvalue()
    salida = StringIO()
    call_command("importar_estatus", str(bueno), stdout=salida, stderr=StringIO())
    assert "todo al día, nada cambió" in salida.getvalue()
    malo = _archivo(tmp_path, "nut,estatus,fecha\nINM-9,recibido,ayer\n", "malo.csv")
    errores = StringIO()
    with pytest.raises(CommandError, match="No se importó nada de malo.csv"):
        call_command("importar_estatus", str(malo), stdout=StringIO(), stderr=errores)
    assert "Fila 2, columna «fecha»: «ayer» no es una fecha" in errores.getvalue()


def test_la_orden_muestra_el_avance_de_la_revision_y_del_guardado(bueno, hoy, capsys):
    call_command("importar_estatus", str(bueno), stdout=StringIO())
    barras = capsys.readouterr().err
    assert "Revisando estatus.csv: 6 filas" in barras
    assert "Guardando: 100%" in barras
    assert "2/2" in barras
    # Sin barras con -v 0.
    call_command("importar_estatus", str(bueno), stdout=StringIO(), verbosity=0)
    assert capsys.readouterr().err == ""
