# Imagen de producción: Python 3.11 delgado, usuario sin privilegios, estáticos y traducciones
# preparados al construir, gunicorn al arrancar y chequeo de salud en /salud/.

FROM python:3.11-slim-bookworm AS construccion
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
 && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
RUN pip install --constraint constraints.txt .
COPY . .
RUN locale/catalogo_fuente.sh \
 && DEBUG=1 python manage.py compilemessages --ignore=.venv -v0 \
 && DEBUG=1 python manage.py collectstatic --noinput -v0

FROM python:3.11-slim-bookworm
# Bibliotecas de WeasyPrint (PDF); nada más del sistema.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin sitio
ARG FECHA_PUBLICACION=""
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DEBUG=0 \
    PORT=8000 \
    FECHA_PUBLICACION=$FECHA_PUBLICACION
WORKDIR /app
COPY --from=construccion /opt/venv /opt/venv
COPY --from=construccion --chown=root:root /app /app
USER sitio
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "config/healthcheck.py"]
CMD ["gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]
