"""Start-up stays light: the command line and the batch module import no heavy library until a stage
needs it (measured times are in docs/benchmarks.md; this checks what is imported, not how long it takes)."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("jieba", "opencc", "spacy", "numpy", "pydub", "dask", "distributed", "tqdm", "pypinyin", "yaml", "srsly")


def imported_heavy_modules(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return eval(result.stdout.strip().splitlines()[-1])  # a list of names printed by the probe above


def test_help_imports_no_heavy_library() -> None:
    code = (
        "from subpipe.cli.main import main\n"
        "for argv in (['--help'], ['run', '--help'], ['batch', '--help']):\n"
        "    try:\n"
        "        main(argv)\n"
        "    except SystemExit:\n"
        "        pass\n"
    )
    assert imported_heavy_modules(code) == []


def test_batch_module_and_a_run_with_nothing_to_do_import_no_heavy_library(tmp_path) -> None:
    # A batch whose only input is missing reads nothing and converts nothing: no dictionary, no bar.
    code = (
        "from subpipe.cli.main import main\n"
        f"main(['batch', {str(tmp_path / 'missing.txt')!r}, '-o', {str(tmp_path / 'out')!r}, '-q'])\n"
    )
    assert imported_heavy_modules(code) == []


def test_segmenting_does_without_pkg_resources_and_cuts_as_jieba_does() -> None:
    # jieba imports setuptools' pkg_resources only to open its own files; subpipe's import of jieba
    # leaves it out (it costs a cold run about 0.04 s), and the cuts are jieba's own all the same.
    code = (
        "import sys\n"
        "from subpipe.text.segment import Segmenter\n"
        "words = Segmenter().words('我们今天聊一聊大语言模型的推理能力')\n"
        "assert 'pkg_resources' not in sys.modules, 'pkg_resources imported'\n"
        "import jieba\n"
        "assert words == jieba.lcut('我们今天聊一聊大语言模型的推理能力'), words\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip().endswith("ok"), result.stderr
