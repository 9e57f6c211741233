"""Demo content for `manage.py seed_demo`: realistic publishers, releases and Council meetings."""
