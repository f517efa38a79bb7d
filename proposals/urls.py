from django.urls import path

from proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.proposal_list, name="list"),
    path("nieuw/<slug:fund_slug>/", views.proposal_create, name="create"),
    path("<id:pk>/", views.proposal_detail, name="detail"),
    path("<id:pk>/wijzigen/", views.proposal_edit, name="edit"),
    path("<id:pk>/status/", views.proposal_transition, name="transition"),
    path("<id:pk>/doelen/", views.goal_add, name="goal_add"),
    path("<id:pk>/bijlagen/", views.attachment_add, name="attachment_add"),
    path("<id:pk>/bijlagen/<id:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<id:pk>/toetsing/", views.screening_record, name="screening"),
    path("<id:pk>/instemming/", views.consent_record, name="consent"),
    path("<id:pk>/advies/", views.advice_record, name="advice"),
    path("<id:pk>/besluit/", views.spuk_decide, name="decide"),
    path("<id:pk>/toekenningen/<str:number>/beschikking/", views.letter_issue, name="letter_issue"),
    path(
        "<id:pk>/toekenningen/<str:number>/beschikking/<id:version>.pdf",
        views.letter_pdf,
        name="letter_pdf",
    ),
    path("<id:pk>/afwijzing/", views.rejection_letter_issue, name="rejection_letter_issue"),
    path(
        "<id:pk>/afwijzing/<id:version>.pdf",
        views.rejection_letter_pdf,
        name="rejection_letter_pdf",
    ),
    path("beschikkingen/teksten/", views.letter_templates, name="letter_templates"),
    path("vergaderingen/", views.meeting_list, name="meetings"),
    path("vergaderingen/<id:pk>/", views.meeting_detail, name="meeting"),
    path(
        "vergaderingen/<id:pk>/fondsoverzicht.pdf",
        views.meeting_overview_pdf,
        name="meeting_overview_pdf",
    ),
    path(
        "vergaderingen/<id:pk>/fondsoverzicht.xlsx",
        views.meeting_overview_xlsx,
        name="meeting_overview_xlsx",
    ),
    path("agendapunten/<id:pk>/", views.agenda_item_detail, name="item"),
    path("agendapunten/<id:pk>/sluiten/", views.agenda_item_close, name="item_close"),
]
