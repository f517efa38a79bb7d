"""Moving the test database between migrations, for the tests of a data migration."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate_to(target=None):
    """To `target` (a list of (app, migration)), or to the newest migration of every app, where
    the other tests expect the schema. A test that calls it needs `django_db(transaction=True)`
    and must end at the newest migrations."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target or executor.loader.graph.leaf_nodes())
