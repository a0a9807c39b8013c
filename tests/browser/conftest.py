"""Browser tests: Playwright driving Debian's Chromium. The `browser` and `page` fixtures are in
tests/conftest.py, shared by every app's browser tests."""
