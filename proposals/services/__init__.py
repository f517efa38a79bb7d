"""Every write of the proposals app, one module per area; callers import the module they need:
intake, screening (and the state machine), meetings (and voting), advice (SPUK) and letters (awards and
letters). Keyword-only arguments and a named actor (`user=`)."""
