"""Hub export and import: a versioned archive of one hub and its import into another installation (X1)."""
