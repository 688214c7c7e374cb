"""Partners' keys to the ninjs API: create NAME, revoke PREFIX, list."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from dateline.syndication.models import ApiKey
from dateline.syndication.services import api_key_create, api_key_revoke


class Command(BaseCommand):
    help = "Create, revoke or list partners' API keys for the ninjs API."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True)
        actions.add_parser("create").add_argument("name", help="the partner's name")
        actions.add_parser("revoke").add_argument("prefix", help="the key's prefix, from list")
        actions.add_parser("list")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "create":
            if not options["name"].strip():
                raise CommandError("Give the partner a name.")
            record, key = api_key_create(name=options["name"])
            self.stdout.write(f"Key for {record.name} (shown once, keep it safe):\n{key}")
        elif options["action"] == "revoke":
            if not api_key_revoke(prefix=options["prefix"]):
                raise CommandError(f"No active key has the prefix {options['prefix']!r}.")
            self.stdout.write(f"Revoked {options['prefix']}.")
        else:
            for record in ApiKey.objects.all():
                state = "active" if record.is_active else f"revoked {record.revoked_at:%Y-%m-%d}"
                used = f"{record.last_used_at:%Y-%m-%d %H:%M}" if record.last_used_at else "never"
                self.stdout.write(f"{record.prefix}  {record.name}  {state}  last used {used}")
