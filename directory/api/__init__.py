"""The HSDS 3.0 read API, its OpenAPI document and our HSDS profile.

Mount the blueprint under ``<DIRECTORY_URL_PREFIX>/api``::

    from directory.api import bp as api_bp
    app.register_blueprint(api_bp, url_prefix=f"{prefix or ''}/api")

Registering it adds the API's rate limit to the app's Flask-Limiter (see ``directory.ratelimit``).
"""

from directory.api.views import bp

__all__ = ["bp"]
