"""The dependency direction of DESIGN.md, read from the import statements of every module.

iam imports none of the other apps; assets imports iam only; forticare may import assets;
partners may import any domain app; the shared web layer (forticloud/web) imports no app; the
project shell knows the apps only through their ``urls`` modules; only forticloud/devdata
(demo and scale data) imports everything. A foreign key to another app's model is a lazy
string and not an import.
"""

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ("iam", "assets", "forticare", "partners")
DEVDATA, WEB = "forticloud.devdata", "forticloud.web"

# The packages each part of the code may import from (besides Django, the standard library
# and third-party packages). A part is the longest matching prefix of a module name.
ALLOWED = {
    "iam": {"iam", WEB},
    "assets": {"assets", "iam", WEB},
    "forticare": {"forticare", "assets", "iam", WEB},
    "partners": {"partners", "forticare", "assets", "iam", WEB},
    WEB: {WEB},
    DEVDATA: {DEVDATA, WEB, *APPS},
    "forticloud": {"forticloud", WEB},  # plus the apps' urls modules, below
}


def part_of(module: str) -> str | None:
    for part in sorted(ALLOWED, key=len, reverse=True):
        if module == part or module.startswith(part + "."):
            return part
    return None


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path):
    """(line, imported module) for every import of ``path``, relative ones resolved."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module
            names = [f"{target}.{alias.name}" for alias in node.names]
            # "from assets import urls" imports assets.urls; "from x import name" imports x.
            yield from ((node.lineno, name) for name in names if not node.module)
            if node.module:
                yield node.lineno, target


def source_files():
    for top in (*APPS, "forticloud"):
        yield from (ROOT / top).rglob("*.py")


def violations():
    for path in source_files():
        importer = part_of(module_name(path))
        for line, imported in imports_of(path):
            target = part_of(imported)
            if target is None or target in ALLOWED[importer]:
                continue
            if importer == "forticloud" and imported.endswith(".urls") and target in APPS:
                continue  # the root URLconf mounts each app's patterns
            yield f"{path.relative_to(ROOT)}:{line} imports {imported} ({importer} → {target})"


def test_no_import_goes_against_the_dependency_direction():
    found = sorted(violations())
    assert not found, "Imports against the dependency direction:\n" + "\n".join(found)


def test_the_check_sees_a_forbidden_import(tmp_path, monkeypatch):
    """The checker itself: an iam module importing assets is reported, a relative import of
    its own package is not."""
    package = tmp_path / "iam"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "bad.py").write_text("from assets.models import Asset\nfrom . import access\n")
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    assert list(imports_of(package / "bad.py")) == [(1, "assets.models"), (2, "iam.access")]
    assert part_of("assets.models") not in ALLOWED["iam"]


# A URL name inside an app's namespace: "assets:asset", "partner:forticare:all_tickets".
URL_NAME = re.compile(r"(?:\b(?:account|partner):)?\b(iam|assets|forticare|partners):[a-z_]+\b")


def url_names_of(path: Path):
    """(line, app) for each URL name in a template, or in a Python file's string constants
    (docstrings, which only describe, left out)."""
    if path.suffix == ".html":
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            yield from ((number, match.group(1)) for match in URL_NAME.finditer(line))
        return
    tree = ast.parse(path.read_text())
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
        ):
            yield from ((node.lineno, m.group(1)) for m in URL_NAME.finditer(node.value))


def test_no_page_names_a_page_against_the_dependency_direction():
    found = []
    for app in APPS:
        files = [*(ROOT / app).rglob("*.py"), *(ROOT / "templates" / app).rglob("*.html")]
        for path in files:
            if "migrations" in path.parts:
                continue
            for line, named in url_names_of(path):
                if named not in ALLOWED[app]:
                    found.append(f"{path.relative_to(ROOT)}:{line} names a page of {named}")
    assert not found, "URL names against the dependency direction:\n" + "\n".join(sorted(found))


# Packages of an optional extra (pyproject.toml): the portal must start without them, so they
# are imported only inside the functions that use them, never when a module loads.
OPTIONAL = ("boto3", "botocore", "storages")


def test_optional_packages_are_imported_only_where_they_are_used():
    found = []
    for path in source_files():
        for node in ast.parse(path.read_text()).body:  # the module's own statements
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            else:
                continue
            found += [
                f"{path.relative_to(ROOT)}:{node.lineno} imports {name}"
                for name in names
                if name.split(".")[0] in OPTIONAL
            ]
    assert not found, "Optional packages imported at module level:\n" + "\n".join(found)
