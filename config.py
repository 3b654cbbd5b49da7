"""Deployment configuration; the classes live in ``directory.settings`` so wheels have them.

Pick one with ``DIRECTORY_ENV`` (development, testing, production) or pass a class to
``create_app(config.ProductionConfig)``. Every value is read from the environment; see README.
"""

from directory.settings import (  # noqa: F401 - re-exported for deployments
    Config,
    DevelopmentConfig,
    ProductionConfig,
    TestingConfig,
)
