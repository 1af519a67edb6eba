"""The MkDocs plugin: thin event handlers over publisher.content and publisher.site helpers."""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from publisher.config import Settings, settings_from
from publisher.config.schema import PublisherConfig
from publisher.content import Library, load_library
from publisher.errors import ContentError

log = logging.getLogger("mkdocs.plugins.publisher")


class PublisherPlugin(BasePlugin[PublisherConfig]):
    """Turns content/ pieces into pages, indexes, feeds and meta tags."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.library: Library | None = None
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self.settings = settings_from(self.config, Path(config.config_file_path), config)
        try:
            self.library = load_library(self.settings)
        except ContentError as e:
            raise PluginError(e.render()) from None
        for warning in self.library.warnings:
            log.warning(warning)
        return config
