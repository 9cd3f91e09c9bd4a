"""Shared code for the Moscow–Islamabad book: data, validation, analysis, charts."""
