"""Imports every command module so each registers its commands on the group."""

import importlib

MODULES = [
    "publisher.cli.content",
    "publisher.cli.feeds",
    "publisher.cli.reports",
    "publisher.cli.metrics",
    "publisher.cli.queue",
    "publisher.cli.calendar",
    "publisher.cli.dispatch",
    "publisher.cli.project",
    "publisher.cli.social",
    "publisher.cli.kits",
]

for _name in MODULES:
    importlib.import_module(_name)
