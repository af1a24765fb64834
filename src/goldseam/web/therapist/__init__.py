"""The therapist's view: the couples who invited them, their progress, and private notes."""
