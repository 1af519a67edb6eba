"""What a project's requirements.txt installs: this project, from somewhere CI can reach.

    for severity, message, fix in requirement_findings(Path("requirements.txt")): ...

The import package, the command and the MkDocs plugin are called ``publisher``, but the distribution
is ``comms-publisher``: ``publisher`` on PyPI is an unrelated project (early projects made by
``publisher init`` wrote ``publisher==0.1.0``, which pip installs happily).
"""

from __future__ import annotations

import re
from pathlib import Path

from publisher.project.scaffold import DISTRIBUTION

ERROR, WARNING, OK = "error", "warning", "ok"
_NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)")


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_findings(path: Path) -> list[tuple[str, str, str]]:
    """(severity, message, fix) for each thing worth saying about ``path``; nothing when it is absent."""
    if not path.is_file():
        return []
    findings: list[tuple[str, str, str]] = []
    ours: list[str] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        m = _NAME.match(line)
        if m is None:
            continue
        name, rest = _normalized(m.group(1)), m.group(2)
        where = f"{path.name}:{number}"
        if name == "publisher":
            findings.append((ERROR, f"{where}: '{line}' installs 'publisher' from the package index, an unrelated "
                             f"project that has nothing to do with this one",
                             f"replace the line with '{DISTRIBUTION}' and where it comes from, e.g. "
                             f"'{DISTRIBUTION} @ git+https://github.com/<org>/publisher@<tag>'"))
        elif name == DISTRIBUTION:
            ours.append(line)
            if "file:" in rest:
                findings.append((WARNING, f"{where}: '{line}' is a path on one machine; CI and other people's "
                                 f"machines cannot install it",
                                 f"point it at a released version ({DISTRIBUTION}==X.Y.Z) or a git URL"))
    if ours and not findings:
        findings.append((OK, f"{path.name}: installs {ours[0]}", ""))
    return findings


__all__ = ["requirement_findings"]
