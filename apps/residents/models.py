"""Models of residents."""
