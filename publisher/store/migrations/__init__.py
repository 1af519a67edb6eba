"""Named migrations, discovered in order from the modules of this package.

Each module is called ``mNNNN_<what>.py`` and defines ``NAME`` (a short unique name, recorded in
``schema_migrations``) and ``apply(conn)``. The store applies each pending migration in its own
transaction together with its row in ``schema_migrations``: a failing migration leaves nothing
behind. Numbers: 0001 core, 0002 metrics, 0003 watched feeds, 0004 analytics, 0005 link cards, 0006
the store's ledger (its identity), 0007 threads of posts.

A migration is frozen once released: it defines the tables it creates itself, so later changes
to the store's table objects never change what an old migration does.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa

from publisher.errors import MigrationError

_MODULE = re.compile(r"m(\d{4})_[a-z0-9_]+")


@dataclass(frozen=True)
class Migration:
    number: int
    name: str
    module: str
    apply: Callable[[sa.Connection], None]


def discover() -> list[Migration]:
    """Every migration module of this package, in order of its number."""
    found: list[Migration] = []
    for info in pkgutil.iter_modules(__path__):
        match = _MODULE.fullmatch(info.name)
        if not match:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        found.append(Migration(int(match.group(1)), str(module.NAME), info.name, module.apply))
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if len(set(numbers)) != len(numbers):
        raise MigrationError(f"two migration modules share a number: {[m.module for m in found]}")
    return found


__all__ = ["Migration", "discover"]
