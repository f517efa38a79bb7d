NAV = [
    (
        "Normen jeugdbescherming",
        "norms:index",
        ["two", "coordinerende-gemeente", "jeugdhulpregio", "aanbieder"],
    ),
]
