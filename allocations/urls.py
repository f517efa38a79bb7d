app_name = "allocations"
urlpatterns: list = []
