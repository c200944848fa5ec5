"""An index a migration adds without blocking writes: on PostgreSQL CREATE INDEX CONCURRENTLY
(a migration of its own, ``atomic = False``: it cannot run in a transaction), elsewhere a
plain one. Four sort indexes of 500,000 tickets added in one transaction locked the table
for half a minute."""

from django.db.migrations import AddIndex


class AddIndexOnline(AddIndex):
    atomic = False

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, model):
            schema_editor.add_index(model, self.index, concurrently=True)
        return None
