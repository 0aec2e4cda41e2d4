"""The worker's heartbeat: a bootstep of the Celery consumer that writes the time to the
shared cache every HEARTBEAT_INTERVAL_SECONDS while the worker is connected to its broker
(/healthz reads it). It runs on the worker's own timer, so no beat process is needed."""

from __future__ import annotations

import logging

from celery import bootsteps

from operations import health

logger = logging.getLogger(__name__)


def _beat() -> None:
    try:
        health.heartbeat_record()
    except Exception as exc:  # noqa: BLE001 - a cache outage must not stop the worker
        logger.warning("Could not write the worker heartbeat: %s", type(exc).__name__)


class HeartbeatStep(bootsteps.StartStopStep):
    """Started when the consumer has connected to the broker, stopped when it loses it."""

    def __init__(self, parent, **kwargs):
        super().__init__(parent, **kwargs)
        self.tref = None

    def start(self, parent):
        _beat()
        self.tref = parent.timer.call_repeatedly(health.HEARTBEAT_INTERVAL_SECONDS, _beat)

    def stop(self, parent):
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None

    shutdown = stop
