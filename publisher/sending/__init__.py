"""Sending: the dispatcher, what an attempt's outcome does to a post, the channels, the metrics pull.

Above the store (it claims and settles posts there) and below the commands that run it.
"""
