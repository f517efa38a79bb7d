app_name = "accounting"
urlpatterns: list = []
