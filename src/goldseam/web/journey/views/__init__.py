"""Pages of the journey, one module per stage, plus the live coach's JSON endpoint."""
