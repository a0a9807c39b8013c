"""Models of establishment."""
