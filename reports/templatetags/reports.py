"""Render report cells the same way on the page and in the PDF: {% load reports %}."""

import datetime as dt
from decimal import Decimal
from html import escape as html_escape

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.templatetags.nl import format_date, format_euro, format_number
from reports.table import DATE

register = template.Library()


@register.filter
def cell(value, kind):
    """A cell in words; `kind` a reports.table.Kind or its name ("number")."""
    kind = getattr(kind, "name", kind)
    if value is None or value == "":
        return "" if kind != "number" else "—"
    if kind == "money" and isinstance(value, Decimal):
        return format_euro(value)
    if kind == "number" and isinstance(value, Decimal):
        places = 0 if value == value.to_integral_value() else 2
        return format_number(value, places)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return format_date(value)
    return value


@register.filter
def rows_with_flags(table):
    for i, row in enumerate(table.rows):
        flag = table.row_flags[i] if i < len(table.row_flags) else ""
        yield {"flag": flag, "cells": list(zip(row, table.columns, strict=True))}


@register.filter
def totals_cells(table):
    return list(zip(table.totals, table.columns, strict=True))


BADGES = {
    ("overdue", "Status"): "red",
    ("missing", "Toelichting"): "red",
    ("not_met", "Behaald"): "red",
    ("received", "Status"): "green",
    ("met", "Behaald"): "green",
    ("due", "Status"): "amber",
    ("received_late", "Status"): "amber",
}


PLAIN_KINDS = ("money", "number")  # their cells of a Decimal need no escaping (see table_body)


@register.filter
def table_body(table, num_class="jf-num", rows=None, first_mark=None):
    """The <tbody> rows of a report table, built in Python: a national overview has thousands of
    cells, and a template loop per cell would cost most of the page's time. The PDF (reports.pdf)
    asks for rows[0] up to rows[1] only, each row marked with its item number from first_mark."""
    numeric = [c.kind.numeric for c in table.columns]
    kinds = [c.kind for c in table.columns]
    names = [c.kind.name for c in table.columns]
    labels = [c.label for c in table.columns]
    td_open = [f'<td class="{num_class}">' if n else "<td>" for n in numeric]
    flags = table.row_flags
    first, stop = rows or (0, len(table.rows))
    out = []
    for i in range(first, min(stop, len(table.rows))):
        row = table.rows[i]
        flag = flags[i] if i < len(flags) else ""
        mark = "" if first_mark is None else f' data-p="{first_mark + i - first}"'
        parts = [f'<tr data-flag="{flag}" class="flag-{flag}"{mark}>']
        for j, value in enumerate(row):
            if kinds[j].html is not None:  # a kind that draws its own cell (the proposals' matrix)
                parts.append(f"<td>{kinds[j].html(value)}</td>")
                continue
            # what escape(cell(value, kind)) gives, without its cost per cell (a national overview
            # has hundreds of thousands): text is escaped as Django's escape() does, an amount or
            # a number is written in digits, separators, "€" and "-" only, nothing to escape
            if value.__class__ is str and value:
                text = html_escape(value)
            elif value.__class__ is Decimal and names[j] in PLAIN_KINDS:
                text = cell(value, names[j])
            else:
                text = html_escape(str(cell(value, names[j])))
            badge = BADGES.get((flag, labels[j])) if flag else None
            if badge:
                text = f'<span class="jf-badge jf-badge--{badge}">{text}</span>'
            parts.append(f"{td_open[j]}{text}</td>")
        parts.append("</tr>")
        out.append("".join(parts))
    if not table.rows:
        mark = "" if first_mark is None else f' data-p="{first_mark}"'
        out.append(f'<tr{mark}><td colspan="{len(table.columns)}">{escape(table.empty)}</td></tr>')
    return mark_safe("\n".join(out))  # noqa: S308 - every value is escaped above


WORD_LIMIT = 14  # characters: the longest word of a cell that col_widths keeps on one line


@register.filter
def col_widths(table):
    """Column widths in percent for a fixed table layout (WeasyPrint lays out large tables much
    faster when it need not measure every cell): numbers a fixed width, text columns in proportion
    to their usual length (sampled), and never narrower than the longest word of the header."""
    sample = table.rows[:200]
    weights, minimums = [], []
    for j, column in enumerate(table.columns):
        if column.kind.numeric or column.kind is DATE:
            weights.append(None)
            minimums.append(None)
            continue
        if (
            column.kind.chars is not None
        ):  # e.g. the matrix: a 3x3 grid of squares, whatever the cell holds
            lengths, cell_word = [column.kind.chars], column.kind.chars
        else:
            texts = [str(row[j] or "") for row in sample]
            lengths = [len(t) for t in texts] or [len(column.label)]
            # a short code or status ("V-TF-2016-001", "Toegekend") must not break in two; a long
            # word in running text may
            cell_word = min(max((len(w) for t in texts for w in t.split()), default=0), WORD_LIMIT)
        longest_word = max((len(w) for w in column.label.split()), default=4)
        # in percent of the landscape page at 7.5pt: ~0.55% a character, ~0.62% in the bold header
        minimum = max(longest_word * 0.62 + 1.2, cell_word * 0.55 + 1.2, 4)
        minimums.append(minimum)
        weights.append(max(sum(lengths) / len(lengths) * 0.3, minimum))
    n_num = weights.count(None)
    n_text = len(weights) - n_num
    text_total = sum(w for w in weights if w is not None)
    num_width = 9.5 if text_total else 100 / max(n_num, 1)
    rest = 100 - num_width * n_num
    # share the text width by sampled length, but never below a header's longest word (a long
    # explanation must not squeeze a short column until its header runs into the next): fix the
    # columns that fall below their minimum, share the rest among the others, repeat
    widths: dict[int, float] = {}
    fixed: set[int] = set()
    while True:
        free = [j for j, w in enumerate(weights) if w is not None and j not in fixed]
        room = rest - sum(minimums[j] for j in fixed)
        total = sum(weights[j] for j in free)
        if not free or room <= 0 or total <= 0:
            break
        short = [j for j in free if room * weights[j] / total < minimums[j]]
        if not short:
            widths.update({j: room * weights[j] / total for j in free})
            break
        fixed.update(short)
    if len(widths) + len(fixed) < n_text or sum(minimums[j] for j in fixed) > rest:
        return [f"{num_width if w is None else rest * w / text_total:.2f}" for w in weights]
    widths.update({j: minimums[j] for j in fixed})
    return [f"{num_width if w is None else widths[j]:.2f}" for j, w in enumerate(weights)]
