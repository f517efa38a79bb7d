"""The demo's one timeline: each story replays its steps on their own moments (`on`), and steps
that one story plans for later (`later`) run as soon as another story passes their moment."""

import datetime as dt
import heapq
import itertools
import json
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.utils import timezone

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


# The demo organisations and budget domains are in place when the story starts (January 2016).
SYSTEM_START = dt.date(2016, 1, 4)


def load_json(name: str):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def at(moment: dt.date | dt.datetime, hour: int = 10, minute: int = 0) -> dt.datetime:
    """`moment` as an aware datetime in Europe/Amsterdam; a date gets the time `hour:minute`."""
    if not isinstance(moment, dt.datetime):
        moment = dt.datetime.combine(moment, dt.time(hour, minute))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


def workday(day: dt.date) -> dt.date:
    """`day`, or the Monday after it when it falls in a weekend."""
    return day + dt.timedelta(days=7 - day.weekday()) if day.weekday() >= 5 else day


@contextmanager
def _clock(moment: dt.date | dt.datetime):
    start = at(moment).astimezone(dt.UTC)
    ticks = itertools.count()
    with mock.patch.object(timezone, "now", lambda: start + dt.timedelta(seconds=next(ticks))):
        yield


@contextmanager
def on(moment: dt.date | dt.datetime):
    """Replay one step of the demo's history at `moment`.

    The demo tells a story of 2016-2021, and many of its rows are write-once, so they must be
    made at the right moment: inside the block `django.utils.timezone.now()` (and so every
    auto_now/auto_now_add field, `timezone.localdate()` and a service's "today") returns `moment`,
    one second later at every call so that rows made in one block keep their order.
    Before the block, the steps that other stories planned for earlier moments (`later`) are run,
    so that what this step sees (say, the books in a meeting's fund overview) is what there was.
    Demo only: the services themselves are unchanged.
    """
    _run_pending(until=at(moment))
    with _clock(moment):
        yield


# -- one timeline for every story ------------------------------------------------------------
# Each story is loaded in turn, but the stories interleave in time: the books hold contributions,
# commitments and payments between the meetings of the proposals, and every meeting keeps the
# fund overview of its day. A story plans such steps with `later`; they run, each on its own
# moment, as soon as another story's `on` passes that moment.

_pending: list[tuple[dt.datetime, int, int, object]] = []
_order = itertools.count()
_state = {"running": False, "held": 0}


def later(moment: dt.date | dt.datetime, step, *, first: bool = False) -> None:
    """Run `step()` at `moment`: when the story reaches it, or at the end (`run_pending`).
    `first` steps go before others planned for the same moment (a commitment before its payment)."""
    heapq.heappush(_pending, (at(moment), 0 if first else 1, next(_order), step))


@contextmanager
def held():
    """Steps that the story tells out of date order (one request after another, each from
    submission to award): planned steps wait until the block is done."""
    _state["held"] += 1
    try:
        yield
    finally:
        _state["held"] -= 1


def _run_pending(until: dt.datetime | None) -> None:
    if _state["running"] or _state["held"]:
        return
    _state["running"] = True
    try:
        while _pending and (until is None or _pending[0][0] <= until):
            moment, _, _, step = heapq.heappop(_pending)
            with _clock(moment):
                step()
    finally:
        _state["running"] = False


def run_pending() -> None:
    """Run every planned step that is left, in order: the end of the story."""
    _run_pending(until=None)


def forget_pending() -> None:
    """Drop planned steps (before a load, after it, or a failed one)."""
    _pending.clear()
