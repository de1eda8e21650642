"""The layers are a contract checked by machine (pyproject.toml, decision 0014): `make lint`
runs `lint-imports`, which fails when a module imports from a layer above its own or when
sibling modules import each other in a circle.

The breaks are made in a copy of the source tree, so nothing the other tests import changes."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree), "COLUMNS": "200"}  # no wrapped lines
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", "--config", str(tree / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_tree(destination: Path) -> Path:
    """The Python packages and the contracts, without templates, static files or caches."""

    def not_python(directory, names):
        skipped = ("__pycache__", "static", "templates", "locale")
        return [
            name
            for name in names
            if name in skipped or not (name.endswith(".py") or (Path(directory) / name).is_dir())
        ]

    for package in ("capacityhub", "config"):
        shutil.copytree(ROOT / package, destination / package, ignore=not_python)
    shutil.copy(ROOT / "pyproject.toml", destination / "pyproject.toml")
    return destination


def test_the_project_keeps_its_layers_and_has_no_import_circles():
    result = lint_imports(ROOT)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_domain_app_importing_the_web_layer_or_a_circle_fails_the_lint(tmp_path):
    # given a copy of the project where core imports the web layer, and two core modules
    # import each other
    tree = copy_of_the_tree(tmp_path / "tree")
    core = tree / "capacityhub" / "core"
    (core / "layer_break.py").write_text("import capacityhub.web  # noqa: F401\n")
    (core / "circle_a.py").write_text("from . import circle_b  # noqa: F401\n")
    (core / "circle_b.py").write_text("from . import circle_a  # noqa: F401\n")

    # when the contracts are checked
    result = lint_imports(tree)

    # then both contracts are broken, naming the imports that break them
    assert result.returncode != 0
    assert "2 broken" in result.stdout
    assert "capacityhub.core is not allowed to import capacityhub.web" in result.stdout
    assert "capacityhub.core.layer_break -> capacityhub.web" in result.stdout
    assert "No cycles are allowed in capacityhub.core." in result.stdout
