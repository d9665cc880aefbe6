"""Lo que toda página de contenido comparte: título, migas de pan y fecha de actualización."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView


@dataclass(frozen=True)
class Miga:
    texto: str
    url: str | None = None


def migas(*niveles: tuple[str, str]) -> list[Miga]:
    """Migas desde Inicio hasta la página anterior a la actual; `niveles` son (texto, url)."""
    return [Miga(_("Inicio"), reverse("inicio"))] + [Miga(t, u) for t, u in niveles]


class PaginaMixin:
    """Pone en el contexto `titulo`, `migas` y, si la vista la conoce, `ultima_actualizacion`."""

    titulo: str = ""
    # Pares (texto, nombre de URL) desde Inicio hasta la sección que contiene la página.
    niveles: tuple[tuple[str, str], ...] = ()

    def get_titulo(self) -> str:
        return self.titulo

    def get_migas(self) -> list[Miga]:
        if self.request.resolver_match and self.request.resolver_match.url_name == "inicio":
            return []
        return migas(*((texto, reverse(nombre)) for texto, nombre in self.niveles))

    def get_ultima_actualizacion(self):
        return None

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto.setdefault("titulo", self.get_titulo())
        contexto.setdefault("migas", self.get_migas())
        fecha = self.get_ultima_actualizacion()
        if fecha is not None:
            contexto["ultima_actualizacion"] = fecha
        return contexto


class SeccionEnPreparacionView(PaginaMixin, TemplateView):
    """Página honesta para una sección cuyo contenido aún no se publica: dice adónde acudir."""

    template_name = "seccion_en_preparacion.html"
    texto: str = ""
    # Pares (texto, url) de fuentes oficiales donde la persona encuentra hoy lo que busca.
    enlaces: tuple[tuple[str, str], ...] = ()

    def get_context_data(self, **kwargs):
        contexto = super().get_context_data(**kwargs)
        contexto["texto"] = self.texto
        contexto["enlaces"] = self.enlaces
        return contexto
