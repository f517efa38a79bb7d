import logging
import re

# Any run of 8 or 9 digits could be a BSN: mask it in every log record (AVG; issue 5).
_BSN_LIKE = re.compile(r"(?<![0-9])[0-9]{8,9}(?![0-9])")


class RedactBsnFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if _BSN_LIKE.search(message):
            record.msg = _BSN_LIKE.sub("*********", message)
            record.args = ()
        return True
