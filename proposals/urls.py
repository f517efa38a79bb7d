from django.urls import path

from proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("nieuw/<slug:fund_slug>/", views.proposal_create, name="create"),
    path("<int:pk>/", views.proposal_detail, name="detail"),
    path("<int:pk>/wijzigen/", views.proposal_edit, name="edit"),
    path("<int:pk>/status/", views.proposal_transition, name="transition"),
    path("<int:pk>/doelen/", views.goal_add, name="goal_add"),
    path("<int:pk>/bijlagen/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/bijlagen/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/toetsing/", views.screening_record, name="screening"),
    path("<int:pk>/instemming/", views.consent_record, name="consent"),
    path("<int:pk>/advies/", views.advice_record, name="advice"),
    path("<int:pk>/besluit/", views.spuk_decide, name="decide"),
    path(
        "<int:pk>/toekenningen/<str:number>/beschikking/", views.letter_issue, name="letter_issue"
    ),
    path(
        "<int:pk>/toekenningen/<str:number>/beschikking/<int:version>.pdf",
        views.letter_pdf,
        name="letter_pdf",
    ),
    path("<int:pk>/afwijzing/", views.rejection_letter_issue, name="rejection_letter_issue"),
    path("<int:pk>/afwijzing/<int:version>.pdf", views.rejection_letter_pdf, name="rejection_letter_pdf"),
    path("beschikkingen/teksten/", views.letter_templates, name="letter_templates"),
    path("vergaderingen/", views.meeting_list, name="meetings"),
    path("vergaderingen/<int:pk>/", views.meeting_detail, name="meeting"),
    path(
        "vergaderingen/<int:pk>/fondsoverzicht.pdf",
        views.meeting_overview_pdf,
        name="meeting_overview_pdf",
    ),
    path(
        "vergaderingen/<int:pk>/fondsoverzicht.xlsx",
        views.meeting_overview_xlsx,
        name="meeting_overview_xlsx",
    ),
    path("agendapunten/<int:pk>/", views.agenda_item_detail, name="item"),
    path("agendapunten/<int:pk>/sluiten/", views.agenda_item_close, name="item_close"),
]
