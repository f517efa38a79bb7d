"""Feed a form of a page bad values, one field at a time, as a browser would send it (issue 12, Tests).

`FormCase` names a page, the form on it (by its action) and the values that make it valid; `feed`
posts the form with each bad value in each field and checks the answer: never a 500; a 4xx, or
a page that shows an error in Dutch (a field error, an error alert); and no table changed. Then it
posts the valid values and checks that something did change: the cases are not refused for another
reason than the value they try."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.corpus.test_bad_inputs import row_counts

ERROR_BLOCKS = re.compile(
    r'<(?:p|div|li|ul)[^>]*class="[^"]*(?:utrecht-form-field-error-message|utrecht-alert--error|jf-errors)[^"]*"[^>]*>(.*?)</(?:p|div|ul|li)>',
    re.S,
)
ENGLISH = (
    "This field",
    "Enter a",
    "Select a valid",
    "Ensure this",
    "is not a valid",
    "Invalid",
    "required.",
)

HUGE = "9" * 100_000
TEXT = ["", " ", HUGE, "\x00\x07\x1b"]
LONG_TEXT = TEXT + ["x" * 5001]  # a free text: at most 5,000 characters (core.forms.LONG_TEXT_MAX)
NUMBERS = [
    "",
    "abc",
    "12,500.50",
    "1_000",
    "١٠٠",
    "1e5",
    "NaN",
    "-Infinity",
    "=1+1",
    "\x00",
    HUGE,
    "99999999999999999999,99",
    "-5",
]
DATES = [
    "",
    "abc",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "2016-02-30",
    "99999999-01-01",
    "=TODAY()",
    "\x00",
    HUGE,
]
CHOICES = ["", "=1+1", "99999999999999999999", "-1", "abc", HUGE]


class _Forms(HTMLParser):
    """Every <form> of a page: its action and the values a browser would send as the page is."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select, self._multiple, self._textarea = (
            [],
            None,
            None,
            False,
            None,
        )

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {
                "action": a.get("action"),
                "method": (a.get("method") or "get").lower(),
                "data": {},
            }
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["data"].setdefault(a["name"], []).append(a.get("value", "on"))
            else:
                self._form["data"][a["name"]] = a.get("value", "")
        elif tag == "select" and a.get("name"):
            self._select, self._multiple = a["name"], "multiple" in a
            self._form["data"].setdefault(self._select, [] if self._multiple else "")
        elif tag == "option" and self._select and ("selected" in a):
            if self._multiple:
                self._form["data"][self._select].append(a.get("value", ""))
            else:
                self._form["data"][self._select] = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form["data"][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea and self._form is not None:
            self._form["data"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_on(client, page: str, action: str | None) -> dict:
    """The values of the POST form on `page` whose action is `action` (None: the form without one)."""
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    parser = _Forms()
    parser.feed(response.content.decode())
    forms = [f for f in parser.forms if f["method"] == "post" and f["action"] == action]
    assert forms, f"no form posting to {action} on {page}"
    return dict(forms[0]["data"])


# a proposal's list of what is missing before it can be screened: always on its page, never a refusal
BLOCKERS = re.compile(r'<div[^>]*data-testid="blockers"[^>]*>.*?</div>', re.S)


def dutch_errors(page: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", " ", block).strip()
        for block in ERROR_BLOCKS.findall(BLOCKERS.sub("", page))
    ]


def refused_in_dutch(response, case) -> str | None:
    """None when the answer is a refusal with a Dutch reason; else what is wrong with it."""
    if response.status_code >= 500:
        return f"{case}: {response.status_code}"
    if 400 <= response.status_code < 500:
        return None
    errors = [e for e in dutch_errors(response.content.decode()) if e]
    if not errors:
        return f"{case}: {response.status_code} without an error on the page"
    english = [e for e in errors if any(word in e for word in ENGLISH)]
    return f"{case}: not Dutch: {english}" if english else None


@dataclass
class FormCase:
    name: str
    page: str
    action: str | None  # the form's action attribute; None: posts to the page itself
    valid: dict  # values that make the form valid (on top of what the page shows)
    bad: dict[str, list] = field(default_factory=dict)  # field -> bad values
    files: dict[str, tuple[str, bytes]] = field(
        default_factory=dict
    )  # file field -> a valid (name, content)
    bad_files: dict[str, dict[str, bytes]] = field(
        default_factory=dict
    )  # file field -> {name: bad content}
    bad_urls: list[str] = field(
        default_factory=list
    )  # the valid values posted to another record's address
    # the contents of the rows the form changes in place (a row count does not see those): the same after every bad post
    watch: Callable[[], object] | None = None

    @property
    def url(self) -> str:
        return self.action or self.page

    def count(self) -> int:
        return (
            sum(len(values) for values in self.bad.values())
            + sum(len(files) for files in self.bad_files.values())
            + len(self.bad_urls)
        )


def feed(client, case: FormCase) -> list[str]:
    """Post every bad value; return the problems found (empty: all refused, nothing changed)."""
    data = {**form_on(client, case.page, case.action), **case.valid}

    def files(**bad):
        return {name: SimpleUploadedFile(*file) for name, file in {**case.files, **bad}.items()}

    tries = [
        (case.url, {**data, name: value, **files()}, f"{name}={value[:30]!r}")
        for name, values in case.bad.items()
        for value in values
    ]
    tries += [
        (case.url, {**data, **files(**{name: (file_name, content)})}, f"{name}={file_name[:30]!r}")
        for name, bad in case.bad_files.items()
        for file_name, content in bad.items()
    ]
    tries += [(url, {**data, **files()}, url) for url in case.bad_urls]
    problems = []
    before = after = row_counts()
    contents = case.watch() if case.watch else None
    for url, values, label in tries:
        response = client.post(url, values, follow=True)
        problem = refused_in_dutch(response, f"{case.name} {label}")
        if problem:
            problems.append(problem)
        after = row_counts()
        if after != before:
            changed = {k: (before[k], after[k]) for k in after if after[k] != before[k]}
            problems.append(f"{case.name} {label}: tables changed: {changed}")
            before = after
        if case.watch and case.watch() != contents:
            problems.append(f"{case.name} {label}: changed in place: {contents} -> {case.watch()}")
            contents = case.watch()
    # the control: the valid values do change something, so the refusals above were about the value
    response = client.post(case.url, {**data, **files()}, follow=True)
    changed = row_counts() != after or (case.watch is not None and case.watch() != contents)
    if response.status_code >= 400 or not changed:
        problems.append(
            f"{case.name}: the valid values were not accepted ({response.status_code}): "
            f"{dutch_errors(response.content.decode())[:3]}"
        )
    return problems
