NAV = [("BREN-proces", "bren:index", ["two", "coordinerende-gemeente"])]
