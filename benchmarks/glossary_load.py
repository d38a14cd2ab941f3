"""Time loading the shipped glossary: reading, merging and deriving aliases, and jieba's ordinary-word table.

    python benchmarks/glossary_load.py

Each step runs in a fresh process (the ordinary-word table and OpenCC's converter are cached per
process), so the first numbers are what a `subpipe run` pays once.
"""

from __future__ import annotations

import subprocess
import sys

STEPS = r"""
import time
start = time.perf_counter()
from subpipe.glossary import build_glossary, extended_glossary, read_glossary_file, shipped_glossary_paths
from subpipe.text.script import convert
convert("預熱", "t2s")  # OpenCC's tables load on first use; not the glossary's cost
imported = time.perf_counter()
entries = [entry for path in shipped_glossary_paths() for entry in read_glossary_file(path)]
read = time.perf_counter()
from subpipe.text.segment import is_ordinary_word
is_ordinary_word("苹果")
table = time.perf_counter()
glossary = build_glossary(entries)
built = time.perf_counter()
again = build_glossary(entries)
rebuilt = time.perf_counter()
extended = extended_glossary(glossary, [])
extended_at = time.perf_counter()
print(f"{len(entries)} entries, {len(glossary.aliases)} forms to match")
print(f"import + OpenCC warm-up   {1000 * (imported - start):7.1f} ms")
print(f"read CSV                  {1000 * (read - imported):7.1f} ms")
print(f"jieba ordinary-word table {1000 * (table - read):7.1f} ms (once per process)")
print(f"merge + derive aliases    {1000 * (built - table):7.1f} ms")
print(f"the same again            {1000 * (rebuilt - built):7.1f} ms")
print(f"extended([])              {1000 * (extended_at - rebuilt):7.1f} ms")
"""

if __name__ == "__main__":
    subprocess.run([sys.executable, "-c", STEPS], check=True)
