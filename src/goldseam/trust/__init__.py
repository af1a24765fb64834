"""goldseam.trust."""
