"""Where the glossary that ships with subpipe is: the repository's glossary/ folder in a source or
editable install, or share/subpipe/glossary/ where pip put the data files of an installed wheel."""

from __future__ import annotations

import site
import sys
import sysconfig
from pathlib import Path

# Where pyproject.toml's [tool.setuptools.data-files] installs glossary/*.csv, below a prefix.
INSTALLED_FOLDER = Path("share", "subpipe", "glossary")


def shipped_glossary_paths() -> list[Path]:
    """The shipped glossary files (sorted by name) from the first place that has any; [] if none."""
    for folder in _candidate_folders():
        files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
        if files:
            return files
    return []


def _candidate_folders() -> list[Path]:
    package_parent = Path(__file__).resolve().parents[2]
    prefixes = [
        # `pip install --target DIR` puts packages and data side by side in DIR.
        package_parent,
        Path(sysconfig.get_path("data")),
        Path(sys.prefix),
        Path(site.getuserbase()),  # pip install --user
    ]
    return [package_parent / "glossary"] + [prefix / INSTALLED_FOLDER for prefix in prefixes]
