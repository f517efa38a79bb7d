"""What every upload of a spreadsheet checks before and while it is read (issue 12, hole 5).

openpyxl reads a sheet lazily: a truncated or otherwise broken part inside a valid zip fails
only while the rows are read, with an XML ParseError, far from the `load_workbook` call. So each
reader (circular, forecast, norm counts) runs its whole reading inside `whole_file_refusal`, which
turns any failure into the refusal of the whole file with a reason. No exception text is kept: it
may quote the cell it failed on (a BSN), and nothing of the file may reach an error page or a log.
"""

import io
import zipfile
from contextlib import contextmanager

MAX_UNPACKED = (
    50 * 1024 * 1024
)  # a filled template is well under 1 MB; more is a zip bomb or not ours
MAX_MEMBERS = 500
HEAD = 4096  # a DTD comes before the root element: at the start of a part


def xlsx_problem(content: bytes) -> str | None:
    """Why `content` cannot be an XLSX file we read, in Dutch, or None. Refuses what is no zip,
    what unpacks to more than MAX_UNPACKED, and any XML part with a DTD or an entity declaration
    (an XLSX file never has one; they are how XML bombs and external entities get in)."""
    if not content:
        return "het bestand is leeg"
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        members = archive.infolist()
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
            return "het bestand is uitgepakt te groot voor een ingevuld sjabloon"
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                with archive.open(member) as part:
                    head = part.read(HEAD).upper()
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    return "het bestand bevat een DTD of entiteiten; sla het opnieuw op als gewoon Excel-bestand (.xlsx)"
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        OSError,
        ValueError,
        KeyError,
        RuntimeError,
        NotImplementedError,
        UnicodeDecodeError,
    ):
        return "het bestand is geen geldig XLSX-bestand"
    except Exception:  # noqa: BLE001 - zlib and friends: any failure to unpack is a refusal
        return "het bestand is geen geldig XLSX-bestand"
    return None


class Unreadable(Exception):
    """The file could not be read; `reason` says why, in Dutch, without quoting the file."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@contextmanager
def whole_file_refusal(*, keep: tuple[type[BaseException], ...] = ()):
    """Run a reader; our own refusals (`keep`) pass through, any other failure becomes Unreadable.
    `from None`: the original exception (with the text it failed on) is dropped, not chained."""
    try:
        yield
    except keep:
        raise
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken file can fail in any library below us
        raise Unreadable(
            f"het bestand is beschadigd of geen geldig XLSX-bestand ({type(exc).__name__})"
        ) from None
