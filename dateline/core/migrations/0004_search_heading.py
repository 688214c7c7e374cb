"""PostgreSQL keeps the heading and summary in a small vector of their own, GIN-indexed: the
matches of a common word in the headlines are found and ranked without reading the whole
document of every match."""

import django.contrib.postgres.search
from django.db import migrations

POSTGRESQL = [
    """CREATE OR REPLACE FUNCTION core_searchentry_document() RETURNS trigger AS $$
    BEGIN
        NEW.heading :=
            setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A') ||
            setweight(to_tsvector('simple', coalesce(NEW.summary, '')), 'B');
        NEW.document :=
            NEW.heading || setweight(to_tsvector('simple', coalesce(NEW.body, '')), 'C');
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    # Only a change of the words makes the vectors anew.
    "DROP TRIGGER core_searchentry_document ON core_searchentry",
    """CREATE TRIGGER core_searchentry_document BEFORE INSERT OR UPDATE OF title, summary, body
        ON core_searchentry FOR EACH ROW EXECUTE FUNCTION core_searchentry_document()""",
    """UPDATE core_searchentry SET heading =
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(summary, '')), 'B')""",
    "CREATE INDEX core_searchentry_heading_gin ON core_searchentry USING gin (heading)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX core_searchentry_heading_gin",
    "DROP TRIGGER core_searchentry_document ON core_searchentry",
    """CREATE TRIGGER core_searchentry_document BEFORE INSERT OR UPDATE
        ON core_searchentry FOR EACH ROW EXECUTE FUNCTION core_searchentry_document()""",
]


def _run(statements: list[str]):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0003_search_entry")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="heading",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(_run(POSTGRESQL), _run(POSTGRESQL_REVERSE)),
    ]
