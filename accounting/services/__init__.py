"""Every write of the books: one module per area (ledger, awards and grants, settlement, SPUK
division, project monitoring), one function per use case, atomic, with a named actor.

Before any check on money left, the fund row is locked (select_for_update), so two payments
at the same moment cannot both pass the check.
"""
