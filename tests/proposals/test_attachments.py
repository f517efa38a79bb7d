import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.roles import Role
from proposals.exceptions import AttachmentRejected
from proposals.services import intake as intake_services
from tests.factories import ProviderFactory, make_user
from tests.proposals.factories import make_proposal, regional_fund_with_municipalities

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.fixture
def setting(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    fund, _ = regional_fund_with_municipalities()
    provider = ProviderFactory()
    user = make_user("aanbieder-att", Role.PROVIDER, provider=provider)
    return user, make_proposal(fund, user=user, applicants=[provider])


def test_pdf_upload_is_served_to_the_owner_only(client_as, setting):
    user, proposal = setting
    client = client_as(user)
    response = client.post(
        reverse("proposals:attachment_add", args=[proposal.pk]),
        {"att-file": SimpleUploadedFile("projectplan.pdf", PDF, "application/pdf")},
        follow=True,
    )
    assert "Bijlage projectplan.pdf is toegevoegd" in response.content.decode()
    attachment = proposal.attachments.get()
    download = client.get(reverse("proposals:attachment", args=[proposal.pk, attachment.pk]))
    assert download.status_code == 200 and download.content == PDF
    stranger = make_user("aanbieder-ander", Role.PROVIDER, provider=ProviderFactory())
    assert (
        client_as(stranger)
        .get(reverse("proposals:attachment", args=[proposal.pk, attachment.pk]))
        .status_code
        == 404
    )


def test_other_types_and_disguised_files_are_refused(setting):
    user, proposal = setting
    with pytest.raises(AttachmentRejected, match="alleen PDF-, DOCX- en XLSX-bestanden"):
        intake_services.attachment_add(
            user=user, proposal=proposal, name="virus.exe", content=b"MZ"
        )
    with pytest.raises(AttachmentRejected, match="geen geldig PDF-bestand"):
        intake_services.attachment_add(
            user=user, proposal=proposal, name="plan.pdf", content=b"<html>"
        )
    with pytest.raises(AttachmentRejected, match="geen geldig DOCX-bestand"):
        intake_services.attachment_add(
            user=user, proposal=proposal, name="plan.docx", content=xlsx_bytes()
        )
    assert (
        intake_services.attachment_add(
            user=user, proposal=proposal, name="begroting.xlsx", content=xlsx_bytes()
        ).size
        > 0
    )
    assert proposal.attachments.count() == 1


def test_size_limit(setting, monkeypatch):
    user, proposal = setting
    monkeypatch.setattr(intake_services, "ATTACHMENT_MAX_BYTES", 100)
    with pytest.raises(AttachmentRejected, match="de grens is"):
        intake_services.attachment_add(
            user=user, proposal=proposal, name="plan.pdf", content=PDF + b" " * 200
        )
    assert not proposal.attachments.exists()
