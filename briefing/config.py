"""The user's settings: theme and key bindings, in a small TOML file.

``config.toml`` in the config directory (``briefing paths`` shows where)::

    theme = "gruvbox"
    export_dir = "~/briefs"   # where the app writes exports (default: paths.export_dir())

    [keymap]
    lookup = "ctrl+k,slash"   # binding id = keys
    quit = "q"

``load_config()`` is cached; ``save_config()`` writes atomically and clears the cache.
A malformed file is not fatal: the defaults are used and the problem is kept in ``problem``.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from briefing import paths

DEFAULT_THEME = "textual-dark"


@dataclass(slots=True)
class Config:
    theme: str = DEFAULT_THEME
    keymap: dict[str, str] = field(default_factory=dict)
    export_dir: str | None = None
    problem: str | None = None


@lru_cache(maxsize=1)
def load_config() -> Config:
    path = paths.config_file()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Config()
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Config(problem=f"{path}: {exc}")
    theme = data.get("theme")
    keymap = data.get("keymap")
    export_dir = data.get("export_dir")
    return Config(
        theme=theme if isinstance(theme, str) and theme else DEFAULT_THEME,
        keymap={str(k): str(v) for k, v in keymap.items()} if isinstance(keymap, dict) else {},
        export_dir=export_dir if isinstance(export_dir, str) and export_dir.strip() else None,
    )


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def save_config(config: Config) -> None:
    path = paths.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"theme = {_toml(config.theme)}"]
    if config.export_dir:
        lines.append(f"export_dir = {_toml(config.export_dir)}")
    if config.keymap:
        lines += ["", "[keymap]"]
        lines += [f"{_toml(k)} = {_toml(v)}" for k, v in sorted(config.keymap.items())]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    load_config.cache_clear()
