"""Content coming in: WordPress exports and RSS/Atom feeds imported into content/, watched feeds proposing shares.

    import:  wxr.read_export ─ wordpress.items_from_export ─┐
             fetch.fetch ─ feed.parse_feed ─ feed.items_from_feed ─┴─> importer.plan_import ─> importer.apply_import
             (bodies: shortcodes + autop -> sanitize (nh3) -> html_to_markdown; files: piece_file, authors_file, writer)

    watch:   watch.watch_all ─ fetch (conditional GET) ─ feed.entry_facts ─> store.feeds.remember_entry
             (one transaction per entry: the entry and its proposed curated posts)

Library code raises publisher.errors.ImportProblems; the CLI (publisher/cli/feeds.py) prints them.
"""
