"""Extraction stages: each a small typed callable over the parsed article."""
