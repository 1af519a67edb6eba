"""Which adapter sends each configured channel: the network's own, or the dry-run outbox.

A channel whose network has no credentials in the environment (or no adapter yet) gets an
OutboxChannel, with a notice saying why, so `publisher run` works on a fresh machine. A channel
whose credentials are present but incomplete or malformed gets no adapter at all: its posts wait
(writing them to the outbox would mark them published when the team meant them for the network).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publisher.errors import ChannelError
from publisher.networks import network as descriptor
from publisher.secrets import credential, mask
from publisher.sending.channels.base import Channel
from publisher.sending.channels.outbox import Clock, OutboxChannel
from publisher.store.types import utc_now


@dataclass
class Channels:
    """The channels a dispatcher sends through, and what the team should know about them."""

    active: dict[str, Channel] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)
    outbox: dict[str, Path] = field(default_factory=dict)
    """Channel name -> outbox file, for channels in dry run."""
    held: dict[str, str] = field(default_factory=dict)
    """Channel name -> why it has no adapter (its posts wait)."""

    def __iter__(self) -> Iterator[Any]:
        """Unpacks as ``active, notices = build_channels(settings)``."""
        return iter((self.active, self.notices))


def adapter_class(network: str) -> type[Channel] | None:
    """The adapter class of a network (its descriptor's ``adapter``), or None when it has none (yet)."""
    found = descriptor(network).adapter
    if not found:
        return None
    module_name, _, class_name = found.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name == module_name:
            return None
        raise
    return getattr(module, class_name, None)


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def build_channels(settings: Any, *, clock: Clock = utc_now, outbox_fsync: str | None = None,
                   find_adapter: Callable[[str], type[Channel] | None] = adapter_class) -> Channels:
    """Build one channel per enabled configured account; never touches the network."""
    out = Channels()
    for name, spec in settings.plugin.channels.items():
        network = spec.network or name
        if not spec.enabled:
            out.held[name] = "disabled in mkdocs.yml (enabled: false)"
            out.notices.append(f"{name}: disabled in {settings.config_file.name}; its posts wait")
            continue
        # The descriptor names the credentials: a network without any of them goes to the outbox without
        # importing its client library (atproto alone takes seconds to import on a small machine).
        known = descriptor(network).credentials
        if known and not any(credential(n, spec.env_prefix) for n in known):
            _to_outbox(out, name, spec, network, settings, clock, outbox_fsync, known)
            continue
        try:
            cls = find_adapter(network)
        except Exception as e:  # a broken adapter must not stop the other channels
            out.held[name] = f"adapter cannot be loaded: {type(e).__name__}: {mask(str(e))}"
            out.notices.append(f"{name}: {out.held[name]}; its posts wait")
            continue
        names = (*cls.credential_names, *cls.optional_names) if cls else ()
        creds = {n: credential(n, spec.env_prefix) for n in names}
        required = cls.credential_names if cls else ()
        if cls is None or not any(creds.get(n) for n in required):
            _to_outbox(out, name, spec, network, settings, clock, outbox_fsync, required if cls else None)
            continue
        try:
            out.active[name] = cls(name, spec, {k: v for k, v in creds.items() if v})
        except ChannelError as e:
            out.held[name] = str(e)  # masked: a ChannelError
            out.notices.append(f"{name}: {out.held[name]}; its posts wait (set every credential, or none for "
                               f"the dry-run outbox)")
    return out


def _to_outbox(out: Channels, name: str, spec: Any, network: str, settings: Any, clock: Clock,
               fsync: str | None, required: tuple[str, ...] | None) -> None:
    outbox = OutboxChannel(name, spec, folder=settings.outbox_dir, network=network, clock=clock,
                           fsync=fsync or settings.plugin.outbox_fsync)
    out.active[name] = outbox
    out.outbox[name] = outbox.path
    why = (f"no adapter for {network} yet" if required is None else
           f"no credentials ({', '.join(spec.env_prefix + n for n in required)})")
    out.notices.append(f"{name}: {why}; posts go to the dry-run outbox {_shown(outbox.path, settings.root)}")


__all__ = ["Channels", "adapter_class", "build_channels"]
