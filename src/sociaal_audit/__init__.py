"""sociaal-audit: audit Dutch municipal social-domain policy against integrality principles.

Data flows one way: file -> reader -> Document -> engine (rule packs) -> results -> renderer.
"""

__version__ = "0.1.0"
