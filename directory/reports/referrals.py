"""The referral report: counts by status and by category, acceptance, response time, outcomes.

Which referrals: those *created* in the date range (inclusive, UTC days), of the user's own
making for coordinators and everyone's for admins, optionally only those whose service is in
one top-level category. Definitions:

- **category** — the top-level term (of the category taxonomy) of the terms the referral's
  service is tagged with; a service in two categories counts in both, one without any counts as
  uncategorized (so the category counts can add up to more than the total);
- **acceptance rate** — referrals accepted or further along (accepted, in progress, completed,
  not completed) divided by those answered (the same plus declined); cancelled referrals the
  agency never answered are not "answered";
- **median time to first response** — hours from ``sent_at`` to ``first_response_at``, over the
  referrals that have both;
- **outcomes** — completed versus not completed, with the reasons given for the latter.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import func, select

from directory.catalog.listings import CATEGORY_TAXONOMY_NAME
from directory.catalog.models import Attribute, Taxonomy, TaxonomyTerm
from directory.database import session
from directory.referrals.models import REASON_CODES, REFERRAL_STATUSES, Referral

ACCEPTED_OR_LATER = ("accepted", "in_progress", "completed", "not_completed")
ANSWERED = (*ACCEPTED_OR_LATER, "declined")
UNCATEGORIZED = ""


@dataclass(frozen=True)
class CategoryOption:
    """A top-level category offered in the report's filter."""

    id: str
    code: str
    name: str


@dataclass
class ReferralReport:
    """The figures of one report."""

    start: date
    end: date
    category: CategoryOption | None
    total: int = 0
    by_status: list[tuple[str, int]] = field(default_factory=list)
    by_category: list[tuple[str, str, int]] = field(default_factory=list)  # code, name, count
    answered: int = 0
    accepted: int = 0
    response_hours: list[float] = field(default_factory=list)
    completed: int = 0
    not_completed: int = 0
    not_completed_reasons: list[tuple[str, int]] = field(default_factory=list)

    @property
    def acceptance_rate(self) -> float | None:
        """Accepted-or-later over answered, 0–1 (None when nothing was answered)."""
        return self.accepted / self.answered if self.answered else None

    @property
    def median_response_hours(self) -> float | None:
        return statistics.median(self.response_hours) if self.response_hours else None


def _category_taxonomy_id() -> str | None:
    name = current_app.config.get("DIRECTORY_CATEGORY_TAXONOMY", CATEGORY_TAXONOMY_NAME)
    return session.execute(select(Taxonomy.id).where(Taxonomy.name == name)).scalar()


def category_options() -> list[CategoryOption]:
    """The top-level categories, by name."""
    query = select(TaxonomyTerm).where(TaxonomyTerm.parent_id.is_(None))
    taxonomy_id = _category_taxonomy_id()
    if taxonomy_id:
        query = query.where(TaxonomyTerm.taxonomy_id == taxonomy_id)
    return [CategoryOption(term.id, term.code or term.id, term.name)
            for term in session.execute(query.order_by(TaxonomyTerm.name)).scalars()]


def service_categories(service_ids: set[str]) -> dict[str, set[str]]:
    """service id → the ids of its top-level categories."""
    if not service_ids:
        return {}
    top = func.coalesce(TaxonomyTerm.parent_id, TaxonomyTerm.id)
    query = (select(Attribute.link_id, top)
             .join(TaxonomyTerm, TaxonomyTerm.id == Attribute.taxonomy_term_id)
             .where(Attribute.link_entity == "service", Attribute.link_id.in_(service_ids)))
    taxonomy_id = _category_taxonomy_id()
    if taxonomy_id:
        query = query.where(TaxonomyTerm.taxonomy_id == taxonomy_id)
    result: dict[str, set[str]] = {}
    for service_id, term_id in session.execute(query.distinct()):
        result.setdefault(service_id, set()).add(term_id)
    return result


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _hours(start: datetime, end: datetime) -> float:
    return (end - start).total_seconds() / 3600


def referral_report(user, start: date, end: date,
                    category: CategoryOption | None = None) -> ReferralReport:
    """The report for referrals created from ``start`` to ``end`` (inclusive) within ``user``'s
    reach (coordinators: their own; admins: all)."""
    query = (select(Referral.status, Referral.service_id, Referral.sent_at,
                    Referral.first_response_at, Referral.reason_code)
             .where(Referral.created_at >= _day_start(start),
                    Referral.created_at < _day_start(end + timedelta(days=1))))
    if user.role != "admin":
        query = query.where(Referral.created_by_id == user.id)
    rows = session.execute(query).all()
    categories = service_categories({row.service_id for row in rows if row.service_id})
    if category is not None:
        rows = [row for row in rows if category.id in categories.get(row.service_id, set())]

    report = ReferralReport(start=start, end=end, category=category, total=len(rows))
    statuses = Counter(row.status for row in rows)
    report.by_status = [(status, statuses.get(status, 0)) for status in REFERRAL_STATUSES]

    per_category: Counter[str] = Counter()
    for row in rows:
        for term_id in categories.get(row.service_id, ()) or (UNCATEGORIZED,):
            per_category[term_id] += 1
    names = {option.id: option for option in category_options()}
    report.by_category = sorted(
        ((names[term_id].code if term_id in names else term_id,
          names[term_id].name if term_id in names else "", count)
         for term_id, count in per_category.items()),
        key=lambda item: (item[0] == UNCATEGORIZED, -item[2], item[1]))

    report.answered = sum(statuses.get(status, 0) for status in ANSWERED)
    report.accepted = sum(statuses.get(status, 0) for status in ACCEPTED_OR_LATER)
    report.response_hours = sorted(
        _hours(row.sent_at, row.first_response_at) for row in rows
        if row.sent_at is not None and row.first_response_at is not None)
    report.completed = statuses.get("completed", 0)
    report.not_completed = statuses.get("not_completed", 0)
    reasons = Counter(row.reason_code or "other" for row in rows
                      if row.status == "not_completed")
    report.not_completed_reasons = [(code, reasons[code]) for code in REASON_CODES
                                    if reasons.get(code)]
    return report


def csv_rows(report: ReferralReport) -> list[list[str]]:
    """The report as rows of (section, key, value) for a CSV file: aggregates only."""
    rows = [["section", "key", "value"],
            ["range", "from", report.start.isoformat()],
            ["range", "to", report.end.isoformat()],
            ["range", "category", report.category.code if report.category else ""],
            ["total", "referrals", str(report.total)]]
    rows += [["status", status, str(count)] for status, count in report.by_status]
    rows += [["category", code or "uncategorized", str(count)]
             for code, _name, count in report.by_category]
    rate = report.acceptance_rate
    median = report.median_response_hours
    rows += [["acceptance", "answered", str(report.answered)],
             ["acceptance", "accepted_or_later", str(report.accepted)],
             ["acceptance", "rate", "" if rate is None else f"{rate:.4f}"],
             ["response", "median_hours", "" if median is None else f"{median:.2f}"],
             ["response", "responded", str(len(report.response_hours))],
             ["outcome", "completed", str(report.completed)],
             ["outcome", "not_completed", str(report.not_completed)]]
    rows += [["not_completed_reason", code, str(count)]
             for code, count in report.not_completed_reasons]
    return rows
