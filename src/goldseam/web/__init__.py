"""goldseam.web."""
