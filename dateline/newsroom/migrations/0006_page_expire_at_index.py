"""An index of the pages that have an expiry, which Wagtail's `publish_scheduled` (on every
scheduler pass) asks for: without it each pass read every page of the archive to find
those few (36 ms a pass at 200,000 articles, every 15 seconds). Partial: only pages with
an expiry are in it."""

from django.db import migrations

INDEX = "newsroom_page_expire_at"


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0005_page_locale_published_index")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (expire_at) "
            "WHERE expire_at IS NOT NULL",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
