"""goldseam.web.story: the couple's new story, drafted from shared records and written together."""
