"""The council portal over the API (same services, same policy), by topic."""
