"""Browser tests: Playwright drives Debian's chromium (no browser download) and axe-core checks
every page for WCAG 2.1 AA violations."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still made synchronously, one at a time.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(autouse=True)
def _second_factor_enforced(settings):
    """The browser tests use the site as production does: a password login asks for the code."""
    settings.TWO_FACTOR_ENFORCED = True


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run `make test`, which installs it.")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A page of a site that runs with its Content-Security-Policy on. axe-core comes in as an init
    script (the browser runs those outside the page's policy; a <script> tag would be refused), and
    a test fails when the browser refused anything under the policy."""
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", accept_downloads=True)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(15000)
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    context.close()
    assert refused == [], "The Content-Security-Policy refused:\n" + "\n".join(refused)


def follow(page, locator):
    """Click a link or a form's button and wait until the page it leads to has loaded.

    A bare click() returns as soon as the click is dispatched; the next step would then race the
    navigation (reading the old page, or injecting axe into a document that is being replaced)."""
    with page.expect_navigation(wait_until="load"):
        locator.click()


def assert_accessible(page):
    """axe-core, WCAG 2.0/2.1 A and AA rules: no violation on the page as it is now."""
    page.wait_for_load_state("load")
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    assert violations == [], f"Accessibility violations on {page.url}:\n" + "\n".join(violations)


def login(page, username, password="demo"):
    """Log in with the password and then the code of the user's authenticator app, computed from
    its secret (the demo users': DEMO_TOTP_SECRET; a factory user gets that app here)."""
    from tests.second_factor import device_of, next_code

    device_of(username)
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    follow(page, page.get_by_role("button", name="Inloggen"))
    page.get_by_label("Code uit uw authenticator-app").fill(next_code(username))
    follow(page, page.get_by_role("button", name="Bevestigen"))
    assert "/accounts/login/" not in page.url, f"login as {username} failed"
