"""Bytes to text: the first thing the cleaner does, and where binary or empty input is refused."""

from __future__ import annotations

import codecs
import re

import ftfy
from charset_normalizer import from_bytes

from chronicle.errors import BinaryInput, EmptyInput

# Byte-order marks decide the codec outright; they are checked before the NUL-byte test
# because UTF-16/32 text is full of NUL bytes.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Text may carry a few stray control characters (form feeds, a lone ESC); a real binary
# file decoded by a permissive codec is full of them.
_MAX_CONTROL_SHARE = 0.01
# Unicode category Cc is exactly U+0000-U+001F and U+007F-U+009F; tab, newline, vertical tab,
# form feed and carriage return (U+0009-U+000D) are allowed. A regex counts them at C speed.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f\x7f]")
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_line_breaks=False, normalization=None)
_HTML_START = re.compile(r"\A\s*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p)\b", re.I)
_HTML_TAG = re.compile(
    r"</?(?:html|head|body|p|div|span|a|br|article|section|h[1-6]|li|ul|meta|script)\b", re.I
)


def decode_content(content: bytes) -> str:
    """Decode raw bytes: BOM, then strict UTF-8, then charset-normalizer's best guess; then
    repair mojibake with ftfy.

    Raises :class:`EmptyInput` for nothing-but-whitespace and :class:`BinaryInput` for
    content that is not text (NUL bytes, undecodable, or heavy in control bytes).
    """
    if not content.strip():
        raise EmptyInput("the item is empty")
    wide = any(content.startswith(bom) for bom, codec in _BOMS if codec in {"utf-16", "utf-32"})
    if not wide:
        # Binary is judged on the bytes: mojibake ("â€”", with C1 controls in it) is text,
        # and repairing it must not make a real article look binary.
        controls = len(_CONTROL_BYTES.findall(content))
        if controls > _MAX_CONTROL_SHARE * len(content):
            raise BinaryInput(f"the item looks binary ({controls} control bytes)")
    text = _decode(content)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if wide and len(_CONTROL.findall(text)) > _MAX_CONTROL_SHARE * len(text):
        raise BinaryInput("the item looks binary (control characters after a byte-order mark)")
    # ftfy repairs UTF-8 read as Latin-1 or cp1252 ("â€”" -> "—"); quotes stay as written.
    text = ftfy.fix_text(text, _FTFY)
    if not text.strip():
        raise EmptyInput("the item has no text")
    return text


def _decode(content: bytes) -> str:
    for bom, codec in _BOMS:
        if content.startswith(bom):
            try:
                return content.decode(codec)
            except UnicodeDecodeError as err:
                raise BinaryInput(f"bad {codec} text after a byte-order mark: {err.reason}") from err
    if b"\x00" in content:
        raise BinaryInput("the item contains NUL bytes")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass  # not UTF-8: fall through to detection
    best = from_bytes(content).best()
    if best is None:
        raise BinaryInput("the item's encoding could not be detected")
    return str(best)


def looks_like_html(text: str) -> bool:
    """True when decoded text is an HTML page rather than plain text (for items not marked as HTML)."""
    head = text[:5000]
    if _HTML_START.match(head):
        return True
    # A fragment that starts with a tag and keeps using common tags is markup too.
    return head.lstrip().startswith("<") and len(_HTML_TAG.findall(head)) >= 3
