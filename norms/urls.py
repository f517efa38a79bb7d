
app_name = "norms"
urlpatterns = []
