"""The living demo: `manage.py seed_demo` (apps.demo.management.commands.seed_demo).

This app sits at the top of the app graph: it calls each domain app's `demo.seed()` directly,
in the order the data needs, and nothing imports it.
"""
