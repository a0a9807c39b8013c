"""Browser tests: Playwright driving Debian's Chromium. The `browser` and `page` fixtures are in
tests/conftest.py, shared by every app's browser tests."""


def wait_until(page, expression: str, timeout: float = 15_000) -> None:
    """Wait until a JavaScript expression is true on the page. Playwright's `wait_for_function`
    compiles its predicate with `new Function`, which the Content Security Policy (no
    'unsafe-eval') refuses; `page.evaluate` runs through the DevTools protocol instead."""
    import time

    deadline = time.monotonic() + timeout / 1000
    while True:
        if page.evaluate(expression):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout / 1000:.0f} s: {expression}")
        page.wait_for_timeout(100)
