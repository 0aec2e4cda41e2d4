"""Pages of the fieldwork app, by topic."""
