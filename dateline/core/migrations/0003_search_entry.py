"""The search index: its entries, and the full-text index each database keeps of them."""

import django.contrib.postgres.search
from django.db import migrations, models


SQLITE = [
    # External content: the terms live once, in core_searchentry; FTS5 indexes them.
    """CREATE VIRTUAL TABLE core_searchentry_fts USING fts5(
        scope, title, summary, body, content='core_searchentry', content_rowid='sequence',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER core_searchentry_fts_insert AFTER INSERT ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(rowid, scope, title, summary, body)
        VALUES (new.sequence, new.scope, new.title, new.summary, new.body);
    END""",
    """CREATE TRIGGER core_searchentry_fts_delete AFTER DELETE ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, scope, title, summary, body)
        VALUES ('delete', old.sequence, old.scope, old.title, old.summary, old.body);
    END""",
    """CREATE TRIGGER core_searchentry_fts_update AFTER UPDATE ON core_searchentry BEGIN
        INSERT INTO core_searchentry_fts(core_searchentry_fts, rowid, scope, title, summary, body)
        VALUES ('delete', old.sequence, old.scope, old.title, old.summary, old.body);
        INSERT INTO core_searchentry_fts(rowid, scope, title, summary, body)
        VALUES (new.sequence, new.scope, new.title, new.summary, new.body);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER core_searchentry_fts_update",
    "DROP TRIGGER core_searchentry_fts_delete",
    "DROP TRIGGER core_searchentry_fts_insert",
    "DROP TABLE core_searchentry_fts",
]
POSTGRESQL = [
    # The terms are ours already (lemmas, stems): the 'simple' configuration only splits them.
    """CREATE FUNCTION core_searchentry_document() RETURNS trigger AS $$
    BEGIN
        NEW.document :=
            setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A') ||
            setweight(to_tsvector('simple', coalesce(NEW.summary, '')), 'B') ||
            setweight(to_tsvector('simple', coalesce(NEW.body, '')), 'C');
        RETURN NEW;
    END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER core_searchentry_document BEFORE INSERT OR UPDATE
        ON core_searchentry FOR EACH ROW EXECUTE FUNCTION core_searchentry_document()""",
    "CREATE INDEX core_searchentry_document_gin ON core_searchentry USING gin (document)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX core_searchentry_document_gin",
    "DROP TRIGGER core_searchentry_document ON core_searchentry",
    "DROP FUNCTION core_searchentry_document()",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for statement in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_cache_invalidation"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("kind", models.CharField(max_length=20, verbose_name="kind")),
                ("object_id", models.BigIntegerField(verbose_name="object id")),
                ("language", models.CharField(max_length=12, verbose_name="language")),
                ("sequence", models.BigIntegerField(unique=True, verbose_name="sequence")),
                (
                    "scope",
                    models.CharField(
                        help_text="Kind and language.", max_length=40, verbose_name="scope"
                    ),
                ),
                ("title", models.TextField(blank=True, verbose_name="heading terms")),
                ("summary", models.TextField(blank=True, verbose_name="summary terms")),
                ("body", models.TextField(blank=True, verbose_name="body terms")),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published at"),
                ),
                (
                    "document",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "object_id"), name="core_search_one_entry"
                    )
                ],
                "indexes": [
                    models.Index(
                        fields=["kind", "language", "published_at"], name="core_search_recent"
                    )
                ],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
