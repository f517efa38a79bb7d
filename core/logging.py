import logging
import re

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
