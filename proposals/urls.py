from django.urls import path

from proposals.views import letters, meetings, proposals

app_name = "proposals"
urlpatterns = [
    path("", proposals.proposal_list, name="list"),
    path("nieuw/<slug:fund_slug>/", proposals.proposal_create, name="create"),
    path("<id:pk>/", proposals.proposal_detail, name="detail"),
    path("<id:pk>/wijzigen/", proposals.proposal_edit, name="edit"),
    path("<id:pk>/status/", proposals.proposal_transition, name="transition"),
    path("<id:pk>/doelen/", proposals.goal_add, name="goal_add"),
    path("<id:pk>/bijlagen/", proposals.attachment_add, name="attachment_add"),
    path("<id:pk>/bijlagen/<id:attachment_pk>/", proposals.attachment_download, name="attachment"),
    path("<id:pk>/toetsing/", proposals.screening_record, name="screening"),
    path("<id:pk>/instemming/", proposals.consent_record, name="consent"),
    path("<id:pk>/advies/", proposals.advice_record, name="advice"),
    path("<id:pk>/besluit/", proposals.spuk_decide, name="decide"),
    path(
        "<id:pk>/toekenningen/<str:number>/beschikking/", letters.letter_issue, name="letter_issue"
    ),
    path(
        "<id:pk>/toekenningen/<str:number>/beschikking/<id:version>.pdf",
        letters.letter_pdf,
        name="letter_pdf",
    ),
    path("<id:pk>/afwijzing/", letters.rejection_letter_issue, name="rejection_letter_issue"),
    path(
        "<id:pk>/afwijzing/<id:version>.pdf",
        letters.rejection_letter_pdf,
        name="rejection_letter_pdf",
    ),
    path("beschikkingen/teksten/", letters.letter_templates, name="letter_templates"),
    path("vergaderingen/", meetings.meeting_list, name="meetings"),
    path("vergaderingen/<id:pk>/", meetings.meeting_detail, name="meeting"),
    path(
        "vergaderingen/<id:pk>/fondsoverzicht.pdf",
        meetings.meeting_overview_pdf,
        name="meeting_overview_pdf",
    ),
    path(
        "vergaderingen/<id:pk>/fondsoverzicht.xlsx",
        meetings.meeting_overview_xlsx,
        name="meeting_overview_xlsx",
    ),
    path("agendapunten/<id:pk>/", meetings.agenda_item_detail, name="item"),
    path("agendapunten/<id:pk>/sluiten/", meetings.agenda_item_close, name="item_close"),
]
