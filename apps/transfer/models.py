"""Models of transfer."""
