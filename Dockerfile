# The product's image: daphne by default; the same image runs the Celery worker and beat
# (see compose.yaml and README "Deployment"). Not built in CI here (no Docker there).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first (cached while only the code changes), pinned by the lock as constraints.
COPY requirements.txt requirements.lock ./
RUN pip install -r requirements.txt -c requirements.lock

COPY . .

# Static files and the sentiment model are built into the image, so no container writes them
# at start-up. These keys exist only for this build step (settings refuse to load without
# keys when DEBUG is off); nothing is encrypted or signed with them.
RUN ENV_FILE= DEBUG=0 ALLOWED_HOSTS=localhost \
        SECRET_KEY=build-only-not-a-secret BLIND_INDEX_KEY=build-only-not-a-secret \
        FIELD_ENCRYPTION_KEYS=YnVpbGQtb25seS1ub3QtYS1zZWNyZXQtMzItYnl0ZXM= \
        sh -c "python manage.py collectstatic --noinput -v 0 && python manage.py train_sentiment"

RUN useradd --system --uid 10001 --no-create-home --home-dir /app app \
    && mkdir -p var \
    && chown -R app:app var
USER app

# The real settings come from the environment at run time (DATABASE_URL, REDIS_URL, keys...).
ENV ENV_FILE=
EXPOSE 8000
CMD ["python", "-m", "config.serve", "-b", "0.0.0.0", "-p", "8000", "config.asgi:application"]
