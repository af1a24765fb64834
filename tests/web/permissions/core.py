"""Permission rows for the project-level URLs."""
from . import Row, expect

ROWS = [
    # The start page only sends each person on: partners and therapists to their pages.
    Row("home", "GET", expected=expect(partners=302, therapists=302, outsider=302, anon=302)),
]
