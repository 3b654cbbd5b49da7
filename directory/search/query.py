"""The search query object and its filters, independent of how a database runs them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import and_, false, or_, true
from sqlalchemy.sql.elements import ColumnElement

from directory.search.models import SearchEntry

T = SearchEntry.__table__.c

COST_CHOICES = ("free", "sliding_scale")
INSURANCE_CHOICES = ("medicaid", "medicare", "private")
GENDER_CHOICES = ("female", "male")
DELIVERY_CHOICES = ("in_person", "virtual")
SORT_CHOICES = ("distance", "relevance", "name")
MAX_RADIUS_MILES = 250.0
DEFAULT_RADIUS_MILES = 25.0


@dataclass(frozen=True)
class SearchQuery:
    """Everything one search asks for. Values within one filter are OR, filters are AND."""

    latitude: float | None = None
    longitude: float | None = None
    radius_miles: float = DEFAULT_RADIUS_MILES
    region_code: str | None = None  # "US-OR": lets statewide virtual services match
    keyword: str = ""
    categories: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    cost: tuple[str, ...] = ()
    insurance: tuple[str, ...] = ()
    age: int | None = None
    gender: str | None = None
    delivery: tuple[str, ...] = ()
    open_now: bool = False
    wheelchair: bool = False
    accepting_new_clients: bool = False
    beds_available: bool = False
    allows_mat: bool = False
    certified_only: bool = False
    verified_recently: bool = False
    sort: str | None = None
    page: int = 1
    per_page: int = 20
    stale_after_days: int = 365
    today: date = field(default_factory=date.today)

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def effective_sort(self) -> str:
        """Distance when there is a point, relevance for a keyword, else name."""
        usable = (self.sort != "distance" or self.has_point) and (
            self.sort != "relevance" or self.keyword)
        if self.sort in SORT_CHOICES and usable:
            return self.sort
        if self.has_point:
            return "distance"
        return "relevance" if self.keyword else "name"

    @property
    def wants_in_person(self) -> bool:
        return not self.delivery or "in_person" in self.delivery

    @property
    def wants_virtual(self) -> bool:
        return not self.delivery or "virtual" in self.delivery


def _token(column, value: str) -> ColumnElement[bool]:
    return column.contains(f" {value} ", autoescape=True)


def _any(conditions: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    return or_(*conditions) if conditions else true()


def filter_conditions(query: SearchQuery) -> list[ColumnElement[bool]]:
    """SQL conditions on ``dir_search_entry`` for every filter except keyword and open now."""
    conditions: list[ColumnElement[bool]] = []
    if query.categories:
        # Index tokens are lower case (see documents.tokens); compare alike on every database.
        conditions.append(_any([_token(T.category_codes, c.lower()) for c in query.categories]))
    if query.languages:
        conditions.append(_any([_token(T.language_codes, c.lower()) for c in query.languages]))
    if query.cost:
        columns = {"free": T.free, "sliding_scale": T.sliding_scale}
        conditions.append(_any([columns[c] == true() for c in query.cost if c in columns]))
    if query.insurance:
        columns = {"medicaid": T.medicaid, "medicare": T.medicare, "private": T.private_insurance}
        conditions.append(_any([columns[c] == true() for c in query.insurance if c in columns]))
    if query.age is not None:
        conditions.append(or_(T.minimum_age.is_(None), T.minimum_age <= query.age))
        conditions.append(or_(T.maximum_age.is_(None), T.maximum_age >= query.age))
    if query.gender in GENDER_CHOICES:
        conditions.append(T.gender.in_(("all", query.gender)))
    if query.wheelchair:
        conditions.append(or_(T.wheelchair == true(), T.is_virtual == true()))
    if query.accepting_new_clients:
        conditions.append(T.accepting_new_clients == true())
    if query.beds_available:
        conditions.append(T.beds_available > 0)
    if query.allows_mat:
        conditions.append(T.allows_mat == true())
    if query.certified_only:
        conditions.append(and_(
            T.narr_level.is_not(None),
            or_(T.certification_expires.is_(None), T.certification_expires >= query.today),
        ))
    if query.verified_recently:
        cutoff = query.today - timedelta(days=query.stale_after_days)
        conditions.append(T.assured_date >= cutoff)
    if not query.wants_in_person and not query.wants_virtual:
        conditions.append(false())
    return conditions
