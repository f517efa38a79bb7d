import json
import logging
import re
from datetime import UTC, datetime

# Any run of 8 or 9 digits could be a BSN: mask it in every log record (AVG; issue 5).
_BSN_LIKE = re.compile(r"(?<![0-9])[0-9]{8,9}(?![0-9])")
MASK = "*********"
_formatter = logging.Formatter()


def redact_bsn(text: str) -> str:
    return _BSN_LIKE.sub(MASK, text)


class RedactBsnFilter(logging.Filter):
    """Masks BSN-like numbers in all a handler writes of a record: the message with its arguments,
    the traceback and the stack.

    Give it to every handler (config/settings.py LOGGING), not to loggers: a logger's filter does
    not see the records that propagate to it from its children.

    The traceback is formatted here, masked and kept as `exc_text`, which every logging.Formatter
    writes instead of formatting `exc_info` again; `exc_info` is dropped, so no handler can render
    the exception's own message (which may hold a BSN) another way.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _BSN_LIKE.search(message):
            record.msg = redact_bsn(message)
            record.args = ()
        if record.exc_info:
            if not record.exc_text:
                record.exc_text = _formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact_bsn(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_bsn(record.stack_info)
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line (production): time, level, logger, message, and the request's fields
    when the record has them. Runs after RedactBsnFilter, so message, traceback and stack are
    already masked; the string fields are masked here too."""

    FIELDS = ("method", "path", "status", "user_id", "duration_ms")

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in self.FIELDS:
            if hasattr(record, field):
                value = getattr(record, field)
                entry[field] = redact_bsn(value) if isinstance(value, str) else value
        if record.exc_info and not record.exc_text:
            record.exc_text = redact_bsn(self.formatException(record.exc_info))
        if record.exc_text:
            entry["exception"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)
