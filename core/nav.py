NAV = [("Overzicht", "core:home", None)]
