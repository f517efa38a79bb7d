"""Bad files for every upload (issue 12, Tests): each is refused as a whole with a reason, never a 500.

`bad_xlsx(good)` makes broken variants of a good XLSX (a template filled in), so every variant
is a valid zip up to the part that is broken: what openpyxl reads lazily, after it opened the file."""

import io
import zipfile

BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def _sheet_name(zf: zipfile.ZipFile) -> str:
    return next(
        n for n in zf.namelist() if n.startswith("xl/worksheets/sheet") and n.endswith(".xml")
    )


def rewrite(content: bytes, member_or_first_sheet: str | None, change) -> bytes:
    """`content` with one member changed by `change(bytes) -> bytes` (None: the first sheet)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    target_name = member_or_first_sheet or _sheet_name(source)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == target_name:
                data = change(data)
            target.writestr(item, data)
    return out.getvalue()


def drop(content: bytes, member: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != member:
                target.writestr(item, source.read(item.filename))
    return out.getvalue()


def _with_dtd(data: bytes, dtd: str, entity_use: str) -> bytes:
    text = data.decode("utf-8")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :]
    head, rest = text.split("<sheetData>", 1) if "<sheetData>" in text else (text, "")
    body = head + "<sheetData>" + rest if rest else text
    body = body.replace(
        "</sheetData>",
        f'<row r="999"><c r="A999" t="inlineStr"><is><t>{entity_use}</t></is></c></row></sheetData>',
        1,
    )
    return (dtd + body).encode("utf-8")


def bad_xlsx(good: bytes) -> dict[str, bytes]:
    """Broken XLSX files made from `good`, by name."""
    sheet = _sheet_name(zipfile.ZipFile(io.BytesIO(good)))
    return {
        "empty": b"",
        "text named .xlsx": b"cbs_code;bedrag\nGM0484;5\n",
        "png named .xlsx": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "truncated zip": good[: len(good) // 2],
        "zip without a workbook": drop(good, "xl/workbook.xml"),
        "zip without the sheet": drop(good, sheet),
        "truncated sheet xml": rewrite(good, sheet, lambda d: d[: len(d) // 2]),
        "sheet xml is not xml": rewrite(good, sheet, lambda d: b"\x00\xff\xfe garbage <<<"),
        "sheet with a dtd and an entity": rewrite(
            good,
            sheet,
            lambda d: _with_dtd(d, '<!DOCTYPE worksheet [<!ENTITY x "999991772">]>', "&x;"),
        ),
        "sheet with an external entity": rewrite(
            good,
            sheet,
            lambda d: _with_dtd(
                d, '<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>', "&x;"
            ),
        ),
        "sheet with billion laughs": rewrite(
            good,
            sheet,
            lambda d: _with_dtd(d, BILLION_LAUGHS.replace("lolz", "worksheet"), "&lol9;"),
        ),
        "shared strings not utf-8": rewrite(
            good, "xl/sharedStrings.xml", lambda d: d.replace(b"<t>", b"<t>\xff\xfe\xfd", 1)
        )
        if "xl/sharedStrings.xml" in zipfile.ZipFile(io.BytesIO(good)).namelist()
        else good[:10],
        "styles broken": rewrite(good, "xl/styles.xml", lambda d: d[: len(d) // 3]),
        "huge junk": b"PK\x03\x04" + b"\x00" * (3 * 1024 * 1024),
    }
