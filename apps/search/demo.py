"""Demo of search: after every other app's demo, index everything once (the demos write some
things in bulk, past the signals that keep the index current)."""

from typing import Any

from apps.search import services


def seed(*, stdout: Any) -> None:
    count = services.rebuild()
    if stdout is not None:
        stdout.write(f"Search: {count} documents indexed.")
