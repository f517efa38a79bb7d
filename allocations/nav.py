NAV = [
    ("Budget en prognose", "allocations:start", ["aanbieder"]),
    ("Regiodashboard", "allocations:dashboard", ["two"]),
    ("Tarievenlijst", "allocations:tariffs", ["two"]),
    ("BSN-toegangslog", "allocations:access_log", ["two"]),
]
