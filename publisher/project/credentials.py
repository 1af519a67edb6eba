"""Which environment variables each channel reads, taken from the network descriptors.

`.env.example`, the CI workflow's secrets and `publisher doctor` all use this list, so a new
network or credential appears in all three without anyone editing them by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from publisher.errors import ChannelError
from publisher.networks import all_networks
from publisher.secrets import credential, mask
from publisher.sending.channels.registry import adapter_class

STORE_VARIABLE = "PUBLISHER_STORE"
"""Overrides the `store` setting: how CI and several workers reach one PostgreSQL store."""


@dataclass(frozen=True)
class NetworkVariables:
    """The variables one network's adapter reads (without a channel's env_prefix)."""

    network: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


def network_variables() -> list[NetworkVariables]:
    """Every network that has an adapter, in the descriptors' order, with the variables they name."""
    return [NetworkVariables(n.key, n.credentials, n.optional_credentials) for n in all_networks() if n.adapter]


def all_variable_names() -> list[str]:
    """Every credential variable of every network (required first, then optional), without duplicates."""
    names: list[str] = []
    for net in network_variables():
        names.extend(n for n in (*net.required, *net.optional) if n not in names)
    return names


def env_example() -> str:
    """The text of a new project's .env.example: every variable, grouped by network."""
    lines = [
        "# Credentials, read from the environment or from a .env file beside mkdocs.yml.",
        "# Copy this file to .env (never commit .env: it is in .gitignore) and fill in the networks you use.",
        "# A channel with none of its required variables set posts to the dry-run outbox",
        "# (.publisher/outbox/<network>.jsonl) instead of the network, so you can try everything first.",
        "# In GitHub Actions, add the same names as repository secrets (Settings > Secrets and variables).",
        "# Several accounts on one network: give the channel an env_prefix in mkdocs.yml (env_prefix: ACME_)",
        "# and set ACME_X_API_KEY and so on.",
        "",
        "# Store: unset means the SQLite file .publisher/publisher.db; set a PostgreSQL URL",
        "# (postgresql://user:password@host/db) when several machines or workers share the queue.",
        f"{STORE_VARIABLE}=",
    ]
    for net in network_variables():
        lines += ["", f"# {net.network}: required"]
        lines += [f"{name}=" for name in net.required]
        if net.optional:
            lines.append(f"# {net.network}: optional")
            lines += [f"# {name}=" for name in net.optional]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ChannelCredentials:
    """What the environment holds for one configured channel."""

    channel: str
    network: str
    prefix: str
    required: tuple[str, ...]
    present: tuple[str, ...]
    """Required variables that are set (full names, prefix included)."""
    missing: tuple[str, ...]
    """Required variables that are not set (full names, prefix included)."""
    problem: str = ""
    """Why the adapter refuses the credentials that are set (a malformed URL...), secrets masked."""

    @property
    def state(self) -> str:
        """ready, dry-run (nothing set: the outbox), incomplete, invalid, or no-adapter."""
        if not self.required:
            return "no-adapter"
        if not self.present:
            return "dry-run"
        if self.missing:
            return "incomplete"
        return "invalid" if self.problem else "ready"


def channel_credentials(name: str, spec: Any) -> ChannelCredentials:
    """Inspect the environment for one channel, and let its adapter check the shape (no network I/O)."""
    network = spec.network or name
    prefix = spec.env_prefix or ""
    cls = adapter_class(network)
    if cls is None:
        return ChannelCredentials(name, network, prefix, (), (), ())
    values: Mapping[str, str] = {n: credential(n, prefix) for n in (*cls.credential_names, *cls.optional_names)}
    present = tuple(prefix + n for n in cls.credential_names if values[n])
    missing = tuple(prefix + n for n in cls.credential_names if not values[n])
    problem = ""
    if present and not missing:
        try:
            cls(name, spec, {k: v for k, v in values.items() if v})
        except ChannelError as e:
            problem = mask(str(e))
    return ChannelCredentials(name, network, prefix, tuple(cls.credential_names), present, missing, problem)


__all__ = ["STORE_VARIABLE", "ChannelCredentials", "NetworkVariables", "all_variable_names", "channel_credentials",
           "env_example", "network_variables"]
