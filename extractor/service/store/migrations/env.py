"""Alembic's entry point: runs the migrations on the connection the store hands over.

The store opens the connection itself (``migrate.py``) so that the URL is parsed by the same
driver the service uses, and so that PostgreSQL migrations run under the store's advisory lock.
"""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
with context.begin_transaction():
    context.run_migrations()
