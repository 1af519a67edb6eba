"""The one validated configuration, read from mkdocs.yml by the plugin and by the CLI alike."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from publisher.config.schema import PublisherConfig
from publisher.errors import ConfigError, Problem

PLUGIN_NAME = "publisher"


@dataclass
class Settings:
    """The publisher block plus the few MkDocs settings it needs, with paths resolved."""

    plugin: PublisherConfig
    config_file: Path
    docs_dir: Path
    site_dir: Path
    site_url: str = ""
    site_name: str = "Publisher"
    extra: dict[str, Any] = field(default_factory=dict)
    directory_urls: bool = True
    """MkDocs' use_directory_urls: pages at folder/slug/ (True) or folder/slug.html."""

    @property
    def root(self) -> Path:
        """The project folder: where mkdocs.yml lives."""
        return self.config_file.parent

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.plugin.timezone)

    @property
    def store_url(self) -> str:
        """The store URL with a relative SQLite path made absolute against the project folder."""
        url = os.environ.get("PUBLISHER_STORE") or self.plugin.store
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
            return prefix + str((self.root / url[len(prefix):]).resolve())
        return url

    @property
    def outbox_dir(self) -> Path:
        return (self.root / self.plugin.outbox).resolve()

    @property
    def state_dir(self) -> Path:
        """Where the publisher keeps its local state (.publisher/)."""
        return self.root / ".publisher"

    def type_by_folder(self, folder: str) -> str | None:
        for key, spec in self.plugin.types.items():
            if spec.folder.strip("/") == folder:
                return key
        return None


def validate_block(block: dict[str, Any] | None, config_file: Path) -> PublisherConfig:
    """Validate a publisher block; raise ConfigError listing every problem."""
    cfg = PublisherConfig(config_file_path=str(config_file))
    cfg.load_dict(block or {})
    failed, _ = cfg.validate()
    if failed:
        where = config_file.name
        raise ConfigError(Problem(where, f"plugins.publisher.{k}", str(e)) for k, e in failed)
    return cfg


def _read_mkdocs_yml(config_file: Path) -> dict[str, Any]:
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    from publisher.config.yaml_text import text_dates

    try:
        with open(config_file, "rb") as fd:
            # MkDocs' own loader (!ENV, INHERIT), with dates left as text for the schema to read.
            data = yaml_load(fd, text_dates(get_yaml_loader()))
    except FileNotFoundError:
        raise ConfigError([Problem(str(config_file), "", "file not found; run the command in the project "
                                   "folder or pass --config-file PATH")]) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark else ""
        raise ConfigError([Problem(config_file.name, "", f"not valid YAML{line}: {getattr(e, 'problem', e)}")]) from None
    except UnicodeDecodeError:
        raise ConfigError([Problem(config_file.name, "", "expected UTF-8 text, found bytes that are not UTF-8")]) from None
    if not isinstance(data, dict):
        raise ConfigError([Problem(config_file.name, "", "expected a mapping of settings at the top level")])
    return data


def find_block(plugins: object) -> dict[str, Any] | None:
    """Find the publisher entry in a mkdocs.yml `plugins` list or mapping."""
    if isinstance(plugins, dict):
        items = list(plugins.items())
    elif isinstance(plugins, list):
        items = [(p, {}) if isinstance(p, str) else next(iter(p.items())) for p in plugins if p]
    else:
        return None
    for name, block in items:
        if name == PLUGIN_NAME:
            return block or {}
    return None


def load_settings(config_file: str | Path = "mkdocs.yml") -> Settings:
    """Read mkdocs.yml and validate its publisher block, as `mkdocs build` would."""
    path = Path(config_file).resolve()
    data = _read_mkdocs_yml(path)
    block = find_block(data.get("plugins"))
    if block is None:
        raise ConfigError([Problem(path.name, "plugins", "expected a 'publisher' entry in the plugins list")])
    plugin = validate_block(block, path)
    return settings_from(plugin, path, data)


def settings_from(plugin: PublisherConfig, config_file: Path, mkdocs: dict[str, Any] | Any) -> Settings:
    """Build Settings from a validated block and the MkDocs settings (a dict or a MkDocsConfig)."""
    root = config_file.parent
    docs = Path(mkdocs.get("docs_dir") or "docs")
    site = Path(mkdocs.get("site_dir") or "site")
    return Settings(
        plugin=plugin,
        config_file=config_file,
        docs_dir=docs if docs.is_absolute() else (root / docs).resolve(),
        site_dir=site if site.is_absolute() else (root / site).resolve(),
        site_url=str(mkdocs.get("site_url") or ""),
        site_name=str(mkdocs.get("site_name") or "Publisher"),
        extra=dict(mkdocs.get("extra") or {}),
        directory_urls=mkdocs.get("use_directory_urls") is not False,
    )


__all__ = ["PLUGIN_NAME", "PublisherConfig", "Settings", "find_block", "load_settings", "settings_from",
           "validate_block"]
