"""Value-creating dialogue between the municipality and landowners, developers and builders (V3)."""
