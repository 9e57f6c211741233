"""The apps' dependency rule holds (import-linter's contracts in pyproject.toml), and the
contracts do catch a breach."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd, *args):
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_apps_keep_their_layers_and_have_no_import_cycles():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    for contract in ("layers", "newsportal", "cycles"):
        assert contract in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        # A lower layer importing a higher one.
        ("core/pages.py", "import releases.models\n", "Apps import only the layers below"),
        # An app importing the project package.
        ("directory/models.py", "import newsportal.urls\n", "no app imports newsportal"),
        # A cycle dodged by an import inside a function.
        (
            "releases/cards.py",
            "def _late():\n    from . import views\n",
            "No import cycles",
        ),
    ],
)
def test_a_breach_of_the_rule_fails_the_check(tmp_path, module, line, broken):
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "var", "node_modules", "*.pyc", "locale"),
    )
    with open(copy / module, "a") as file:
        file.write("\n" + line)
    result = lint_imports(copy)
    assert result.returncode == 1
    assert broken in result.stdout
