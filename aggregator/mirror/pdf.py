"""The PDF press release: a real text PDF built at render time, so no binary is committed."""

from __future__ import annotations

import textwrap
from datetime import datetime

from fpdf import FPDF

from aggregator.mirror.content import Article

LINE_CHARS = 98  # about what fits a line of 10 pt Helvetica on A4: gives seed 003's hard breaks


def _winansi(text: str) -> str:
    """Core PDF fonts speak Windows-1252; anything else becomes a close ASCII stand-in."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


def render_pdf(article: Article) -> bytes:
    """A PDF whose text is the article's title and body, wrapped with hard line breaks.

    The output is deterministic: the creation date comes from the content
    (`pdf_created`, else `published`) and fpdf2 derives the file id from the bytes.
    """
    created = datetime.fromisoformat(article.pdf_created or article.published)
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(created)
    pdf.set_title(_winansi(article.title))
    pdf.set_author("CCRE - CEMR")
    pdf.set_creator("Microsoft Office Word 2003")
    pdf.set_lang(article.lang)
    pdf.set_margins(18, 20, 18)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    pdf.set_font("helvetica", "B", 14)
    for line in textwrap.wrap(_winansi(article.title), 60):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(6)
    pdf.set_font("helvetica", "", 10)
    for block in article.body.strip().split("\n\n"):
        for raw_line in block.strip().splitlines():  # a line break inside a block is kept
            for line in textwrap.wrap(_winansi(raw_line.strip()), LINE_CHARS):
                pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())
