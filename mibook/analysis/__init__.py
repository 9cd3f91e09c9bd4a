"""Derived numbers and shaped tables, one module per chapter. Nothing here reads files."""
