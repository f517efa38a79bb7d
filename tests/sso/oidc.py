"""A real OpenID Connect provider for the tests: node's oidc-provider (tests/sso/provider.mjs) on a
free loopback port, with the test client `jeugdfonds` (PKCE) and the accounts anna, onbekend and
vreemd. `oidc_provider` starts it for the test client's site (http://testserver), the browser
tests' `oidc_provider_live` for the live server; it always stops at the end of the session."""

import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings

from core import sso
from core.models import Organisation, SsoProvider

SCRIPT = Path(__file__).with_name("provider.mjs")
CLIENT_ID, CLIENT_SECRET = "jeugdfonds", "geheim-van-de-test"
START_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RunningProvider:
    def __init__(self, site: str):
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                "node",
                str(SCRIPT),
                str(self.port),
                f"{site}/accounts/oidc/terug/",
                f"{site}{settings.LOGOUT_REDIRECT_URL}",
            ],
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                if requests.get(self.discovery_url, timeout=1).ok:
                    return
            except requests.RequestException:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(
                    "oidc-provider did not start: " + self.process.stderr.read().decode()[-2000:]
                )
            time.sleep(0.1)

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process.stderr.close()

    def configure(self, organisation: Organisation, **fields) -> SsoProvider:
        """The organisation logs in through this provider (as its administrator would set it up)."""
        return SsoProvider.objects.create(
            organisation=organisation,
            issuer=self.issuer,
            client_id=CLIENT_ID,
            client_secret_encrypted=sso.encrypt_secret(CLIENT_SECRET),
            scopes="openid email jeugdfonds",
            **fields,
        )


@pytest.fixture(scope="session")
def oidc_provider():
    provider = RunningProvider("http://testserver")
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def oidc_provider_live(live_server):
    provider = RunningProvider(live_server.url)
    yield provider
    provider.stop()
