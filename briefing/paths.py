"""Where briefing keeps its index, configuration and cache, and finds its bundled files.

``BRIEFING_HOME`` puts data, config and cache under one folder (tests use it);
otherwise the platform's user directories from platformdirs are used.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "briefing"
PACKAGE_DIR = Path(__file__).resolve().parent


def _home() -> Path | None:
    home = os.environ.get("BRIEFING_HOME")
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    if home := _home():
        return home / "data"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP, appauthor=False))


def config_dir() -> Path:
    if home := _home():
        return home / "config"
    import platformdirs

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def cache_dir() -> Path:
    if home := _home():
        return home / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def export_dir() -> Path:
    """Where the app writes exports: ``export_dir`` in config.toml, else a ``briefing``
    folder in the user's documents directory (``exports`` under BRIEFING_HOME); never the
    current directory, which may be a git checkout."""
    from briefing.config import load_config

    if chosen := load_config().export_dir:
        return Path(chosen).expanduser()
    if home := _home():
        return home / "exports"
    import platformdirs

    return Path(platformdirs.user_documents_dir()) / APP


def default_db() -> Path:
    return data_dir() / "index.sqlite3"


def config_file() -> Path:
    return config_dir() / "config.toml"


def bundled(name: str) -> Path:
    """A top-level resource folder (``seeds`` or ``styles``), in a wheel or a checkout."""
    packaged = PACKAGE_DIR / "_bundled" / name
    if packaged.is_dir():
        return packaged
    return PACKAGE_DIR.parent / name


def data_file(*parts: str) -> Path:
    """A data file shipped inside the package, e.g. ``data_file("gazetteer", "data", "actors.toml")``."""
    return PACKAGE_DIR.joinpath(*parts)
