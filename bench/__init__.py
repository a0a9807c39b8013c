"""`make bench`: generated data at scale, gunicorn, a load generator -> docs/performance.md."""
