"""Page blueprints. Views parse input, call one service function and render."""

from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> list[str]:
    """Mount our blueprints under ``DIRECTORY_URL_PREFIX`` (the API below it at ``/api``);
    returns their names."""
    from directory.api import bp as api_bp
    from directory.web import (
        admin,
        agency,
        auth,
        claims,
        coordinator,
        editing,
        embed,
        plans,
        public,
        records,
        referrals,
        reports,
        review,
        search_views,
    )
    from directory.web.filters import filters
    from directory.web.navigation import inject_navigation

    prefix = app.config["DIRECTORY_URL_PREFIX"].rstrip("/") or None
    app.register_blueprint(filters)
    app.context_processor(inject_navigation)
    blueprints = [public.bp, search_views.bp, embed.bp, referrals.bp, editing.bp, review.bp,
                  plans.bp, coordinator.bp, reports.bp, records.bp, agency.bp, claims.bp,
                  admin.bp]
    if app.config["DIRECTORY_REGISTER_AUTH"]:
        blueprints.append(auth.bp)
    for blueprint in blueprints:
        app.register_blueprint(blueprint, url_prefix=prefix)
    app.register_blueprint(api_bp, url_prefix=f"{prefix or ''}/api")
    return [*(blueprint.name for blueprint in blueprints), api_bp.name]
