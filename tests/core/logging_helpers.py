import io
import logging
from contextlib import contextmanager, redirect_stderr

from django.conf import settings
from django.utils.log import configure_logging


def _loggers() -> list[logging.Logger]:
    return [logging.root] + [
        lg for lg in logging.root.manager.loggerDict.values() if isinstance(lg, logging.Logger)
    ]


def _reset() -> None:
    for lg in _loggers():
        lg.handlers, lg.filters, lg.propagate, lg.disabled = [], [], True, False
        lg.setLevel(logging.WARNING if lg is logging.root else logging.NOTSET)


@contextmanager
def project_logging():
    """Logging as the project starts it (Django's defaults, then settings.LOGGING through
    logging.config.dictConfig), with every stream handler writing to the StringIO yielded: what an
    operator would read on the console. Afterwards every logger is as it was."""
    saved = [
        (lg, lg.handlers[:], lg.filters[:], lg.level, lg.propagate, lg.disabled)
        for lg in _loggers()
    ]
    stream = io.StringIO()
    try:
        _reset()  # as in a fresh process, whatever an earlier configuration left
        with redirect_stderr(
            stream
        ):  # a StreamHandler without a stream takes sys.stderr when it is made
            configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
        yield stream
    finally:
        _reset()
        for lg, handlers, filters, level, propagate, disabled in saved:
            lg.handlers, lg.filters, lg.level, lg.propagate, lg.disabled = (
                handlers,
                filters,
                level,
                propagate,
                disabled,
            )
        logging.root.manager._clear_cache()


def reachable_handlers() -> list[tuple[str, logging.Handler]]:
    """Every handler some logger writes to, with the logger's name."""
    return [(lg.name, handler) for lg in _loggers() for handler in lg.handlers]
