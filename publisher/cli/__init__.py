"""The `publisher` command line."""

from publisher.cli.app import cli, main

__all__ = ["cli", "main"]
