"""Background work: tasks queued in the database (django-tasks) for the worker that
`make run` starts (`manage.py db_worker --backend background`). Wagtail's own tasks keep
the immediate default backend."""

BACKGROUND = "background"
