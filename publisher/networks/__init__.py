"""What each network is: how it counts, its links and names (ground floor: imports nothing of ours but errors)."""
