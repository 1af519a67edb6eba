"""Where descriptors are found: this package's own modules, then outside plugins, by one rule.

A module of this package that defines ``NETWORK`` (a Network) describes a built-in network; an
installed distribution adds one through the ``publisher.networks`` entry point group, pointing at
its own Network object (``acme = "acme_publisher.network:NETWORK"``). Both are loaded the first
time any network is asked for, once per process: importing a descriptor costs nothing heavy.
"""

from __future__ import annotations

import importlib
import pkgutil
import threading

from publisher.errors import UnknownNetwork
from publisher.networks.descriptor import Network

ENTRY_POINTS = "publisher.networks"

_found: dict[str, Network] | None = None
_lock = threading.Lock()


def _discover() -> dict[str, Network]:
    import publisher.networks as package

    found: dict[str, Network] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        descriptor = getattr(module, "NETWORK", None)
        if isinstance(descriptor, Network):
            found[descriptor.key] = descriptor
    for descriptor in _plugins():
        found.setdefault(descriptor.key, descriptor)  # a plugin never replaces a built-in network
    return dict(sorted(found.items(), key=lambda kv: (kv[1].order, kv[0])))


def _plugins() -> list[Network]:
    from importlib.metadata import entry_points

    out = []
    for point in entry_points(group=ENTRY_POINTS):
        descriptor = point.load()
        if not isinstance(descriptor, Network):
            raise UnknownNetwork(f"entry point {point.name} = {point.value!r} ({ENTRY_POINTS}) is not a "
                                 f"publisher.networks.Network")
        out.append(descriptor)
    return out


def _all() -> dict[str, Network]:
    global _found
    if _found is None:
        with _lock:
            if _found is None:
                _found = _discover()
    return _found


def register(descriptor: Network) -> None:
    """Add a network at run time (a plugin without an entry point, a test)."""
    found = dict(_all())
    found[descriptor.key] = descriptor
    global _found
    _found = dict(sorted(found.items(), key=lambda kv: (kv[1].order, kv[0])))


def network(key: str) -> Network:
    """The descriptor of ``key``; UnknownNetwork names the networks there are."""
    found = _all().get(key)
    if found is None:
        raise UnknownNetwork(f"unknown network {key!r}; expected one of {', '.join(_all())}")
    return found


def known(key: str) -> bool:
    return key in _all()


def all_networks() -> tuple[Network, ...]:
    """Every network, in their ``order``."""
    return tuple(_all().values())


def keys() -> tuple[str, ...]:
    return tuple(_all())


__all__ = ["ENTRY_POINTS", "all_networks", "keys", "known", "network", "register"]
