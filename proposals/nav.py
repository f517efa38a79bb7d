NAV = [
    ("Voorstellen", "proposals:list", None),
    (
        "Vergaderingen",
        "proposals:meetings",
        ["two", "portefeuillehouder", "coordinerende-gemeente"],
    ),
]
