"""Language of a body, identified with py3langid (loaded once per process).

py3langid ships its model LZMA-compressed: unpacking it (68 MB) took about half a second
of every `detente run` that identifies a language. The unpacked file is kept in the
cache folder (settings ``cache_dir``, as the actor cache; ``off`` turns it off), named by
a hash of the shipped file and py3langid's version, and read from there with the same
``numpy.load`` py3langid uses, so the model is the same array for array.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO

from detente.cachedir import cache_dir as _cache_dir
from detente.cachedir import write_atomically

PREFIX = "langid-"


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid import langid

    path = langid.MODEL_DIR / langid.MODEL_FILE
    unpacked = _unpacked(path)
    if unpacked is not None:
        with contextlib.suppress(Exception):  # unreadable or foreign: py3langid's own way
            return _from_unpacked(langid, unpacked)
        with contextlib.suppress(OSError):
            unpacked.unlink()
    return langid.LanguageIdentifier.from_model_file(path, norm_probs=True)


def _from_unpacked(langid: Any, unpacked: Path) -> Any:
    """What ``LanguageIdentifier.from_model_file`` builds, from the unpacked npz (the file
    py3langid's ``load_model`` unpacks to a temporary file and reads the same way)."""
    import numpy as np
    from py3langid import modelio

    with np.load(unpacked, allow_pickle=False) as data:
        ptc, pc = data["ptc"], data["pc"]
        classes = data["classes"].tolist()
        nextmove = modelio._to_array(data["nextmove"])
        row = modelio._to_array(data["nextmove_row"])
        output = data["out_feat"].tolist()
    return langid.LanguageIdentifier(
        np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row
    )


def _unpacked(path: Path) -> Path | None:
    """The unpacked model in the cache folder (written on first use); None when caching
    is off or the folder cannot be written."""
    folder = _cache_dir()
    if folder is None:
        return None
    try:
        import py3langid

        h = hashlib.sha256(path.read_bytes())
        h.update(str(getattr(py3langid, "__version__", "")).encode("utf-8"))
        target = folder / f"{PREFIX}{h.hexdigest()[:16]}.npz"
        if target.is_file():
            return target
        import lzma

        def unpack(out: BinaryIO) -> None:
            with lzma.open(path) as src:
                shutil.copyfileobj(src, out, length=1 << 20)

        write_atomically(target, unpack, prefix=f".{PREFIX}")  # a reader sees all or none
        for old in folder.glob(f"{PREFIX}*.npz"):  # one model: drop other versions'
            if old != target:
                with contextlib.suppress(OSError):
                    old.unlink()
        return target
    except (OSError, ValueError, EOFError):
        return None


def identify_language(
    text: str, *, min_chars: int, min_probability: float
) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability), or None when the text is too short or the guess too weak."""
    if len(text.strip()) < min_chars:
        return None
    code, prob = _identifier().classify(text)
    return (code, float(prob)) if prob >= min_probability else None
