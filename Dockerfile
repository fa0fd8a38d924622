# syntax=docker/dockerfile:1
# One image for every application service of docker-compose.yml: web (gunicorn),
# worker and beat (Celery), migrate (one-shot). Built on Debian bookworm.

# --- Front-end assets: pinned by package-lock.json, copied into the app image below.
FROM node:20-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# --- Application.
FROM python:3.11-slim-bookworm AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv \
    PATH="/opt/venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=msp_si.settings.production \
    MEDIA_ROOT=/app/media \
    XDG_CACHE_HOME=/tmp/cache

# System libraries WeasyPrint loads at run time (Pango, HarfBuzz subsetting) and a font.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# The same uv release as the one that wrote uv.lock.
RUN pip install --no-cache-dir "uv==0.13.9"

WORKDIR /app

# Dependencies first, from the lock only, so that code changes keep this layer cached.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project

COPY --from=assets /app/node_modules ./node_modules
COPY . .

# Static files are collected at build time; the values below exist only for this step.
RUN DJANGO_SECRET_KEY=build-only-not-a-secret DJANGO_ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

# Run as an unprivileged user; the media folder is the volume shared with the worker.
# Fontconfig (used by WeasyPrint) keeps its cache under XDG_CACHE_HOME, in /tmp.
RUN useradd --system --uid 10001 --home-dir /app msp \
    && mkdir -p /app/media \
    && chown msp /app/media
USER msp

EXPOSE 8000
CMD ["gunicorn", "msp_si.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", \
     "--timeout", "60", "--access-logfile", "-"]
