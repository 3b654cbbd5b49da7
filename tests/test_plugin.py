"""The directory mounted in a host application that has its own Flask-SQLAlchemy instance,
its own model and its own base template."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pytest
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, func, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from directory import Directory
from directory.catalog.models import Service
from directory.database import Base, session
from directory.migrations_runner import VERSION_TABLE
from directory.search.structures import FTS, RTREE
from tests import dbutil
from tests.conftest import SMALL_CATALOG, AuthActions, scratch_name
from tests.factories import DEFAULT_PASSWORD

PREFIX = "/resources"
COACHING = "30000000-0000-4000-8000-000000000001"
HOUSING = "30000000-0000-4000-8000-000000000002"
ORGANIZATION = "20000000-0000-4000-8000-000000000001"
OUR_TABLES = {table.name for table in Base.metadata.sorted_tables}

HOST_BASE = """<!doctype html>
<html lang="en">
<head><title>{% block title %}{% endblock %} | Riverside Health Portal</title></head>
<body>
<header id="host-chrome">Riverside Health Portal navigation</header>
<main id="host-main">{% block content %}{% endblock %}</main>
<footer id="host-footer">Riverside Health footer</footer>
</body>
</html>
"""


class HostBase(DeclarativeBase):
    pass


host_db = SQLAlchemy(model_class=HostBase)


class Note(host_db.Model):
    """The host application's own table."""

    __tablename__ = "host_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))


def make_host_app(database_url: str, template_folder: Path, **config) -> Flask:
    app = Flask("riverside_host", template_folder=str(template_folder))
    app.config.update(
        TESTING=True,
        SECRET_KEY="host-application-secret-key",
        SQLALCHEMY_DATABASE_URI=database_url,
        DIRECTORY_URL_PREFIX=PREFIX,
        DIRECTORY_BASE_TEMPLATE="host_base.html",
        DIRECTORY_SITE_NAME="Riverside Recovery Resources",
    )
    app.config.update(config)
    host_db.init_app(app)

    @app.get("/")
    def host_home():
        notes = host_db.session.execute(select(func.count(Note.id))).scalar_one()
        return f"Riverside home with {notes} note(s)"

    Directory(app, db=host_db)
    return app


def dispose(app: Flask) -> None:
    with app.app_context():
        for engine in host_db.engines.values():
            engine.dispose()


@dataclass
class Host:
    app: Flask
    tables_before: set[str]
    tables_after: set[str]
    upgrade_output: str
    seed_output: str


@pytest.fixture(scope="module")
def host(database_url, tmp_path_factory):  # database_url: every model imported first
    url = dbutil.scratch_database_url(scratch_name("plugin"))
    templates = tmp_path_factory.mktemp("host_templates")
    (templates / "host_base.html").write_text(HOST_BASE, encoding="utf-8")
    app = make_host_app(url, templates)
    with app.app_context():
        host_db.create_all()  # the host's own tables only
        host_db.session.add(Note(text="Board meeting on Thursday"))
        host_db.session.commit()
        before = set(inspect(host_db.engine).get_table_names())
    runner = app.test_cli_runner()
    upgrade = runner.invoke(args=["directory", "upgrade"])
    with app.app_context():
        after = set(inspect(host_db.engine).get_table_names())
    seed = runner.invoke(args=["directory", "seed", str(SMALL_CATALOG)])
    assert upgrade.exit_code == 0, upgrade.output
    assert seed.exit_code == 0, seed.output
    yield Host(app, before, after, upgrade.output, seed.output)
    dispose(app)
    dbutil.drop_scratch_database(url)


@pytest.fixture
def host_client(host):
    return host.app.test_client()


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


# ---- registration ------------------------------------------------------------------------------


def test_upgrade_through_the_host_cli_creates_our_tables_only(host):
    assert host.tables_before == {"host_note"}
    assert host.tables_after >= OUR_TABLES
    # Beside ours: SQLite's search index keeps virtual tables (and their shadow tables);
    # on PostgreSQL our search migration installs PostGIS, which owns spatial_ref_sys.
    extra = {name for name in host.tables_after - OUR_TABLES
             if not name.startswith((RTREE, FTS)) and name != "spatial_ref_sys"}
    assert extra == {"host_note", VERSION_TABLE}
    with host.app.app_context():
        notes = host_db.session.execute(select(Note.text)).scalars().all()
    assert notes == ["Board meeting on Thursday"]
    assert "Database schema is at" in host.upgrade_output


def test_seed_through_the_host_cli(host):
    assert "Loaded 1 organizations, 2 services" in host.seed_output
    with host.app.app_context():
        assert session._get_current_object() is host_db.session  # our code uses the host's
        names = host_db.session.execute(select(Service.name).order_by(Service.name))
        assert names.scalars().all() == ["Harbor House Recovery Residence",
                                         "Peer Recovery Coaching"]


def test_extension_state_uses_the_host_db(host):
    state = host.app.extensions["directory"]
    assert state.db is host_db
    assert state.standalone is False
    assert "directory" in host.app.cli.commands


