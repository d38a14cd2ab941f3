"""A batch's inputs: files, folders searched recursively and glob patterns, each with the name its
outputs will have (sanitised, mirroring folders, unique)."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..outputs.files import distinct_stems, safe_stem


@dataclass(frozen=True)
class BatchInput:
    """One file to convert, and where its outputs go: OUTDIR / `folder` / `stem`.<suffix>."""

    path: Path
    shown: str  # the path as the user's arguments name it: used in messages and the report
    folder: PurePosixPath  # relative to OUTDIR, every part sanitised; "." for OUTDIR itself
    stem: str

    @property
    def output_key(self) -> str:
        """The outputs' common name relative to OUTDIR: the manifest's key for this input."""
        return str(self.folder / self.stem)


@dataclass(frozen=True)
class InputProblem:
    """An argument that gave no file to convert (missing path, glob matching nothing, empty folder)."""

    shown: str
    reason: str


def transcript_extensions() -> frozenset[str]:
    """The extensions collected from folders: every extension with a registered reader."""
    from .. import formats

    return frozenset(formats.extensions())


def collect_inputs(specs: Sequence[str], outdir: str | Path) -> tuple[list[BatchInput], list[InputProblem]]:
    """The files named by `specs` (files, folders searched recursively, or glob patterns), in order.

    A file named twice is converted once; nothing inside `outdir` is an input (a second run must not
    convert the first run's outputs); hidden files and folders inside a folder are left out.
    Outputs mirror each file's folder below the folder argument that found it; files named directly
    or by a glob go to OUTDIR itself. Inputs that would still share an output name get a short hash
    of their path added to the stem.
    """
    outdir = Path(outdir).resolve()
    extensions = transcript_extensions()
    found: list[tuple[Path, str, PurePosixPath]] = []
    problems: list[InputProblem] = []
    seen: set[Path] = set()

    def add(path: Path, shown: str, folder: PurePosixPath) -> None:
        resolved = path.resolve()
        if resolved in seen or resolved.is_relative_to(outdir):
            return
        seen.add(resolved)
        found.append((path, shown, folder))

    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            files = list(_walk(path, outdir, extensions))
            if not files:
                listed = ", ".join(sorted(extensions))
                problems.append(InputProblem(spec, f"no transcript files ({listed}) in this folder"))
            for file in files:
                relative = file.relative_to(path)
                add(file, str(file), _safe_folder(relative.parent))
        elif path.exists() or path.is_symlink() or not _GLOB_CHARACTERS.search(spec):
            # A missing file is reported when it is read, like any other unreadable input.
            if path.resolve().is_relative_to(outdir):
                problems.append(InputProblem(spec, "is inside the output folder, where outputs go: not converted"))
            add(path, spec, PurePosixPath("."))
        else:
            matches = sorted(set(glob_without_links(spec)))
            if not matches:
                problems.append(InputProblem(spec, "no files match this pattern"))
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    for file in _walk(match_path, outdir, extensions):
                        add(file, str(file), _safe_folder(file.relative_to(match_path).parent))
                else:
                    add(match_path, match, PurePosixPath("."))
    return _name_outputs(found), problems


_GLOB_CHARACTERS = re.compile(r"[*?[]")


def glob_without_links(pattern: str) -> Iterator[str]:
    """What `glob.glob(pattern, recursive=True)` matches, except that `**` does not follow symbolic
    links to folders: glob's does, so a link back up the tree (`d/up -> ..`) makes it run for ever,
    its memory growing. `**` is walked with os.walk instead, as a folder argument is; like glob's, it
    skips hidden folders."""
    parts = pattern.split(os.sep)
    if "**" not in parts:
        yield from glob.glob(pattern)
        return
    split = parts.index("**")
    prefix, rest = os.sep.join(parts[:split]), os.sep.join(parts[split + 1 :])
    bases = glob.glob(prefix) if prefix else [""] if not pattern.startswith(os.sep) else [os.sep]
    for base in bases:
        if base and not os.path.isdir(base):
            continue
        for root, dirs, files in os.walk(base or os.curdir):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            folder = root if base else os.path.relpath(root)
            folder = "" if folder == os.curdir else folder
            if rest:
                yield from glob_without_links(os.path.join(glob.escape(folder), rest) if folder else rest)
            else:  # a pattern ending in `**`: the folder and everything below
                if folder and root == base:
                    yield folder
                yield from (os.path.join(folder, name) for name in [*dirs, *files] if not name.startswith("."))


def _walk(folder: Path, outdir: Path, extensions: frozenset[str]) -> Iterator[Path]:
    """Transcript files below `folder` in a stable order, skipping hidden entries and OUTDIR."""
    for root, dirs, files in os.walk(folder):
        root_path = Path(root)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not (root_path / d).resolve().is_relative_to(outdir)
        )
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in extensions:
                yield root_path / name


def _safe_folder(relative: Path) -> PurePosixPath:
    return PurePosixPath(*(safe_stem(part) for part in relative.parts)) if relative.parts else PurePosixPath(".")


def _name_outputs(found: list[tuple[Path, str, PurePosixPath]]) -> list[BatchInput]:
    """Sanitised output stems, distinct within the batch and never one of the batch's own files
    (`index.txt` at the top would otherwise have its page overwritten by the index page)."""
    from ..names.series import SERIES_GLOSSARY_NAME
    from .manifest import MANIFEST_NAME
    from .report import INDEX_NAME, REPORT_NAME

    reserved = (INDEX_NAME, REPORT_NAME, MANIFEST_NAME, SERIES_GLOSSARY_NAME)
    stems = distinct_stems([(shown, folder) for _, shown, folder in found], reserved)
    return [BatchInput(path, shown, folder, stem) for (path, shown, folder), stem in zip(found, stems)]
