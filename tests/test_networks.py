"""Network descriptors: one light record per network, the single source the rest derives from."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.errors import ConfigError, UnknownNetwork
from publisher.networks import Network, all_networks, counting, keys, network, registry, sharing
from publisher.sending.channels.registry import adapter_class

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("key", keys())
def test_each_descriptor_is_complete_and_its_adapter_agrees(key: str) -> None:
    found = network(key)
    assert found.key == key and found.label and re.fullmatch(r"#[0-9a-f]{6}", found.colour)
    assert found.counts in counting.RULES and found.limit > 0 and found.unit
    assert len(set(found.credentials + found.optional_credentials)) == len(found.credentials + found.optional_credentials)
    cls = adapter_class(key)
    assert cls is not None and cls.network == key
    assert (cls.credential_names, cls.optional_names) == (found.credentials, found.optional_credentials)
    assert not hasattr(cls, "max_length") and not hasattr(cls, "url_length")  # the descriptor says it once


def test_importing_the_descriptors_imports_no_client_library() -> None:
    code = ("import sys, publisher.networks as n; n.all_networks(); n.counting.limit_for('x'); "
            "heavy = [m for m in ('tweepy', 'mastodon', 'atproto', 'httpx', 'sqlalchemy', 'mkdocs') if m in sys.modules]; "
            "print(heavy)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_an_unknown_network_is_an_error_never_a_default() -> None:
    with pytest.raises(UnknownNetwork, match=r"unknown network 'tiktok'; expected one of x, mastodon"):
        counting.limit_for("tiktok")
    with pytest.raises(UnknownNetwork):
        counting.measure("tiktok", "hello")
    with pytest.raises(UnknownNetwork):
        sharing.share_url("tiktok", url="https://example.org", text="t")


def test_an_unknown_network_in_mkdocs_yml_is_a_located_error(project: ProjectDir) -> None:
    project.config("channels: {acme-fr: {network: tiktok}, x: {}}")
    with pytest.raises(ConfigError) as info:
        load_settings(project.config_file)
    assert [str(p) for p in info.value.problems] == [
        "mkdocs.yml: 'plugins.publisher.channels.acme-fr.network': unknown network; expected one of "
        f"{', '.join(keys())}, got 'tiktok'"]


def test_the_readme_credentials_table_is_the_descriptors() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Credentials", 1)[1].split("\n\n", 3)[2]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "---" not in line][1:]
    table = {}
    for row in rows:
        label, required, optional = (cell.strip() for cell in row.strip("|").split("|"))
        table[label.split(" (")[0]] = (tuple(re.findall(r"`([A-Z0-9_]+)`", required)),
                                       tuple(re.findall(r"`([A-Z0-9_]+)`", optional)))
    described = {n.label: (n.credentials, n.optional_credentials) for n in all_networks() if n.adapter}
    assert table == described


def test_share_and_profile_links_come_from_the_patterns() -> None:
    assert sharing.share_url("x", url="https://e.org/a?b=1", text="Hi there") == (
        "https://x.com/intent/post?text=Hi%20there&url=https%3A%2F%2Fe.org%2Fa%3Fb%3D1")
    assert sharing.share_url("mastodon", url="https://e.org/", text="Hi", mastodon_instance="https://toot.example/") == (
        "https://toot.example/share?text=Hi%20https%3A%2F%2Fe.org%2F")
    assert sharing.profile_url("mastodon", "@camille@toot.example") == "https://toot.example/@camille"
    assert sharing.profile_url("mastodon", "@camille") == ""  # no instance: no link rather than a wrong one
    assert sharing.profile_url("x", "@camille") == "https://x.com/camille"
    assert sharing.profile_url("linkedin", "https://www.linkedin.com/in/cm") == "https://www.linkedin.com/in/cm"
    with pytest.raises(ValueError, match="no share link"):
        sharing.share_url("webhook", url="https://e.org/", text="t")


def test_one_fit_check_for_every_second_limit() -> None:
    assert counting.fits("bluesky", 300, 300, 3000) and not counting.fits("bluesky", 10, 300, 3001)
    assert counting.fits("x", 280, 280, 10_000)  # X has no byte limit
    assert counting.too_long("bluesky", 10, 300, 3001) == "too long for bluesky: 3001 bytes, limit 3000"


def test_a_plugin_network_is_found_through_the_entry_point_group(tmp_path: Path) -> None:
    """An outside distribution adds a network the way built-ins are found: no edit of ours."""
    (tmp_path / "acme_network.py").write_text(textwrap.dedent("""\
        from publisher.networks import Network
        NETWORK = Network(key="acme", label="Acme", colour="#123456", order=95, limit=1000, counts="characters",
                          unit="characters", share_url="https://acme.example/share?u={url}")
        """), encoding="utf-8")
    info = tmp_path / "acme_network-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-network\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{registry.ENTRY_POINTS}]\nacme = acme_network:NETWORK\n",
                                          encoding="utf-8")
    code = ("from publisher.networks import keys, counting, sharing; print(keys()[-2:]); "
            "print(counting.limit_for('acme'), sharing.label('acme'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.stdout.splitlines() == ["('acme', 'webhook')" if network("webhook").order > 95 else
                                        "('webhook', 'acme')", "1000 Acme"]


def test_register_adds_a_network_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_found", dict(registry._all()))
    registry.register(Network(key="intranet", label="Intranet", colour="#000000", order=99, limit=2000,
                              counts="characters", unit="characters"))
    assert counting.limit_for("intranet") == 2000 and keys()[-1] == "intranet"
