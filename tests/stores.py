"""Store fixtures shared by every test that needs a real database (imported by conftest).

    sqlite_store   a fresh SQLite file in tmp_path, migrated
    pg_url         a URL whose search_path is a fresh PostgreSQL schema (dropped afterwards)
    pg_store       a migrated store on that schema
    any_store      parametrised: the same test on SQLite and on PostgreSQL

``planned_post(...)`` builds a PlannedPost with sensible defaults for store-level tests.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from publisher.posts.model import LinkCard, PlannedPost
from publisher.store import Store, open_store

T0 = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def _pg_admin_url() -> str:
    from conftest import PG_URL

    return PG_URL


def planned_post(n: int, channel: str = "x", *, at: dt.datetime = T0, piece: str | None = None,
                 role: str = "launch", state: str = "proposed", text: str | None = None, **more: Any) -> PlannedPost:
    """The n-th post of a synthetic plan (key: <piece>:<channel>:<role>)."""
    piece = piece or f"articles/piece-{n}"
    return PlannedPost(
        key=f"{piece}:{channel}:{role}", piece=piece, channel=channel, network=more.pop("network", channel),
        role=role, excerpt_id=more.pop("excerpt_id", f"ex{n}"), excerpt_kind=more.pop("excerpt_kind", "summary"),
        text=text if text is not None else f"Post {n} of {piece} for {channel}",
        link=more.pop("link", f"https://test.example.org/{piece}/?utm_source={channel}"),
        scheduled_at=at, lang=more.pop("lang", "en"),
        card=more.pop("card", LinkCard(url=f"https://test.example.org/{piece}/", title=f"Piece {n}")),
        state=state, **more)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    store = open_store(f"sqlite:///{tmp_path / 'state' / 'publisher.db'}")
    yield store
    store.close()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A PostgreSQL URL on a schema of its own, so tests never see each other's rows."""
    admin_url = _pg_admin_url()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(admin_url)
    try:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    except sa.exc.OperationalError as e:
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {admin_url}: {e.orig}")
    url = sa.engine.make_url(admin_url).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
    admin.dispose()


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    store = open_store(pg_url)
    yield store
    store.close()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest) -> Store:
    """The same test on both engines."""
    return request.getfixturevalue("sqlite_store" if request.param == "sqlite" else "pg_store")
