"""El calendario del INM en este sitio: festivos federales más los días inhábiles del personal."""

from seguimiento.models import DiaInhabil
from seguimiento.plazos import Calendario


def calendario_inm() -> Calendario:
    """Calendario con los días inhábiles que el personal registró en el admin (una consulta)."""
    return Calendario(DiaInhabil.objects.order_by().values_list("fecha", flat=True))
