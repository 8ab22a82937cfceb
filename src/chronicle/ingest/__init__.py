"""Read inputs as a stream of :class:`RawItem` (or :class:`ItemError` for a bad item).

Files and folders (recursively): ``.txt``, ``.html``/``.htm`` are one item each;
``.jsonl`` and ``.warc``/``.warc.gz`` are containers read record by record, so their size
is unbounded while each record is bounded by ``Settings.max_document_bytes``.
Nothing here decodes or cleans text: that is :mod:`chronicle.clean`.
"""

from chronicle.ingest.readers import SUFFIXES, document_id, iter_input_files, read_inputs, read_path

__all__ = ["SUFFIXES", "document_id", "iter_input_files", "read_inputs", "read_path"]
