"""The embeddable search: ``/embed`` for an iframe on another site, and ``/embed/snippet``,
where an agency makes the copy-paste ``<iframe>`` for its own site (no account needed).

``/embed`` is the public search (the same form, :func:`run_search` and result macros) in a
small page of its own: no site chrome, listings open in a new tab, and presets from the
iframe's address: ``category`` (repeatable), ``place`` or ``lat``/``lon``, ``radius``,
``per_page``, ``lang``. ``lock=category`` (or ``place``, ``radius``; repeatable) keeps a
preset fixed and out of the form. It is the only page other sites may frame
(:func:`frameable`; which sites: ``DIRECTORY_EMBED_ALLOWED_ORIGINS``).
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

from babel import Locale
from flask import Blueprint, current_app, g, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms.validators import NumberRange, Optional

from directory.catalog import listings
from directory.web.search_forms import (
    FILTER_FIELDS,
    LenientMultipleField,
    LenientSelectField,
    SearchForm,
    WholeNumberField,
    choices,
)
from directory.web.search_views import Outcome, run_search
from directory.web.security import frame_ancestors, frameable

bp = Blueprint("directory_embed", __name__)

LOCK_CHOICES = (
    ("category", _l("The kind of support")),
    ("place", _l("The area")),
    ("radius", _l("The distance")),
)
DEFAULT_HEIGHT, MIN_HEIGHT, MAX_HEIGHT = 640, 240, 4000
#: Search parameters a snippet never presets (they belong to the visitor's own search).
NOT_PRESET = (*FILTER_FIELDS, "keyword", "sort", "page")


@bp.record_once
def _configure(state) -> None:
    config = state.app.config
    config.setdefault("DIRECTORY_EMBED_ALLOWED_ORIGINS", "*")
    # A malformed allow-list stops the app at start-up rather than failing every /embed.
    frame_ancestors(config["DIRECTORY_EMBED_ALLOWED_ORIGINS"])


class EmbedForm(FlaskForm):
    """The embed's own parameters, read beside the search's (:class:`SearchForm`)."""

    class Meta:
        csrf = False  # GET pages that change nothing

    lock = LenientMultipleField(_l("Visitors cannot change"), choices=choices(LOCK_CHOICES))
    lang = LenientSelectField(_l("Language"), default="")
    height = WholeNumberField(
        _l("Starting height in pixels"), default=DEFAULT_HEIGHT,
        validators=[Optional(), NumberRange(MIN_HEIGHT, MAX_HEIGHT, message=_l(
            "Enter a height from %(low)d to %(high)d pixels.", low=MIN_HEIGHT, high=MAX_HEIGHT))],
        message=_l("Enter the height as a whole number, like 640."))

    def __init__(self, formdata, languages=()):
        super().__init__(formdata=formdata)
        self.lang.choices = choices([("", _l("Each visitor’s own language")), *(
            (code, Locale.parse(code).get_display_name(code)) for code in languages)])

    def link_args(self) -> dict[str, object]:
        """The parameters every link from the embed to itself keeps (locks and language)."""
        args: dict[str, object] = {}
        if self.lock.data:
            args["lock"] = self.lock.data
        if self.lang.data:
            args["lang"] = self.lang.data
        return args


def locked_fields(options: EmbedForm, outcome: Outcome) -> frozenset[str]:
    """The locks that hold: those on a preset that was given and understood.

    A preset place we cannot find stays editable, so the visitor can still search.
    """
    form = outcome.form
    given = {
        "category": bool(form.category.data),
        "place": outcome.place.found,
        "radius": not form.radius.errors,
    }
    return frozenset(name for name in options.lock.data or () if given[name])


def _embed_options() -> EmbedForm:
    options = EmbedForm(request.args, languages=current_app.config["DIRECTORY_LANGUAGES"])
    options.validate()  # unknown locks and languages are dropped; /embed ignores the height
    return options


@bp.url_defaults
def _keep_presets(endpoint: str, values: dict) -> None:
    # Set by the embed view only: its pagination, "wider area" and place-suggestion links (built
    # by the shared search macros) keep the embedding site's locks and language.
    for name, value in g.get("directory_embed_links", {}).items():
        values.setdefault(name, value)


@bp.get("/embed")
@frameable
def search():
    """The compact search, for an iframe on another site."""
    options = _embed_options()
    g.directory_embed_links = options.link_args()
    with force_locale(options.lang.data) if options.lang.data else nullcontext():
        outcome = run_search(listings.categories(with_counts=False))
        if outcome.place.status == "device":
            # /embed has no "Use my location": a point comes from the site's lat/lon preset.
            outcome.place = replace(outcome.place, status="found",
                                    label=_("the area this site chose"))
        return render_template(
            "directory/embed/search.html", outcome=outcome, form=outcome.form,
            place=outcome.place, results=outcome.results, categories=outcome.categories,
            locked=locked_fields(options, outcome), options=options, today=date.today(),
            stale_after_days=current_app.config["DIRECTORY_STALE_AFTER_DAYS"],
        )


def embed_args(form: SearchForm, options: EmbedForm, locked) -> dict[str, object]:
    """The iframe address's parameters for a snippet: presets, locks that hold, language."""
    args = form.url_args(drop=NOT_PRESET)
    if locked:
        args["lock"] = [name for name, _label in LOCK_CHOICES if name in locked]
    if options.lang.data:
        args["lang"] = options.lang.data
    return args


@bp.get("/embed/snippet")
def snippet():
    """Choose presets, get the ``<iframe>`` snippet for them (built here, shown escaped)."""
    options = _embed_options()
    outcome = run_search(listings.categories(with_counts=False))
    code = src = None
    if not (outcome.form.errors or options.errors or outcome.place.failed):
        src = url_for(".search", _external=True,
                      **embed_args(outcome.form, options, locked_fields(options, outcome)))
        parts = urlsplit(src)
        code = render_template(
            "directory/embed/snippet.txt", src=src, origin=f"{parts.scheme}://{parts.netloc}",
            height=options.height.data or DEFAULT_HEIGHT,
            title=_("Find recovery support near you"),
        ).strip()
    return render_template(
        "directory/embed/snippet.html", outcome=outcome, form=outcome.form,
        place=outcome.place, results=outcome.results, categories=outcome.categories,
        options=options, code=code, src=src, lock_choices=LOCK_CHOICES,
        height=options.height.data or DEFAULT_HEIGHT,
    )
