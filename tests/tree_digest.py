"""Print one SHA-256 digest of a folder's files, names and contents.

``make test`` records the digest of ``data/`` before the build; the tests
compare it afterwards, to prove that nothing (build, notebooks, tests) writes
into ``data/``.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path


def tree_digest(folder: str | Path) -> str:
    folder = Path(folder)
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


if __name__ == "__main__":
    print(tree_digest(sys.argv[1]))
