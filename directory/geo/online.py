"""The optional online geocoder: a geopy provider, rate-limited, its answers cached in the database.

Configured by ``DIRECTORY_GEOCODER`` ("offline", the default, or a geopy service name such as
"nominatim"), ``DIRECTORY_GEOCODER_USER_AGENT`` (required online), ``DIRECTORY_GEOCODER_TIMEOUT``
(seconds, 3), ``DIRECTORY_GEOCODER_MIN_DELAY`` (seconds between requests in one process, 1 — what
Nominatim's usage policy asks), ``DIRECTORY_GEOCODER_DOMAIN`` (a self-hosted server) and
``DIRECTORY_GEOCODER_API_KEY`` (for providers that need one).
"""

from __future__ import annotations

import hashlib
import logging

from flask import has_app_context
from geopy.exc import GeocoderNotFound
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service
from geopy.location import Location
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

from directory.database import get_db
from directory.geo.gazetteer import get_gazetteer
from directory.geo.models import GeocodeCache
from directory.geo.query import clean_query, query_key

log = logging.getLogger(__name__)

NEAREST_ZIP_MILES = 25.0  # an answer this close to a ZIP centroid takes its ZIP, city and zone
DEFAULT_TIMEOUT = 3.0
DEFAULT_MIN_DELAY = 1.0


class OnlineGeocoder:
    """A geopy geocoder behind a rate limiter, with answers cached in ``dir_geocode_cache``.

    Provider errors (timeouts, refusals, no network) propagate: :class:`GeocoderChain` turns
    them into the offline answer. The cache is best-effort: when the database cannot be used,
    the provider is simply asked.
    """

    def __init__(
        self, provider, name: str, *, min_delay: float = DEFAULT_MIN_DELAY, cache: bool = True
    ) -> None:
        self.provider = provider
        self.source = name
        self.cache = cache
        self._geocode = provider.geocode
        if min_delay > 0:
            # No retries: a person is waiting, and the offline answer is there to fall back on.
            self._geocode = RateLimiter(
                provider.geocode, min_delay_seconds=min_delay, max_retries=0,
                swallow_exceptions=False,
            )

    def geocode(self, query: str, exactly_one: bool = True) -> Location | list[Location] | None:
        normalised = query_key(query)
        if normalised is None:
            return None
        # The cache never holds what was typed: rows are found by a hash of it.
        key = hashlib.sha256(normalised.encode("utf-8")).hexdigest()
        location = self._cached(key) if self.cache else None
        if location is None:
            found = self._geocode(clean_query(query), exactly_one=True)
            if not found:
                return None
            location = self._location(found.address, found.latitude, found.longitude)
            if self.cache:
                self._store(key, location, found.raw)
        return location if exactly_one else [location]

    def _location(self, address: str, latitude: float, longitude: float, cached=False):
        raw = {
            "precision": "address",
            "approximate": False,
            "source": self.source,
            "zip": None,
            "city": None,
            "state": None,
            "timezone": None,
            "cached": cached,
        }
        nearest = get_gazetteer().nearest(latitude, longitude, NEAREST_ZIP_MILES)
        if nearest is not None:
            place = nearest[0]
            raw.update(zip=place.zip, city=place.city, state=place.state, timezone=place.timezone)
        return Location(address, (latitude, longitude), raw)

    # -- the cache -------------------------------------------------------------------------

    def _cached(self, key: str) -> Location | None:
        engine = _cache_engine()
        if engine is None:
            return None
        try:
            with Session(engine) as session:
                row = session.scalar(
                    select(GeocodeCache).where(
                        GeocodeCache.provider == self.source, GeocodeCache.query_key == key
                    )
                )
        except SQLAlchemyError as error:
            _warn_cache(error)
            return None
        if row is None:
            return None
        return self._location(row.address or "", row.latitude, row.longitude, cached=True)

    def _store(self, key: str, location: Location, provider_raw) -> None:
        engine = _cache_engine()
        if engine is None:
            return
        row = GeocodeCache(
            provider=self.source,
            query_key=key,
            latitude=location.latitude,
            longitude=location.longitude,
            # Neither the provider's address text nor its raw answer: only the point is needed.
            address=None,
            raw=None,
        )
        try:
            with Session(engine) as session:
                session.add(row)
                session.commit()
        except IntegrityError:
            pass  # another worker cached the same answer first
        except SQLAlchemyError as error:
            _warn_cache(error)


def _cache_engine():
    """The current app's engine, if the cache can use a connection of its own.

    Never the request's session: a search page must not commit someone else's transaction,
    and its own may be rolled back. An in-memory SQLite database is one shared connection,
    so it gets no cache.
    """
    if not has_app_context():
        return None
    try:
        engine = get_db().engine
    except (KeyError, RuntimeError):
        return None
    if engine.dialect.name == "sqlite" and engine.url.database in (None, "", ":memory:"):
        return None
    return engine


def _warn_cache(error: Exception) -> None:
    # The class name only: database errors quote their parameters, that is, the query.
    log.warning("Geocode cache unavailable (%s); asking the provider.", type(error).__name__)


def online_geocoder_from_config(config) -> OnlineGeocoder | None:
    """The provider ``DIRECTORY_GEOCODER`` names, or None for "offline"."""
    name = str(config.get("DIRECTORY_GEOCODER") or "offline").strip().lower()
    if name == "offline":
        return None
    user_agent = config.get("DIRECTORY_GEOCODER_USER_AGENT")
    if not user_agent:
        raise RuntimeError(
            f"DIRECTORY_GEOCODER={name} needs DIRECTORY_GEOCODER_USER_AGENT, naming this site "
            "and a contact (providers such as Nominatim refuse anonymous clients)."
        )
    try:
        provider_class = get_geocoder_for_service(name)
    except GeocoderNotFound as error:
        raise RuntimeError(f"DIRECTORY_GEOCODER={name!r} is not a geopy geocoder.") from error
    options = {
        "user_agent": user_agent,
        "timeout": float(config.get("DIRECTORY_GEOCODER_TIMEOUT") or DEFAULT_TIMEOUT),
    }
    if config.get("DIRECTORY_GEOCODER_DOMAIN"):
        options["domain"] = config["DIRECTORY_GEOCODER_DOMAIN"]
    if config.get("DIRECTORY_GEOCODER_API_KEY"):
        options["api_key"] = config["DIRECTORY_GEOCODER_API_KEY"]
    min_delay = config.get("DIRECTORY_GEOCODER_MIN_DELAY")
    return OnlineGeocoder(
        provider_class(**options),
        name,
        min_delay=DEFAULT_MIN_DELAY if min_delay in (None, "") else float(min_delay),
    )
