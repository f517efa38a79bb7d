"""Provider budgets, forecasts and clients above budget in the JSON API: `views` (the endpoints),
`serializers` (their shapes), `forecasts` (the reads and the JSON forecast's checks)."""
