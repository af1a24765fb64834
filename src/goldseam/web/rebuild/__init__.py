"""Stage 5, rebuild through consistent action: the ledger, check-ins, rituals and dashboard.

Thin over ``goldseam.trust``: models store what partners said, ``bridge`` turns rows into the
library's plain objects, and views call the library and render.
"""
