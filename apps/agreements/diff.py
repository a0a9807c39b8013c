"""The word diff between two versions: the one visions wrote (apps.visions.diff), reused."""

from apps.visions.diff import Diff, diff_texts

__all__ = ["Diff", "diff_texts"]
