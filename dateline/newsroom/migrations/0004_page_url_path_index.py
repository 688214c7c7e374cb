"""An index on Wagtail's `url_path`, by which an article's address finds it in one indexed
read (`routing.page_route`): Wagtail's page table has none, so each article request read
every page of its edition, a cost that grew with the archive."""

from django.db import migrations

INDEX = "newsroom_page_url_path"


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0003_sectionpage_comment_moderation"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (url_path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
