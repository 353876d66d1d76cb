"""Stage 1: find the seed files and read each one as text, whatever encoding it was saved in."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from generator.ingest.records import Seed, UnusableSeed

# Encodings tried when a seed is not UTF-8: Simplified and Traditional Chinese, and Western European.
COMMON_ENCODINGS = ["gb18030", "big5", "cp1252"]
# A text holding at least this many well-formed UTF-8 characters beyond ASCII for each malformed
# byte is UTF-8 with a few damaged bytes (a page cut mid-character), not another encoding.
UTF8_EVIDENCE = 4


def find_seeds(seeds_dir: Path) -> list[Path]:
    """The seed files, sorted by name so every run handles them in the same order."""
    if not seeds_dir.is_dir():
        raise UnusableSeed("is not a folder.", hint="pass the folder of seed texts with --seeds.")
    paths = sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())
    if not paths:
        raise UnusableSeed("holds no seed files (*.txt).", hint="save each scraped article as a .txt file in this folder.")
    return paths


def read_seed(path: Path, label: str) -> Seed:
    """Read and decode a seed; raise UnusableSeed when it is empty, binary or unreadable."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnusableSeed(f"could not be read ({error.strerror or error}).")
    if not data.strip():
        raise UnusableSeed("is empty.", hint="put the scraped article text in it, or delete it.")
    text, encoding, replaced = decode(data)
    control = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if control > max(2, len(text) // 100) or replaced > max(2, len(text) // 20):
        raise UnusableSeed("looks like a binary file, not text.", hint="seeds must be plain text files.")
    return Seed(label=label, text=text, encoding=encoding, replaced=replaced)


def decode(data: bytes) -> tuple[str, str, int]:
    """(text, encoding, bytes replaced): UTF-8 when it is UTF-8, even with a few bad bytes; else the
    encoding charset-normalizer recognises among the common ones; else UTF-8 with every bad byte replaced."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16", 0
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise UnusableSeed("looks like a binary file, not text (it contains NUL bytes).",
                           hint="seeds must be plain text files.")
    try:
        return data.decode("utf-8-sig"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8-sig", errors="replace")
    replaced = lenient.count("\ufffd")
    well_formed = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if well_formed >= UTF8_EVIDENCE * replaced:
        return lenient, "utf-8", replaced
    # Only the encodings scraped Chinese news comes in: guessing among all of them
    # reads a short Latin-1 text as a Baltic code page.
    best = from_bytes(data, cp_isolation=COMMON_ENCODINGS).best()
    if best is not None:
        return str(best), best.encoding, 0
    return lenient, "utf-8", replaced
