NAV = [
    ("Budget en prognose", "allocations:start", ["aanbieder"]),
    ("Regiodashboard", "allocations:dashboard", ["two"]),
    ("BSN-toegangslog", "allocations:access_log", ["two"]),
]
