NAV = [
    (
        "Fondsen",
        "fund:list",
        ["two", "portefeuillehouder", "coordinerende-gemeente", "jeugdhulpregio"],
    ),
    ("Circulaires", "fund:circulars", ["two"]),
]
