NAV = [("Overzicht", "core:home", None), ("Gebruikers en rollen", "core:organisations", ["functioneel-beheerder"])]
