"""Every write of the allocations app, one module per area; callers import the module they need:
products (and tariffs), budget_requests (PxQ requests, their decisions and transfers), forecasts (the monthly
forecast, its upload and the intake stop) and clients (the BSNs of clients taken in above budget); common holds
what they share. One function per use case, atomic, with a named actor (`user=`).
"""
