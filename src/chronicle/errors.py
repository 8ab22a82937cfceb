"""Coded per-item errors. A stage raises one of these for a bad item; the runner records it
against that item (as an :class:`~chronicle.records.ItemError`) and the batch goes on."""

from __future__ import annotations


class ChronicleError(Exception):
    """Base class: every error has a stable code and a message a user can act on."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class UnsupportedInput(ChronicleError):
    code = "E001"  # unknown extension


class EmptyInput(ChronicleError):
    code = "E002"  # zero bytes, or nothing left after cleaning


class BinaryInput(ChronicleError):
    code = "E003"  # not text (NUL bytes, undecodable)


class OversizedInput(ChronicleError):
    code = "E004"  # over Settings.max_document_bytes


class MalformedInput(ChronicleError):
    code = "E005"  # broken JSONL line, truncated WARC, unparseable HTML


class StoreError(ChronicleError):
    code = "E010"


class FetchFailed(ChronicleError):
    code = "E020"  # chronicle collect got no usable response: connection, timeout, HTTP error, redirects

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient  # worth asking again on a later run (no connection, 429, 5xx)


class NotASource(ChronicleError):
    code = "E021"  # a collect source that is no feed, no sitemap, and a page with neither


class Disallowed(ChronicleError):
    code = "E022"  # robots.txt disallows the URL for chronicle's user agent
