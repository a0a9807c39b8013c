"""My data: a person's archive of everything about them, account deletion with anonymised
contributions, retention of anonymous input metadata (X4)."""
