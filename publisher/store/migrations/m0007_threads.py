"""Threads of posts: a post may be one part of a thread (issue 17, item 7).

``thread_id`` is the id of the thread's first post (the head carries its own id), ``part`` its place
(1 for the head) and ``parts`` how many the thread has; all three stay NULL for a post that is not
in a thread, which is every post of a project that does not use threads. A part is sent only once
the part before it is published (publisher.store.threads), as a reply to it.

The index is partial: posts outside threads have no entry, so plans, claims and bulk loads of a
project without threads do no more work than before.
"""

from __future__ import annotations

import sqlalchemy as sa

NAME = "0007_threads"


def apply(conn: sa.Connection) -> None:
    for column in ("thread_id", "part", "parts"):
        conn.execute(sa.text(f"ALTER TABLE posts ADD COLUMN {column} INTEGER"))
    conn.execute(sa.text("CREATE INDEX ix_posts_thread ON posts (thread_id, part) WHERE thread_id IS NOT NULL"))
