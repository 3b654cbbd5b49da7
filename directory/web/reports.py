"""Referral reports: a page with a chart and tables, and the same figures as CSV.

The filter is dates and a category only (GET parameters carry no client data). Reports hold
aggregates, never client data, so reading them leaves no audit row.
"""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from flask import Response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from directory.authz import requires
from directory.clock import today
from directory.referrals.labels import REASON_LABELS, STATUS_LABELS
from directory.reports import referrals as report_service
from directory.reports.chart import bar_chart
from directory.web.blueprints import page_blueprint

bp = page_blueprint("directory_reports", __name__, private=True)

DEFAULT_DAYS = 90
MAX_RANGE_DAYS = 3660


class ReportForm(FlaskForm):
    """The report's filter, read from the query string (a GET form, so no CSRF token)."""

    class Meta:
        csrf = False

    category = SelectField(_l("Category"), validators=[Optional()], choices=[])

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        start, end = self["from"].data, self["to"].data
        if start and end and end < start:
            self["to"].errors.append(_l("The end date is before the start date."))
            return False
        if start and end and (end - start).days > MAX_RANGE_DAYS:
            self["to"].errors.append(_l("Choose at most ten years."))
            return False
        return True


# The query parameters are ``from`` and ``to`` (a Python keyword, so set by name).
setattr(ReportForm, "from", DateField(_l("From"), validators=[Optional()]))  # noqa: B010
setattr(ReportForm, "to", DateField(_l("To"), validators=[Optional()]))  # noqa: B010


def _report():
    """Parse the filter (``from``, ``to``, ``category``) and compute the report."""
    form = ReportForm(formdata=request.args)
    options = report_service.category_options()
    form.category.choices = [SelectChoice("", _l("All categories"))] + [
        SelectChoice(option.code, option.name) for option in options]
    valid = form.validate()
    end = (form["to"].data if valid else None) or today()
    start = (form["from"].data if valid else None) or end - timedelta(days=DEFAULT_DAYS)
    # Show the range actually used in the form (the default one when none was asked for).
    if valid:
        form["from"].data, form["to"].data = start, end
    chosen = next((o for o in options if valid and o.code == form.category.data), None)
    report = report_service.referral_report(current_user, start, end, chosen)
    return form, report


@bp.get("/reports/referrals")
@requires("report.view")
def referrals():
    form, report = _report()
    status_chart = bar_chart([(str(STATUS_LABELS[status]), count)
                              for status, count in report.by_status])
    return render_template("directory/reports/referrals.html", form=form, report=report,
                           chart=status_chart, status_labels=STATUS_LABELS,
                           reason_labels=REASON_LABELS)


@bp.get("/reports/referrals.csv")
@requires("report.view")
def referrals_csv():
    _form, report = _report()
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(report_service.csv_rows(report))
    filename = f"referrals-{report.start.isoformat()}-{report.end.isoformat()}.csv"
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "no-store"})
