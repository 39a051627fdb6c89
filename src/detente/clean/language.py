"""Language of a body, identified with py3langid (loaded once per process).

py3langid ships its model LZMA-compressed: unpacking it (68 MB) took about half a second
of every `detente run` that identifies a language. The unpacked file is kept in the
cache folder (settings ``cache_dir``, as the actor cache; ``off`` turns it off), named by
a hash of the shipped file and py3langid's version. Its arrays are stored uncompressed in
it, so they are read in place, the file mapped into memory (:func:`_mapped_npz`): a run
loads only the pages its texts reach, where reading the 67 MB of the two big arrays into
fresh memory, and copying one of them again, took 0.3 s or more. The arrays are the ones
``numpy.load`` gives, value for value.
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

    from detente.clean.langid_walk import WindowedIdentifier

    path = langid.MODEL_DIR / langid.MODEL_FILE
    unpacked = _unpacked(path)
    if unpacked is not None:
        with contextlib.suppress(Exception):  # unreadable or foreign: py3langid's own way
            return _from_unpacked(WindowedIdentifier, unpacked)
        with contextlib.suppress(OSError):
            unpacked.unlink()
    return WindowedIdentifier.from_model_file(path, norm_probs=True)


def _from_unpacked(identifier: type, unpacked: Path) -> Any:
    """What ``LanguageIdentifier.from_model_file`` builds, from the unpacked npz (the file
    py3langid's ``load_model`` unpacks to a temporary file and reads with ``numpy.load``).
    The feature table and the DFA's moves stay in the mapped file; py3langid reads the moves
    one item at a time, as Python ints, from a stdlib array or, here, a memoryview of it."""
    import numpy as np
    from py3langid import modelio

    data = _mapped_npz(unpacked)
    moves = data["nextmove"]
    code = modelio._TYPECODE[moves.dtype.itemsize]
    nextmove = (
        memoryview(moves).cast("B").cast(code)
        if moves.dtype.isnative and moves.dtype.kind == "u" and moves.ndim == 1
        else modelio._to_array(moves)
    )
    return identifier(
        data["ptc"], np.array(data["pc"]), data["classes"].tolist(), nextmove,
        data["out_feat"].tolist(), norm_probs=True, tk_row=modelio._to_array(data["nextmove_row"]),
    )


def _mapped_npz(path: Path) -> dict[str, Any]:
    """The arrays of an npz whose members are stored uncompressed, as read-only arrays over
    the file mapped into memory (``numpy.load`` cannot map an npz). Anything else is refused
    (ValueError): then the model is loaded py3langid's own way."""
    import io
    import mmap
    import struct
    import zipfile

    import numpy as np
    from numpy.lib import format as npy

    with open(path, "rb") as f:
        mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    out: dict[str, Any] = {}
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy"):
                raise ValueError(f"{info.filename}: not a stored array")
            at = info.header_offset  # the local header: 30 bytes, the name, an extra field
            if mapped[at : at + 4] != b"PK\x03\x04":
                raise ValueError(f"{info.filename}: no local header")
            name_len, extra_len = struct.unpack("<HH", mapped[at + 26 : at + 30])
            start = at + 30 + name_len + extra_len
            end = start + info.file_size
            head = io.BytesIO(mapped[start : min(end, start + 65536)])
            version = npy.read_magic(head)
            read_header = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
            shape, fortran, dtype = read_header(head)
            count = int(np.prod(shape, dtype=np.int64))
            offset = start + head.tell()
            if dtype.hasobject or offset + count * dtype.itemsize != end:
                raise ValueError(f"{info.filename}: not the array its header describes")
            array = np.frombuffer(mapped, dtype=dtype, count=count, offset=offset)
            out[info.filename[: -len(".npy")]] = array.reshape(shape, order="F" if fortran else "C")
    return out


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