def test_registering_twice_raises(tmp_path):
    app = make_host_app("sqlite://", tmp_path)
    try:
        with pytest.raises(RuntimeError, match="already registered"):
            Directory(app, db=host_db)
        with pytest.raises(RuntimeError, match="already registered"):
            Directory().init_app(app, db=host_db)
    finally:
        dispose(app)


def test_init_app_style_and_cli_group_name(tmp_path):
    app = Flask("another_host", template_folder=str(tmp_path))
    app.config.update(SQLALCHEMY_DATABASE_URI="sqlite://", DIRECTORY_CLI_GROUP="resources",
                      DIRECTORY_REGISTER_AUTH=False, SECRET_KEY="another-host-secret-key")
    host_db.init_app(app)
    extension = Directory()
    extension.init_app(app, db=host_db)
    try:
        assert "resources" in app.cli.commands
        assert "directory_auth" not in app.blueprints
        assert not hasattr(extension, "app")  # per-app state lives in app.extensions
        assert app.url_map.bind("localhost").match("/") == ("directory.home", {})
    finally:
        dispose(app)


# ---- pages inside the host -----------------------------------------------------------------


def test_host_route_still_works(host_client):
    response = host_client.get("/")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "Riverside home with 1 note(s)"


def test_our_home_renders_inside_the_host_chrome(host_client):
    response = host_client.get(f"{PREFIX}/")
    assert response.status_code == 200
    body = text_of(response)
    assert '<header id="host-chrome">Riverside Health Portal navigation</header>' in body
    assert '<footer id="host-footer">' in body
    assert "<title>Find recovery support near you | Riverside Health Portal</title>" in body
    assert "Find recovery support near you" in body
    assert "Skip to main content" not in body  # our own layout is not used
    assert f'href="{PREFIX}/categories/mentorship"' in body
    assert "2 services from 1 organizations." in body


def test_our_service_page_inside_the_host(host_client):
    response = host_client.get(f"{PREFIX}/services/{COACHING}")
    assert response.status_code == 200
    body = text_of(response)
    assert "Riverside Health Portal navigation" in body
    assert "Peer Recovery Coaching" in body
    assert f'href="{PREFIX}/organizations/{ORGANIZATION}"' in body
    assert '<a href="tel:+15035550143">503-555-0143</a>' in body
    assert "415 SW Harbor Way" in body
    housing = text_of(host_client.get(f"{PREFIX}/services/{HOUSING}"))
    assert "NARR Level II" in housing and "Men only" in housing


def test_our_category_and_organization_pages_inside_the_host(host_client):
    category = text_of(host_client.get(f"{PREFIX}/categories/housing"))
    assert "Harbor House Recovery Residence" in category
    assert f'href="{PREFIX}/services/{HOUSING}"' in category
    organization = host_client.get(f"{PREFIX}/organizations/{ORGANIZATION}")
    assert organization.status_code == 200
    assert "Harbor Light Recovery Community" in text_of(organization)


def test_nothing_of_ours_outside_the_prefix(host_client):
    assert host_client.get(f"/services/{COACHING}").status_code == 404
    assert host_client.get("/login").status_code == 404
    stylesheet = host_client.get(f"{PREFIX}/assets/css/site.css")
    assert stylesheet.status_code == 200
    stylesheet.close()


def test_our_404_inside_the_host_and_the_hosts_own_404(host_client):
    ours = host_client.get(f"{PREFIX}/services/00000000-0000-4000-8000-000000000000")
    assert ours.status_code == 404
    body = text_of(ours)
    assert "Page not found" in body and "Riverside Health Portal navigation" in body
    theirs = host_client.get("/no-such-host-page")
    assert theirs.status_code == 404
    assert "Page not found" not in text_of(theirs)  # the host's errors stay the host's


def test_security_headers_only_on_our_pages(host_client):
    for url in (f"{PREFIX}/", f"{PREFIX}/services/{COACHING}", f"{PREFIX}/login"):
        headers = host_client.get(url).headers
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], url
        assert "'unsafe-inline'" not in headers["Content-Security-Policy"], url
        assert headers["X-Content-Type-Options"] == "nosniff", url
        assert headers["Referrer-Policy"], url
    host_headers = host_client.get("/").headers
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options",
                 "Referrer-Policy"):
        assert name not in host_headers


def test_sign_in_under_the_prefix(host, host_client):
    runner = host.app.test_cli_runner()
    result = runner.invoke(args=["directory", "create-user", "--email", "nurse@riverside.org",
                                 "--role", "coordinator", "--password", DEFAULT_PASSWORD])
    assert result.exit_code == 0, result.output
    page = host_client.get(f"{PREFIX}/login")
    assert "Staff sign in" in text_of(page)
    assert "Riverside Health Portal navigation" in text_of(page)
    response = AuthActions(host_client, prefix=PREFIX).login("nurse@riverside.org",
                                                             DEFAULT_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{PREFIX}/coordinator"  # the role's start page
