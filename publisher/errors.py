"""The publisher's exceptions.

Library code raises these (their messages masked: publisher.secrets); only the edges (the CLI and the MkDocs plugin) turn them into
messages and exit codes. Nothing inside the package calls ``sys.exit``.

    PublisherError
     ├── ProblemsError            one or more located problems, reported together
     │    ├── ConfigError         mkdocs.yml / the publisher block
     │    ├── ContentError        front matter and files under content/
     │    └── ImportProblems      WordPress exports and feeds that cannot be read
     ├── StoreError               the database cannot be reached or is inconsistent
     │    └── MigrationError      a named migration failed (its transaction was rolled back)
     ├── PlanError                rules and content that cannot make a plan
     ├── NotFound                 a post, piece or channel named on the command line does not exist
     ├── ScaffoldError            a new project cannot be written where asked (`publisher init`)
     ├── UnknownNetwork           a network no descriptor describes (a typo, a plugin not installed)
     └── ChannelError             a network adapter cannot be set up (bad or missing credentials)
          └── MetricsUnavailable  a network would not give engagement numbers now (rate limit, token, outage)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from publisher.secrets import mask

_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def _escaped(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


@dataclass(frozen=True, order=True)
class Problem:
    """One located problem: which file, which field, what was expected and what was found."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        if self.field:  # a key typed with a line break or a tab is shown escaped: one problem, one line
            return f"{self.where}: '{_CONTROL.sub(_escaped, self.field)}': {self.message}"
        return f"{self.where}: {self.message}"


class PublisherError(Exception):
    """Base of every error the publisher raises on purpose; its message is masked when it is made
    (what a driver, a library or a network said may carry a secret in any form)."""

    def __init__(self, *args: Any):
        super().__init__(*(mask(a) if isinstance(a, str) else a for a in args))


class ProblemsError(PublisherError):
    """Several located problems, collected first and reported once."""

    what = "problem"

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = sorted(set(problems))
        super().__init__(self.render())

    def render(self) -> str:
        count = len(self.problems)
        head = f"{count} {self.what}{'s' if count != 1 else ''} found:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])


class ConfigError(ProblemsError):
    """The configuration (mkdocs.yml and its publisher block) is invalid."""

    what = "configuration problem"


class ContentError(ProblemsError):
    """One or more pieces under content/ are invalid."""

    what = "content problem"


class ImportProblems(ProblemsError):
    """An export or feed cannot be imported."""

    what = "import problem"


class StoreError(PublisherError):
    """The store cannot be reached or holds something unexpected."""


class MigrationError(StoreError):
    """A named migration failed; its transaction was rolled back."""


class PlanError(PublisherError):
    """Rules and content cannot make a plan."""


class NotFound(PublisherError):
    """Something named by the user (a post, a piece, a channel) does not exist."""


class ScaffoldError(PublisherError):
    """A new project cannot be written where asked (a folder with files in it, a file in the way)."""


class UnknownNetwork(PublisherError, ValueError):
    """A network no descriptor describes (a typo in mkdocs.yml, a plugin that is not installed)."""


class ChannelError(PublisherError):
    """A network adapter cannot be set up, for example with bad credentials."""


class MetricsUnavailable(ChannelError):
    """A network would not give engagement numbers now: rate limited, token refused, or unreachable."""

    def __init__(self, message: str, retry_at: dt.datetime | None = None, disable_channel: bool = False):
        super().__init__(message)
        self.retry_at = retry_at
        self.disable_channel = disable_channel
