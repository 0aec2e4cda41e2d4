"""Seeding the demo data set, one module per app it fills (run by `manage.py seed_demo`)."""
