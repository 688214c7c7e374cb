from django.core.management import call_command


def run_worker() -> None:
    """What `make run`'s worker does, until nothing is left to do."""
    call_command(
        "db_worker",
        "--backend",
        "background",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )
