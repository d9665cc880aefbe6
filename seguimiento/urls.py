from django.urls import path

from seguimiento import views

app_name = "seguimiento"

urlpatterns = [
    path("", views.ConsultaView.as_view(), name="consulta"),
]
