"""The post vocabulary: excerpts, planned and queued posts, outcomes, snapshots (ground floor: imports nothing of ours)."""
