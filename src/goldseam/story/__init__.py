"""goldseam.story."""
