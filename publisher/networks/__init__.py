"""What each network is: one light descriptor per network, found through one small registry.

    network("x") -> Network      its limit and how it counts, links, credentials, names, colour...
    all_networks()               every network, built-in or from a plugin (entry point publisher.networks)
    counting                     measuring a text as a network counts it
    sharing                      share and profile links

Ground floor: imports nothing of ours but publisher.errors; adapters are named, never imported here.
"""

from publisher.networks.descriptor import Network
from publisher.networks.registry import all_networks, keys, known, network, register

__all__ = ["Network", "all_networks", "keys", "known", "network", "register"]
