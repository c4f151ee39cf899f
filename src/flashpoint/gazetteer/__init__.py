"""Offline gazetteer: GeoNames places, regions and countries in a local SQLite index."""

from flashpoint.gazetteer.index import Candidate, Gazetteer, get_gazetteer
from flashpoint.gazetteer.normalise import name_key, name_skeleton

__all__ = ["Candidate", "Gazetteer", "get_gazetteer", "name_key", "name_skeleton"]
