"""The apps are layered (STYLE.md "Floors"): an app imports only from apps on a lower floor, so
that no two apps depend on each other and a change low down is the only kind that ripples up.
This test reads every module of the apps (module-level and function-level imports alike) and
fails on an import from a lower floor to a higher one, or between two apps of the same floor.
It also keeps modules small enough to read: none over MAX_LINES lines."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The floors, lowest first: the only place they are written down. `reports` is shared
# infrastructure (tables, PDF/XLSX writers) on `core`, below every domain app.
FLOORS = [
    ["core"],
    ["reports"],
    ["notifications"],
    ["fund"],
    ["proposals", "allocations"],
    ["bren"],
    ["accounting"],
    ["norms", "worklists"],
    ["api"],
    ["config"],
]
FLOOR = {app: n for n, apps in enumerate(FLOORS) for app in apps}

# Imports between two apps of one floor that are allowed: none.
SAME_FLOOR_ALLOWED: set[tuple[str, str]] = set()

# Not application code: migrations and tests. The demo/ package (demo data that tells a story
# across every app) and bench/ have no floor, so they are not read either.
SKIP_DIRS = {"migrations", "tests", "__pycache__"}

MAX_LINES = 500
# Modules over MAX_LINES lines (as ruff format writes them), with the reason they are allowed for now: none of them has
# a second area in it that could be cut off cleanly yet; split them by sub-domain when they grow.
LONG_MODULES: dict[str, str] = {}


def app_modules():
    for app in FLOOR:
        folder = ROOT / app
        if not folder.is_dir():  # an app of the plan that does not exist yet
            continue
        for path in sorted(folder.rglob("*.py")):
            parts = path.relative_to(ROOT).parts
            if SKIP_DIRS.intersection(parts):
                continue
            yield app, path


def imported_apps(path: Path):
    """(line, imported module) for every import in the file, at any depth."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module


def test_no_app_imports_from_an_app_on_a_higher_or_the_same_floor():
    wrong = []
    for app, path in app_modules():
        for line, module in imported_apps(path):
            target = module.split(".")[0]
            if target not in FLOOR or target == app:
                continue
            if FLOOR[target] > FLOOR[app]:
                wrong.append(
                    f"{path.relative_to(ROOT)}:{line} ({app}, floor {FLOOR[app]}) imports {module} "
                    f"({target}, floor {FLOOR[target]}): upward"
                )
            elif FLOOR[target] == FLOOR[app] and (app, target) not in SAME_FLOOR_ALLOWED:
                wrong.append(
                    f"{path.relative_to(ROOT)}:{line} ({app}) imports {module} ({target}): same floor"
                )
    assert not wrong, "Imports against the floors:\n" + "\n".join(wrong)


def test_every_app_has_a_floor():
    apps = {p.parent.name for p in ROOT.glob("*/apps.py")} | {
        p.parent.name for p in ROOT.glob("*/settings.py")
    }
    assert apps <= set(FLOOR), f"Give these apps a floor in FLOORS: {sorted(apps - set(FLOOR))}"


def test_no_application_module_is_longer_than_the_limit():
    long = {}
    for _, path in app_modules():
        lines = len(path.read_text().splitlines())
        name = str(path.relative_to(ROOT))
        if lines > MAX_LINES and name not in LONG_MODULES:
            long[name] = lines
    assert not long, f"Modules over {MAX_LINES} lines (split them by sub-domain): {long}"
