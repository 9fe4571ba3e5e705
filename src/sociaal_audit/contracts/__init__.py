"""Contract registers: reading procurement registers (CSV, XLSX, YAML/JSON lists, OCDS) into
:class:`~sociaal_audit.contracts.model.Contract` objects and checking them with register rules.

Flow: file -> reader (``readers/``) -> contracts, one at a time -> ``Engine.check_register`` ->
:class:`sociaal_audit.results.RegisterResult`. Entry point for the runner:
:func:`sociaal_audit.contracts.runner.check_register`.
"""
