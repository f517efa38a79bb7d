import logging
import time

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from core.logging import redact_bsn

request_log = logging.getLogger("jeugdfonds.request")


class RequestLogMiddleware:
    """One log line a request: method, path, status, the user's id (none when not logged in) and
    the duration in milliseconds. Outermost, so the duration is the whole request's; written at
    INFO, which settings.LOGGING lets through in production (LOG_REQUESTS)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        path = redact_bsn(request.path)
        request_log.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "user_id": user_id,
                "duration_ms": duration_ms,
            },
        )
        return response


LAST_SEEN = "_jf_last_seen"
REFRESH_SECONDS = 300


class SessionIdleMiddleware:
    """A logged-in session ends after SESSION_COOKIE_AGE (a working day) without a request: a
    request moves its end, by saving the session, at most once every REFRESH_SECONDS (not on
    every request, which would write the session row each time). Login starts the clock."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if SESSION_KEY in session and time.time() - session.get(LAST_SEEN, 0) >= REFRESH_SECONDS:
            session[LAST_SEEN] = int(
                time.time()
            )  # modified: saved, with a new end, by SessionMiddleware
        return self.get_response(request)


@receiver(user_logged_in, dispatch_uid="core.session_last_seen")
def _start_the_idle_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LAST_SEEN] = int(time.time())
