"""Attachments go through Django's STORAGES: with the production choice, an S3-compatible object
store (django-storages), they live in the bucket and not on this server's disk, so every server
serves them. Tested against a local S3 server on loopback (moto)."""

import boto3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer

from core.roles import Role
from tests.factories import ProviderFactory, make_user
from tests.proposals.factories import make_proposal, regional_fund_with_municipalities

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
BUCKET = "jeugdfonds-bestanden"


@pytest.fixture
def s3(monkeypatch):
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_DEFAULT_REGION": "eu-west-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="eu-west-1")
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    yield endpoint, client
    server.stop()


@pytest.fixture
def s3_storage(settings, s3, tmp_path):
    endpoint, client = s3
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "eu-west-1",
                "default_acl": None,
                "file_overwrite": False,
                "querystring_auth": True,
            },
        },
    }
    return client


def test_an_uploaded_attachment_lives_in_the_bucket_and_is_served_from_it(
    client_as, s3_storage, settings
):
    fund, _ = regional_fund_with_municipalities()
    provider = ProviderFactory()
    user = make_user("aanbieder-s3", Role.PROVIDER, provider=provider)
    proposal = make_proposal(fund, user=user, applicants=[provider])
    client = client_as(user)

    response = client.post(
        reverse("proposals:attachment_add", args=[proposal.pk]),
        {"att-file": SimpleUploadedFile("projectplan.pdf", PDF, "application/pdf")},
        follow=True,
    )
    assert "Bijlage projectplan.pdf is toegevoegd" in response.content.decode()

    attachment = proposal.attachments.get()
    keys = [o["Key"] for o in s3_storage.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    assert keys == [attachment.file.name] and keys[0].startswith(f"proposals/{proposal.pk}/")
    assert s3_storage.get_object(Bucket=BUCKET, Key=keys[0])["Body"].read() == PDF
    assert not settings.MEDIA_ROOT.exists() or not any(
        settings.MEDIA_ROOT.rglob("*.pdf")
    )  # nothing on this disk

    download = client.get(reverse("proposals:attachment", args=[proposal.pk, attachment.pk]))
    assert download.status_code == 200 and download.content == PDF
