NAV = [
    ("Overzicht", "worklists:home", None),
    ("Gebruikers en rollen", "core:organisations", ["functioneel-beheerder"]),
]
