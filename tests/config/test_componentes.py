"""Los componentes compartidos, probados solos con los argumentos de su cabecera."""

from bs4 import BeautifulSoup
from django import forms
from django.core.paginator import Paginator
from django.http import QueryDict
from django.template.loader import render_to_string

from config.paginas import Miga
from tests.html import texto


class FormularioEjemplo(forms.Form):
    nombre = forms.CharField(label="Nombre", max_length=10, help_text="Como en su pasaporte.")
    correo = forms.EmailField(label="Correo electrónico", required=False)

    def clean_nombre(self):
        nombre = self.cleaned_data["nombre"]
        if nombre.isdigit():
            raise forms.ValidationError("Escriba su nombre con letras")
        return nombre


def _html(plantilla, **contexto):
    return BeautifulSoup(render_to_string(plantilla, contexto), "html.parser")


def test_campo_con_error_muestra_el_mensaje_junto_al_campo_y_conserva_lo_escrito():
    formulario = FormularioEjemplo(data={"nombre": "12345", "correo": "no-es-correo"})
    assert not formulario.is_valid()
    html = _html("components/campo.html", campo=formulario["nombre"])
    control = html.find("input", attrs={"name": "nombre"})
    assert control["value"] == "12345"
    assert control["aria-invalid"] == "true"
    descritos = control["aria-describedby"].split()
    error = html.find(id="id_nombre_error")
    assert "id_nombre_error" in descritos
    assert "id_nombre_helptext" in descritos
    assert texto(error) == "Error: Escriba su nombre con letras"
    assert texto(html.find(id="id_nombre_helptext")) == "Como en su pasaporte."
    assert html.find("label", attrs={"for": "id_nombre"})


def test_campo_opcional_lo_dice_en_la_etiqueta():
    html = _html("components/campo.html", campo=FormularioEjemplo()["correo"])
    assert texto(html.find("label")) == "Correo electrónico (opcional)"
    assert html.find(class_="ms-campo__error") is None


def test_resumen_de_errores_enlaza_a_cada_campo_con_error():
    formulario = FormularioEjemplo(data={"nombre": "", "correo": "x"})
    formulario.is_valid()
    html = _html("components/resumen_errores.html", form=formulario)
    resumen = html.find(role="alert")
    assert texto(resumen.find("h2")) == "Hay un problema"
    assert [a["href"] for a in resumen.find_all("a")] == ["#id_nombre", "#id_correo"]


def test_resumen_de_errores_no_aparece_sin_errores():
    assert _html("components/resumen_errores.html", form=FormularioEjemplo()).find() is None


def test_paginacion_conserva_los_filtros_y_marca_la_pagina_actual():
    pagina = Paginator(range(500), 10).page(7)
    html = _html(
        "components/paginacion.html",
        pagina=pagina,
        parametros=QueryDict("estado=CHIH&servicio=asesoria&page=7"),
    )
    siguiente = html.find("a", rel="next")["href"]
    assert siguiente == "?estado=CHIH&servicio=asesoria&page=8"
    actual = html.find("a", attrs={"aria-current": "page"})
    assert texto(actual) == "7"
    # En un teléfono no caben 50 números: se omiten con «…».
    numeros = [texto(a) for a in html.find_all("a") if texto(a).isdigit()]
    assert numeros == ["1", "6", "7", "8", "50"]
    assert "…" in texto(html)


def test_paginacion_no_aparece_con_una_sola_pagina():
    pagina = Paginator(range(5), 10).page(1)
    assert _html("components/paginacion.html", pagina=pagina, parametros=QueryDict()).find() is None


def test_lista_resumen_dice_que_falta_un_dato_en_vez_de_dejarlo_vacio():
    html = _html(
        "components/lista_resumen.html",
        filas=[{"clave": "Cuota", "valor": None}, {"clave": "Plazo", "valor": "20 días hábiles"}],
        sin_dato="Pregunte en la oficina.",
    )
    valores = [texto(dd) for dd in html.find_all("dd")]
    assert valores == ["No disponible. Pregunte en la oficina.", "20 días hábiles"]


def test_lista_resumen_muestra_el_cero():
    html = _html("components/lista_resumen.html", filas=[{"clave": "Cuota", "valor": 0}])
    assert texto(html.find("dd")) == "0"


def test_migas_enlazan_los_niveles_y_no_la_pagina_actual():
    html = _html(
        "components/migas.html",
        migas=[Miga("Inicio", "/"), Miga("Trámites", "/tramites/")],
        actual="Buscar",
    )
    elementos = html.find_all("li")
    assert [texto(li) for li in elementos] == ["Inicio", "Trámites", "Buscar"]
    assert elementos[-1].find("a") is None
    assert elementos[-1]["aria-current"] == "page"


def test_aviso_escapa_el_texto():
    html = render_to_string("components/aviso.html", {"texto": "<script>alert(1)</script>"})
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
