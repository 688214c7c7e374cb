from django.core.management.base import BaseCommand

from dateline.demo.loader import demo_load, staff_ensure


class Command(BaseCommand):
    help = "Load the demo editions, sections, articles and photos (once), and the demo accounts."

    def handle(self, *args, **options):
        if demo_load(stdout=self.stdout):
            self.stdout.write(self.style.SUCCESS("Demo content loaded."))
        else:
            self.stdout.write("Demo content already present; nothing changed.")
        self.stdout.write("Demo accounts (staff sign in at http://127.0.0.1:8000/admin/):")
        for username, email, password, role in staff_ensure():
            self.stdout.write(f"  {username:12} {email:28} {password:28} {role}")
