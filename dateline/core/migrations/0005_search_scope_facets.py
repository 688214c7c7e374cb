"""The entry's scope holds the facets a search narrows by (section, authors, topics) beside
its kind and language, and on PostgreSQL the vectors hold them as terms of their own, so a
filtered search and every search of one edition read only their matches from the GIN index.

PostgreSQL keeps the terms in the vectors alone: the text columns are emptied by the
trigger, so the rows stay small and a search visiting thousands of matches reads fewer
pages.

The entries are dropped: the index is derived data, and the fill after `migrate` writes
every live article and photo anew with its facets (`newsroom.signal_handlers`).
"""

from importlib import import_module

from django.db import migrations, models

# SQLite makes the table anew to change a column, and its triggers go with the old one.
SQLITE_TRIGGERS = import_module("dateline.core.migrations.0003_search_entry").SQLITE[1:]

POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION core_searchentry_document() RETURNS trigger AS $$
    DECLARE
        -- '§' is no letter: no word of any text can be one of these terms.
        scope tsvector := array_to_tsvector(ARRAY(
            SELECT '§' || token FROM unnest(string_to_array(NEW.scope, ' ')) AS token
            WHERE token <> ''));
    BEGIN
        -- A row restored (a dump, a test's saved database) carries its vectors, not its text.
        IF NEW.document IS NOT NULL AND concat(NEW.title, NEW.summary, NEW.body) = '' THEN
            RETURN NEW;
        END IF;
        NEW.heading :=
            setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A') ||
            setweight(to_tsvector('simple', coalesce(NEW.summary, '')), 'B') || scope;
        NEW.document :=
            NEW.heading || setweight(to_tsvector('simple', coalesce(NEW.body, '')), 'C');
        NEW.title := '';
        NEW.summary := '';
        NEW.body := '';
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER core_searchentry_document ON core_searchentry",
    # On insert only: an entry rewritten is an upsert, which sets the vectors its proposed
    # row got here (`search_entries_save`).
    """CREATE TRIGGER core_searchentry_document BEFORE INSERT
        ON core_searchentry FOR EACH ROW EXECUTE FUNCTION core_searchentry_document()""",
]
POSTGRESQL_REVERSE = [
    """CREATE OR REPLACE FUNCTION core_searchentry_document() RETURNS trigger AS $$
    BEGIN
        NEW.heading :=
            setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A') ||
            setweight(to_tsvector('simple', coalesce(NEW.summary, '')), 'B');
        NEW.document :=
            NEW.heading || setweight(to_tsvector('simple', coalesce(NEW.body, '')), 'C');
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    "DROP TRIGGER core_searchentry_document ON core_searchentry",
    """CREATE TRIGGER core_searchentry_document BEFORE INSERT OR UPDATE OF title, summary, body
        ON core_searchentry FOR EACH ROW EXECUTE FUNCTION core_searchentry_document()""",
]


def _forget_entries(apps, schema_editor):
    apps.get_model("core", "SearchEntry").objects.all().delete()


def _sqlite_triggers(apps, schema_editor):
    """The FTS5 triggers on the table made anew, and the FTS5 index read from it again."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS core_searchentry_fts_{name}")
    for statement in SQLITE_TRIGGERS:
        schema_editor.execute(statement)
    schema_editor.execute(
        "INSERT INTO core_searchentry_fts(core_searchentry_fts) VALUES ('rebuild')"
    )


def _postgresql(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0004_search_heading")]

    operations = [
        migrations.RunPython(_forget_entries, _sqlite_triggers),
        migrations.AlterField(
            model_name="searchentry",
            name="scope",
            field=models.TextField(
                help_text="Kind and language, and the facets a search narrows by.",
                verbose_name="scope",
            ),
        ),
        migrations.RemoveIndex(model_name="searchentry", name="core_search_recent"),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["kind", "language", "sequence"], name="core_search_newest"),
        ),
        migrations.RunPython(_sqlite_triggers, migrations.RunPython.noop),
        migrations.RunPython(_postgresql(POSTGRESQL), _postgresql(POSTGRESQL_REVERSE)),
    ]
