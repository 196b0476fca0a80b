"""Ingestion: files, folders and JSONL collections to clean Articles."""

from briefing.ingest.discover import InputFile, discover
from briefing.ingest.readers import SUPPORTED, Problem, content_hash, read_file

__all__ = ["SUPPORTED", "InputFile", "Problem", "content_hash", "discover", "read_file"]
