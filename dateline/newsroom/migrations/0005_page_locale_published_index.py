"""An index of each edition's pages in the order readers get them (newest first, id
breaking ties), so that the newsfeed, the next article and the home's newest by section
read their few rows from its end. Filtered by edition, the database otherwise took the
locale index, read every page of the edition's archive and sorted them."""

from django.db import migrations

INDEX = "newsroom_page_locale_published"


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0004_page_url_path_index")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page "
            "(locale_id, first_published_at, id)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
