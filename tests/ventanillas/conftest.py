import pytest
from django.contrib.auth.models import Permission, User

from ventanillas.models import Lugar, PersonalVentanilla


def crear_personal(username: str, slug: str) -> User:
    """Una cuenta del personal con permiso de registrar, ligada a la ventanilla `slug`."""
    usuario = User.objects.create_user(username, password="clave-de-prueba-larga-123")
    usuario.is_staff = True
    usuario.save()
    usuario.user_permissions.add(
        Permission.objects.get(codename="add_atencion", content_type__app_label="ventanillas"),
        Permission.objects.get(codename="view_atencion", content_type__app_label="ventanillas"),
    )
    PersonalVentanilla.objects.create(usuario=usuario, ventanilla=Lugar.objects.get(slug=slug))
    return User.objects.get(pk=usuario.pk)


@pytest.fixture
def personal_slp(db):
    return crear_personal("slp", "ventanilla-san-luis-potosi")


@pytest.fixture
def personal_tapachula(db):
    return crear_personal("tapachula", "ventanilla-tapachula")
