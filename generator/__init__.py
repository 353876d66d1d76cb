"""Policy briefing digest: turn scraped policy news into a static, searchable site."""

__version__ = "0.1.0"
