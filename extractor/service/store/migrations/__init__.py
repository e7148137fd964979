"""Alembic migrations of the store (both backends); see ``extractor/service/store/migrate.py``."""
