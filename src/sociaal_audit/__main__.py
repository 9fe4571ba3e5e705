"""``python -m sociaal_audit``: the same as the ``sociaal-audit`` command."""

from .cli import main

main()
