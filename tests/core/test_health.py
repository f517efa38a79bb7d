"""GET /health/: 200 with a small JSON body when the database answers and a worker was seen
within a minute; 503 otherwise. No login, no data."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.utils import timezone

from core import health
from core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthy_when_the_database_answers_and_a_worker_beat_just_now(client):
    health.heartbeat_beat(host="worker-1")
    response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["worker"] == "ok"
    assert 0 <= body["worker_seen_seconds_ago"] < 60
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_unavailable_when_no_worker_was_ever_seen(client):
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "worker": "never seen"}


def test_unavailable_when_the_worker_was_last_seen_over_a_minute_ago(client):
    WorkerHeartbeat.objects.create(host="worker-1", seen_at=timezone.now() - timedelta(seconds=61))
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["worker"] == "not seen within a minute"
    assert response.json()["worker_seen_seconds_ago"] >= 61


def test_the_most_recent_worker_of_several_hosts_counts(client):
    WorkerHeartbeat.objects.create(host="old", seen_at=timezone.now() - timedelta(hours=3))
    WorkerHeartbeat.objects.create(host="new", seen_at=timezone.now() - timedelta(seconds=20))
    assert client.get("/health/").status_code == 200


def test_unavailable_when_the_database_does_not_answer(client):
    health.heartbeat_beat(host="worker-1")
    with mock.patch.object(
        health, "worker_last_seen", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "worker": "unknown",
    }
    assert "connection refused" not in response.content.decode()


def test_needs_no_login_and_shows_no_data(client):
    health.heartbeat_beat(host="worker-1")
    response = client.get("/health/")
    assert response.status_code == 200
    assert set(response.json()) == {"status", "database", "worker", "worker_seen_seconds_ago"}
    assert client.post("/health/").status_code == 405


def test_a_spawned_worker_process_starts_beating(transactional_db):
    """What django-q2 sends in each new worker process (post_spawn) starts the heartbeat."""
    from django_q.signals import post_spawn

    with mock.patch.object(health, "HEARTBEAT_SECONDS", 0.05):
        before = set(threading.enumerate())
        ((_, stop),) = post_spawn.send(sender="django_q", proc_name="Process-1:1")
        beats = [
            t for t in threading.enumerate() if t not in before and t.name.startswith("heartbeat-")
        ]
        try:
            assert len(beats) == 1 and beats[0].daemon
            deadline = timezone.now() + timedelta(seconds=5)
            while not WorkerHeartbeat.objects.exists() and timezone.now() < deadline:
                threading.Event().wait(0.05)
        finally:
            stop.set()
            beats[0].join(timeout=5)
    assert not beats[0].is_alive()
    assert timezone.now() - WorkerHeartbeat.objects.get().seen_at < timedelta(seconds=5)
    WorkerHeartbeat.objects.all().delete()  # committed by the thread: leave no row for the next test


def test_a_task_run_in_sync_mode_starts_no_heartbeat(monkeypatch):
    """Sync mode runs the worker function in the calling process, which sends post_spawn too:
    that process is no worker, so nothing beats (and no thread is left behind)."""
    from django_q.conf import Conf
    from django_q.signals import post_spawn

    monkeypatch.setattr(Conf, "SYNC", True)
    before = set(threading.enumerate())
    ((_, stop),) = post_spawn.send(sender="django_q", proc_name="MainProcess")
    assert stop is None
    assert not [
        t for t in threading.enumerate() if t not in before and t.name.startswith("heartbeat-")
    ]
    assert not WorkerHeartbeat.objects.exists()
