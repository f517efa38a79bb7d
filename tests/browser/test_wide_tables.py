"""Issue 14: wide tables fit a 1366 px screen. On the widest pages the page itself never scrolls
sideways; a table either fits or scrolls inside its own box, and such a box can be reached and
scrolled with the keyboard (focusable, a named region) and shows a visible cue that it scrolls."""

import pytest
from django.core.management import call_command

from tests.browser.conftest import AXE, assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MEASURE = """() => {
  const doc = document.documentElement;
  const main = document.querySelector('main').getBoundingClientRect();
  const result = {overflow: doc.scrollWidth - doc.clientWidth, tables: 0, scrolling: [], wrong: []};
  for (const table of document.querySelectorAll('main table')) {
    result.tables += 1;
    const name = (table.querySelector('caption') || table).textContent.trim().slice(0, 60);
    let box = table.parentElement;
    while (box !== document.body && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
    if (box !== document.body && box.scrollWidth > box.clientWidth + 1) {
      result.scrolling.push(name);
      const label = box.getAttribute('aria-label') || box.getAttribute('aria-labelledby');
      const hint = box.getAttribute('aria-describedby') && document.getElementById(box.getAttribute('aria-describedby'));
      if (box.tabIndex < 0 || box.getAttribute('role') !== 'region' || !label) result.wrong.push(name + ': not a focusable region');
      else if (!hint || !hint.offsetParent || !hint.textContent.trim()) result.wrong.push(name + ': no visible cue');
    } else if (table.getBoundingClientRect().right > main.right + 1) {
      result.wrong.push(name + ': sticks out of the page');
    }
  }
  return result;
}"""


def _meeting_url():
    from proposals import meeting_selectors as selectors
    from proposals.models import Meeting

    meetings = Meeting.objects.filter(fund__slug="tijdelijk-fonds-holland-rijnland").order_by(
        "-date"
    )
    meeting = next(
        m for m in meetings if getattr(selectors.meeting_overview_snapshot(m), "html", "")
    )
    return f"/voorstellen/vergaderingen/{meeting.pk}/"


@pytest.fixture
def wide_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1366, "height": 768}
    )
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_the_widest_pages_fit_1366_pixels_and_their_wide_tables_scroll_in_a_focusable_box(
    wide_page,
):
    call_command("load_demo", stdout=open("/dev/null", "w"))
    page = wide_page
    pages = {
        "two": [
            "/fondsen/tijdelijk-fonds-holland-rijnland/",
            "/boekhouding/tijdelijk-fonds-holland-rijnland/overzicht/",
            _meeting_url(),
            "/budgetten/regio/?jaar=2016",
        ],
        "rotterdam": ["/boekhouding/spuk-bren-zuid-west/spuk/2021/verantwoording/"],
    }
    scrolled = []
    for username, urls in pages.items():
        login(page, username)
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("load")
            measured = page.evaluate(MEASURE)
            assert measured["tables"] > 0, url
            assert measured["overflow"] <= 0, f"{url} scrolls sideways by {measured['overflow']} px"
            assert measured["wrong"] == [], f"{url}: {measured['wrong']}"
            scrolled += measured["scrolling"]
            assert_accessible(page)
        page.context.clear_cookies()
    # the SPUK verantwoording's table per budget line is the one that has to scroll at this width
    assert any(name.startswith("Onderbouwing per begrotingsonderdeel") for name in scrolled), (
        scrolled
    )
    # and its box takes the keyboard: focused, the arrow key scrolls it
    box = page.locator(
        "[role=region]",
        has=page.locator("caption", has_text="Onderbouwing per begrotingsonderdeel"),
    )
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    # a key scroll may be animated: wait for it (a timeout fails the test) before reading it
    page.wait_for_function("b => b.scrollLeft > 0", arg=box.element_handle(), timeout=10_000)
    assert box.evaluate("b => b.scrollLeft") > 0
