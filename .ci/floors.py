"""Print a pip constraints file that pins every runtime dependency of pyproject.toml to its floor.

`.ci/run` installs the package with it in a venv of its own and runs the tests there: the floors in
pyproject.toml must be versions the code actually works with (uv's --resolution lowest-direct, done
with pip). Only [project] dependencies are pinned: they are the promise made to users; the test
tools resolve as usual. A dependency without a floor is an error.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*(.*)$")
_FLOOR = re.compile(r">=\s*([0-9][^,;\s]*)")


def floors(pyproject: Path) -> list[str]:
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    pins = []
    for requirement in dependencies:
        match = _REQUIREMENT.match(requirement)
        floor = _FLOOR.search(match.group(2)) if match else None
        if not match or not floor:
            raise SystemExit(f"{pyproject}: dependency {requirement!r}: expected a floor (>=X), found none")
        pins.append(f"{match.group(1)}=={floor.group(1)}")
    return pins


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    sys.stdout.write("".join(f"{pin}\n" for pin in floors(root / "pyproject.toml")))
