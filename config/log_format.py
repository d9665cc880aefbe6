"""Formato JSON de una línea por evento, para que el contenedor lo recoja de stdout."""

import json
import logging
from datetime import UTC, datetime

# Atributos estándar de LogRecord; lo demás que llegue en `extra` se copia tal cual.
_ESTANDAR = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        evento = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for clave, valor in vars(record).items():
            # `request` es el objeto de Django: se registra solo lo que no identifica a nadie.
            if clave in _ESTANDAR or clave == "request":
                continue
            simple = isinstance(valor, str | int | float | bool | None)
            evento[clave] = valor if simple else str(valor)
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            evento["method"] = getattr(request, "method", None)
            evento["path"] = request.path
        if record.exc_info:
            evento["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(evento, ensure_ascii=False)
