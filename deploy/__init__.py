"""Running Dateline beyond `make run`: the scale profile (see scale.py)."""
