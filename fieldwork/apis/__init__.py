"""The fieldwork API, by topic."""
