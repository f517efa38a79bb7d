"""Is this site able to serve? `GET /health/` for a load balancer or a monitor, and the
heartbeat of the background workers that it reads.

Each django-q2 worker process starts a thread when it is spawned (the `post_spawn` signal) that
writes the time to its host's WorkerHeartbeat row every HEARTBEAT_SECONDS. The row lives in the
database, so every web server sees every worker, and a worker that died (or a cluster that was
never started) stops writing it.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, close_old_connections, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_q.conf import Conf

from core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15
WORKER_SEEN_WITHIN = timedelta(minutes=1)


def heartbeat_beat(*, host: str | None = None) -> None:
    """Record that a worker on this host is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        host=host or socket.gethostname(), defaults={"seen_at": timezone.now()}
    )


def _beat_forever(stop: threading.Event) -> None:
    while True:
        try:
            close_old_connections()
            heartbeat_beat()
        except DatabaseError:
            logger.warning(
                "Worker heartbeat could not be written; retrying in %s s", HEARTBEAT_SECONDS
            )
        if stop.wait(HEARTBEAT_SECONDS):
            return


def start_heartbeat(**kwargs) -> threading.Event | None:
    """post_spawn receiver: beat in this worker process until the process ends (or the event
    returned is set).

    In sync mode (Q_CLUSTER["sync"]) django-q2 runs each task through its worker function inside
    the calling process, which sends post_spawn too: that process is no worker, so it must not
    beat (it would report a worker that does not exist, and start one more thread per task)."""
    if Conf.SYNC:
        return None
    stop = threading.Event()
    threading.Thread(
        target=_beat_forever, args=(stop,), name=f"heartbeat-{os.getpid()}", daemon=True
    ).start()
    return stop


def worker_last_seen():
    return WorkerHeartbeat.objects.order_by("-seen_at").values_list("seen_at", flat=True).first()


@login_not_required
@never_cache
@require_safe
def health(request):
    """200 when the database answers and a worker was seen within a minute, else 503. The body
    says which part failed and nothing about the data."""
    body = {"status": "ok", "database": "ok", "worker": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        seen = worker_last_seen()
    except DatabaseError:
        return JsonResponse(
            {"status": "unavailable", "database": "unavailable", "worker": "unknown"}, status=503
        )
    if seen is None:
        body.update(status="unavailable", worker="never seen")
    else:
        age = timezone.now() - seen
        body["worker_seen_seconds_ago"] = max(0, int(age.total_seconds()))
        if age > WORKER_SEEN_WITHIN:
            body.update(status="unavailable", worker="not seen within a minute")
    return JsonResponse(body, status=200 if body["status"] == "ok" else 503)
