"""goldseam.transcripts."""
