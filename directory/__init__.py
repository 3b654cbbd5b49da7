"""Recovery support resource directory: a Flask extension, and an app factory for standalone use.

Standalone::

    from directory import create_app
    app = create_app()

Inside a host application that has its own Flask-SQLAlchemy instance::

    from directory import Directory
    Directory(app, db=host_db)      # pages under DIRECTORY_URL_PREFIX, `flask directory ...`
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask

from directory.extension import Directory
from directory.settings import Config, config_from_environment

__all__ = ["Directory", "create_app"]
__version__ = "0.1.0"


def create_app(config: type[Config] | Config | Mapping[str, Any] | None = None) -> Flask:
    """Build the standalone application.

    ``config`` may be a config class or instance (see ``directory.settings``), or a mapping of
    overrides applied on top of the configuration the environment selects. Nothing here touches
    the database or the network: CLI commands do the work.
    """
    app = Flask(__name__, instance_relative_config=True, static_folder=None)
    if config is None or isinstance(config, Mapping):
        app.config.from_object(config_from_environment())
        app.config.update(config or {})
    elif isinstance(config, type):
        app.config.from_object(config())
    else:
        app.config.from_object(config)

    Directory(app, standalone=True)
    return app
