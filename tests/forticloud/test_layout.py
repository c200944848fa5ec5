"""The house rules a newcomer can rely on: short modules and thin views.

Every Python file outside migrations (tests included) has at most 300 lines, and every view
function (a module-level function in a ``views`` module or package) at most 25, so a page's
logic lives in services, selectors and list declarations rather than in the view.
"""

import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_FILE_LINES = 300
MAX_VIEW_LINES = 25


def python_files():
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [ROOT / name for name in listed if "/migrations/" not in name and (ROOT / name).exists()]


def view_modules():
    return [
        path
        for path in python_files()
        if path.relative_to(ROOT).parts[0] != "tests"
        and ("views" in path.relative_to(ROOT).parts[:-1] or path.stem == "views")
    ]


def test_no_python_file_is_longer_than_300_lines():
    long = sorted(
        f"{path.relative_to(ROOT)}: {count} lines"
        for path in python_files()
        if (count := len(path.read_text().splitlines())) > MAX_FILE_LINES
    )
    assert not long, "Split these files:\n" + "\n".join(long)


def test_no_view_function_is_longer_than_25_lines():
    long = []
    for path in view_modules():
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.FunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_VIEW_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}: {lines}")
    assert not long, "Move the logic of these views to services or selectors:\n" + "\n".join(long)


def test_the_rules_see_the_views():
    """The checks above read the real view modules (a rename would silently empty them)."""
    names = {str(path.relative_to(ROOT)) for path in view_modules()}
    assert {"iam/views/users.py", "assets/views/units.py", "partners/views.py"} <= names
