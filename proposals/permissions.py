"""Who may see and act on proposals (object-level rules with the `rules` library)."""
