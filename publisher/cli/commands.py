"""Imports every command module so each registers its commands on the group (tests, --help).

The console script does not: it imports a command's module when that command runs
(publisher.cli.app.COMMAND_MODULES).
"""

from publisher.cli.app import COMMAND_MODULES, load_commands

MODULES = list(dict.fromkeys(COMMAND_MODULES.values()))

load_commands()
