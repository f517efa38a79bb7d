"""Each role's worklist on the home page: what waits for this user today, and where it is done.

One module per role (two, portfolio_holder, provider, coordinator, region; home puts them
together for the home page). Each builds on the visibility selectors of the apps it reads
(proposals_visible_to, funds_visible_to, providers_visible_to), so whatever limits what a user
may see limits the worklist too. Each runs a fixed number of queries, whatever the size of the data.
"""
