"""The JSON API: the same records and rules as the pages, for API clients holding a token."""
