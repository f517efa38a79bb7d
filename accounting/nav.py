NAV = [
    ("Boekhouding", "accounting:index", ["two", "portefeuillehouder", "coordinerende-gemeente"]),
    (
        "Projectverslagen",
        "accounting:region_reports",
        ["two", "coordinerende-gemeente", "jeugdhulpregio"],
    ),
    (
        "Prestaties",
        "accounting:my_results",
        ["aanbieder", "jeugdhulpregio", "coordinerende-gemeente"],
    ),
]
