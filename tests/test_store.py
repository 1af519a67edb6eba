"""The store on real SQLite and real PostgreSQL: migrations, instants, plans upserted by key, approvals,
pauses, claims and their guards. Every state change must leave an event row."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from stores import T0, planned_post

from publisher.errors import MigrationError, NotFound, ProblemsError, StoreError
from publisher.posts.model import SentPost
from publisher.store import PostEdit, RateWindow, Store, UTCDateTime, open_store
from publisher.store.migrations import Migration, discover
from publisher.store.tables import post_events, posts, sends

H = dt.timedelta(hours=1)


def states(store: Store) -> dict[str, str]:
    with store.reading() as conn:
        return dict(conn.execute(sa.select(posts.c.key, posts.c.state)).all())


def events_of(store: Store, key: str) -> list[tuple[str | None, str, str]]:
    query = (sa.select(post_events.c.from_state, post_events.c.to_state, post_events.c.detail)
             .join(posts, posts.c.id == post_events.c.post_id).where(posts.c.key == key).order_by(post_events.c.id))
    with store.reading() as conn:
        return list(conn.execute(query).all())


# Opening and migrating ---------------------------------------------------------------------------


def test_sqlite_store_is_created_on_first_use_with_its_folder(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / ".publisher" / "publisher.db"
    store = open_store(f"sqlite:///{db}")
    assert db.is_file()
    assert store.applied_migrations() == {m.name for m in discover()}
    assert store.pending_migrations() == []
    assert "0001_core" in store.applied_migrations()
    assert store.migrate() == []  # a second open applies nothing
    store.close()


def test_pending_migrations_reads_without_creating_anything(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'p.db'}")
    assert store.pending_migrations()[0] == "0001_core"
    with store.reading() as conn:
        assert not sa.inspect(conn).has_table("schema_migrations")


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_a_failing_migration_leaves_nothing_behind(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}" if engine == "sqlite" else request.getfixturevalue("pg_url")
    store = Store(url)

    def half_done(conn: sa.Connection) -> None:
        conn.exec_driver_sql("CREATE TABLE half_done (id INTEGER PRIMARY KEY)")
        conn.exec_driver_sql("INSERT INTO no_such_table VALUES (1)")

    migrations = [*discover(), Migration(9999, "9999_broken", "m9999_broken", half_done)]
    with pytest.raises(MigrationError, match="9999_broken failed and was rolled back"):
        store.migrate(migrations)
    with store.reading() as conn:
        assert not sa.inspect(conn).has_table("half_done")  # DDL rolled back with the migration
    assert "0001_core" in store.applied_migrations()  # earlier migrations kept: each has its own transaction
    assert "9999_broken" not in store.applied_migrations()
    store.close()


def test_bad_urls_are_store_errors_without_passwords() -> None:
    with pytest.raises(StoreError, match="expected a sqlite:/// or postgresql:// store URL"):
        Store("mysql://root:hunter22@db/x")
    with pytest.raises(StoreError) as info:
        open_store("postgresql://bob:hunter22@127.0.0.1:1/nowhere")
    assert "hunter22" not in str(info.value) and "127.0.0.1" in str(info.value)


# Instants ----------------------------------------------------------------------------------------


def test_instants_are_aware_utc_in_and_out(any_store: Store) -> None:
    paris = dt.timezone(dt.timedelta(hours=1))
    local = dt.datetime(2026, 3, 2, 9, 10, 0, 123456, tzinfo=paris)
    any_store.apply_plan([planned_post(1, at=local)], T0)
    (record,) = any_store.records()
    assert record.post.scheduled_at == local
    assert record.post.scheduled_at.tzinfo == dt.UTC
    assert record.post.scheduled_at.hour == 8
    with pytest.raises(sa.exc.StatementError, match="expected an aware datetime"), any_store.transaction() as conn:
        conn.execute(posts.update().values(scheduled_at=dt.datetime(2026, 3, 2, 9, 0)))


def test_utc_datetime_rejects_naive_values() -> None:
    with pytest.raises(ValueError, match="aware"):
        UTCDateTime().process_bind_param(dt.datetime(2026, 1, 1), sa.create_engine("sqlite://").dialect)


# Plans -------------------------------------------------------------------------------------------


def test_apply_plan_inserts_then_recognises_an_unchanged_plan(any_store: Store) -> None:
    plan = [planned_post(n, ch) for n in range(5) for ch in ("x", "mastodon")]
    counts = any_store.apply_plan(plan, T0)
    assert (counts.added, counts.updated, counts.unchanged) == (10, 0, 0)
    again = any_store.apply_plan(plan, T0 + H)
    assert (again.added, again.updated, again.unchanged, again.cancelled) == (0, 0, 10, 0)
    assert set(states(any_store).values()) == {"proposed"}
    assert events_of(any_store, plan[0].key) == []  # creation is not a change: created_at records it


def test_replan_updates_what_is_not_sent_and_never_touches_what_was(any_store: Store) -> None:
    first = [planned_post(n) for n in range(6)]
    any_store.apply_plan(first, T0)
    ids = {r.post.key: r.post.id for r in any_store.records()}
    any_store.approve(T0, ids=[ids[first[1].key], ids[first[2].key]])
    # post 3 goes out, post 4 is sent and unknown, post 5 stays proposed
    any_store.approve(T0, ids=[ids[first[3].key], ids[first[4].key]])
    for key, end in ((first[3].key, "published"), (first[4].key, "unconfirmed")):
        with any_store.transaction() as conn:
            conn.execute(posts.update().where(posts.c.key == key).values(state="sending", claimed_by="w"))
        assert any_store.settle(ids[key], "w", T0, end, "test")

    edited = [
        planned_post(0, text="New words for 0"),         # proposed, text changed -> updated, stays proposed
        planned_post(1, text="New words for 1"),         # approved, text changed -> back to proposed
        planned_post(2, at=T0 + 5 * H),                  # approved, only moved -> keeps its approval
        planned_post(3, text="Published words changed"),  # published -> never touched
        planned_post(4, text="Unconfirmed changed"),     # unconfirmed -> never touched
        # post 5 vanished from the plan -> cancelled
    ]
    counts = any_store.apply_plan(edited, T0 + H)
    assert (counts.updated, counts.cancelled, counts.kept, counts.added) == (3, 1, 2, 0)
    by_key = {r.post.key: r for r in any_store.records()}
    assert by_key[first[0].key].post.text == "New words for 0"
    assert by_key[first[1].key].post.state == "proposed"
    assert by_key[first[2].key].post.state == "approved"
    assert by_key[first[2].key].post.scheduled_at == T0 + 5 * H
    assert by_key[first[3].key].post.text == first[3].text
    assert by_key[first[3].key].post.state == "published"
    assert by_key[first[4].key].post.text == first[4].text
    assert by_key[first[5].key].post.state == "cancelled"
    assert events_of(any_store, first[1].key)[-1] == ("approved", "proposed", "replanned: text")
    assert events_of(any_store, first[5].key)[-1] == ("proposed", "cancelled", "no longer in the plan")

    back = any_store.apply_plan([*edited, planned_post(5)], T0 + 2 * H)
    assert back.restored == 1
    assert states(any_store)[first[5].key] == "proposed"


def test_a_big_first_plan_is_loaded_before_its_indexes_are_built(any_store: Store) -> None:
    plan = [planned_post(n, ch, at=T0 + n * H) for n in range(30) for ch in ("x", "bluesky")]
    assert any_store.apply_plan(plan, T0, bulk_load=10).added == 60
    with any_store.reading() as conn:
        names = {ix["name"] for ix in sa.inspect(conn).get_indexes("posts")}
    assert {"ix_posts_channel_state_time", "ix_posts_state_time", "ix_posts_piece"} <= names
    assert len(any_store.records(channel="bluesky")) == 30
    assert any_store.apply_plan(plan, T0, bulk_load=10).unchanged == 60  # later plans keep the indexes


def test_auto_approved_plans_and_hand_edits(any_store: Store) -> None:
    any_store.apply_plan([planned_post(1, state="approved"), planned_post(2)], T0)
    by_key = {r.post.key: r for r in any_store.records()}
    assert by_key[planned_post(1).key].post.state == "approved"
    post2 = by_key[planned_post(2).key].post
    assert any_store.apply_edits([PostEdit(post2.id, "edits.csv:2", text="Hand-written")], T0) == 1
    counts = any_store.apply_plan([planned_post(1, state="approved"), planned_post(2, text="Planner words")], T0 + H)
    assert counts.kept == 1  # a person's edit wins over the planner
    assert any_store.post(post2.id).post.text == "Hand-written"
    assert any_store.post(post2.id).edited_at is not None


def test_edits_apply_all_or_nothing(any_store: Store) -> None:
    any_store.apply_plan([planned_post(1), planned_post(2)], T0)
    a, b = (r.post for r in any_store.records())
    with any_store.transaction() as conn:
        conn.execute(posts.update().where(posts.c.id == b.id).values(state="published"))
    with pytest.raises(ProblemsError) as info:
        any_store.apply_edits([PostEdit(a.id, "f.csv:2", text="x"), PostEdit(b.id, "f.csv:3", text="y")], T0)
    assert str(info.value.problems[0]) == (f"f.csv:3: 'id': expected a post that is not sent yet, got post {b.id} "
                                          f"in state 'published'")
    assert any_store.post(a.id).post.text == a.text


def test_history_lists_what_went_or_may_have_gone_out(any_store: Store) -> None:
    any_store.apply_plan([planned_post(n, state="approved") for n in range(3)], T0)
    first = any_store.claim_next("x", T0 + H, "w").post
    assert first is not None
    assert any_store.history() == [SentPost(first.key, first.piece, "x", "x", first.excerpt_id, first.text,
                                            T0 + H, "sending")]
    any_store.settle(first.id, "w", T0 + H, "published", "ok", remote_id="1")
    assert [p.state for p in any_store.history()] == ["published"]


def test_a_plan_with_two_posts_for_one_key_is_refused(sqlite_store: Store) -> None:
    from publisher.errors import PlanError

    with pytest.raises(PlanError, match="two posts with the key"):
        sqlite_store.apply_plan([planned_post(1), planned_post(1)], T0)
    assert sqlite_store.records() == []


# Approval ----------------------------------------------------------------------------------------


def test_approve_by_id_piece_or_all(any_store: Store) -> None:
    any_store.apply_plan([planned_post(n, ch) for n in range(3) for ch in ("x", "bluesky")], T0)
    records = any_store.records()
    one = records[0].post
    result = any_store.approve(T0, ids=[one.id], actor="camille")
    assert result.approved == (one.id,)
    assert any_store.approve(T0, ids=[one.id]).skipped == ((one.id, "approved"),)
    by_piece = any_store.approve(T0, piece="articles/piece-1", channel="bluesky")
    assert len(by_piece.approved) == 1
    rest = any_store.approve(T0, everything=True)
    assert len(rest.approved) == 4
    assert set(states(any_store).values()) == {"approved"}
    with pytest.raises(NotFound, match="no post with id 999"):
        any_store.approve(T0, ids=[999])
    assert any_store.pieces_in_store("piece-2") == ["articles/piece-2"]


# Claims, pauses, limits --------------------------------------------------------------------------


def test_claims_take_due_approved_posts_in_time_order(any_store: Store) -> None:
    any_store.apply_plan([planned_post(1, at=T0 + 2 * H, state="approved"), planned_post(2, at=T0, state="approved"),
                          planned_post(3, at=T0, state="proposed"), planned_post(4, at=T0 + 9 * H, state="approved")], T0)
    now = T0 + 3 * H
    first = any_store.claim_next("x", now, "w").post
    second = any_store.claim_next("x", now, "w").post
    assert first is not None and second is not None
    assert (first.piece, second.piece) == ("articles/piece-2", "articles/piece-1")
    assert (first.state, first.attempts) == ("sending", 1)
    assert any_store.claim_next("x", now, "w").post is None  # proposed and future posts are not due
    assert any_store.due_count(T0 + 10 * H) == {"x": 1}
    assert any_store.next_due(now).piece == "articles/piece-4"


def test_only_the_claiming_worker_can_settle(any_store: Store) -> None:
    any_store.apply_plan([planned_post(1, state="approved")], T0)
    post = any_store.claim_next("x", T0, "worker-a").post
    assert post is not None
    assert not any_store.settle(post.id, "worker-b", T0, "published", "not mine", remote_id="x")
    assert any_store.take_over(post.id, "worker-a", "worker-b", T0, "test")
    assert not any_store.settle(post.id, "worker-a", T0, "published", "lost my claim", remote_id="x")
    assert any_store.settle(post.id, "worker-b", T0, "published", "ok", remote_id="r1", remote_url="https://r/1")
    record = any_store.post(post.id)
    assert (record.post.state, record.post.remote_id, record.claimed_by) == ("published", "r1", None)
    assert [e[1] for e in events_of(any_store, post.key)] == ["sending", "sending", "published"]


def test_pause_holds_claims_until_resumed_or_until_its_end(any_store: Store) -> None:
    any_store.apply_plan([planned_post(n, ch, state="approved") for n in range(2) for ch in ("x", "bluesky")], T0)
    pause = any_store.pause(T0, reason="crisis", actor="lead")
    claim = any_store.claim_next("x", T0, "w")
    assert claim.post is None and claim.held == "paused: everything until resumed (crisis)"
    assert [p.id for p in any_store.resume(T0)] == [pause.id]
    any_store.pause(T0, channel="x", until=T0 + H)
    assert any_store.claim_next("x", T0, "w").post is None
    assert any_store.claim_next("bluesky", T0, "w").post is not None
    assert any_store.claim_next("x", T0 + 2 * H, "w").post is not None  # the pause has ended
    assert any_store.active_pauses(T0 + 2 * H) == []


def test_rate_window_is_enforced_before_sending(any_store: Store) -> None:
    any_store.apply_plan([planned_post(n, state="approved") for n in range(4)], T0)
    rate = RateWindow(posts=2, seconds=600)
    assert any_store.claim_next("x", T0, "w", rate).post is not None
    assert any_store.claim_next("x", T0 + dt.timedelta(seconds=10), "w", rate).post is not None
    held = any_store.claim_next("x", T0 + dt.timedelta(seconds=20), "w", rate)
    assert held.post is None and held.held == "rate limit: 2 posts per 600 s"
    assert held.retry_at == T0 + dt.timedelta(seconds=600)
    assert any_store.claim_next("x", T0 + dt.timedelta(seconds=601), "w", rate).post is not None


def test_concurrent_claimers_share_one_rate_window(any_store: Store) -> None:
    any_store.apply_plan([planned_post(n, state="approved") for n in range(60)], T0)
    any_store.ensure_channels(["x"], T0)
    others = [Store(any_store.url) for _ in range(4)]
    rate = RateWindow(posts=7, seconds=600)
    taken: list[int] = []

    def claim_all(store: Store, name: str) -> None:
        for i in range(20):
            claim = store.claim_next("x", T0 + dt.timedelta(milliseconds=i), name, rate)
            if claim.post is not None:
                taken.append(claim.post.id)

    threads = [threading.Thread(target=claim_all, args=(s, f"w{i}")) for i, s in enumerate(others)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(taken) == 7 and len(set(taken)) == 7  # never more than the window, whoever counts it
    for s in others:
        s.close()


def test_sends_older_than_the_window_are_forgotten(any_store: Store) -> None:
    any_store.apply_plan([planned_post(n, state="approved") for n in range(6)], T0)
    rate = RateWindow(posts=100, seconds=60)
    for i in range(6):
        assert any_store.claim_next("x", T0 + dt.timedelta(seconds=50 * i), "w", rate).post is not None
    with any_store.reading() as conn:
        left = conn.execute(sa.select(sa.func.min(sends.c.at))).scalar_one()
    assert left >= T0 + dt.timedelta(seconds=250 - 2 * 60)  # at most two windows are kept


def test_concurrent_claimers_never_take_the_same_post(any_store: Store) -> None:
    any_store.apply_plan([planned_post(n, state="approved") for n in range(120)], T0)
    others = [Store(any_store.url) for _ in range(3)]
    taken: list[list[int]] = [[] for _ in others]

    def claim_all(store: Store, into: list[int], name: str) -> None:
        while (post := store.claim_next("x", T0, name).post) is not None:
            into.append(post.id)

    threads = [threading.Thread(target=claim_all, args=(s, t, f"w{i}")) for i, (s, t) in enumerate(zip(others, taken, strict=True))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    every = [i for t in taken for i in t]
    assert len(every) == 120 and len(set(every)) == 120
    for s in others:
        s.close()
