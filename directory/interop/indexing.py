"""Search index rows for an import into an empty catalog, built from the imported rows.

``rebuild_index`` reads every service back through the ORM, a dozen related objects each:
for 100k services that alone takes longer than the rest of the import. Into an empty
catalog the input *is* the catalog, so the index's own ``service_documents`` runs on light
read-only stand-ins for the input rows instead, and ``insert_documents`` stores the rows
(with their R*Tree/FTS5 or tsvector companions) as always. A test checks that the result
equals ``rebuild_index``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy.orm import Session

from directory.catalog.models import (
    Accessibility,
    Address,
    Attribute,
    Language,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from directory.database import Base
from directory.interop.bulk import defaults
from directory.interop.dataset import Dataset, chunks
from directory.search.documents import service_documents
from directory.search.indexer import delete_entries, insert_documents

BATCH = 5000  # services per insert


class _Record:
    """Column values as attributes (a column the input left out reads None); relationship
    lists are set by :func:`_views`."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__ = values

    def __getattr__(self, name: str) -> None:  # only called for names not set
        if name.startswith("__"):
            raise AttributeError(name)
        return None


# The models' own properties, so documents come out exactly as from ORM objects.
class _Service(_Record):
    taxonomy_terms = Service.taxonomy_terms


class _Location(_Record):
    has_coordinates = Location.has_coordinates
    physical_address = Location.physical_address


class _Address(_Record):
    one_line = Address.one_line


_CLASSES: dict[type[Base], type[_Record]] = {
    Service: _Service, Location: _Location, Address: _Address,
}
# (model, list name, the column tying a row to its parent, the parent's model)
_LISTS = (
    (ServiceAtLocation, "service_at_locations", "service_id", Service),
    (Language, "languages", "service_id", Service),
    (Schedule, "schedules", "service_id", Service),
    (Phone, "phones", "service_id", Service),
    (ServiceArea, "service_areas", "service_id", Service),
    (Schedule, "schedules", "service_at_location_id", ServiceAtLocation),
    (Phone, "phones", "service_at_location_id", ServiceAtLocation),
    (Address, "addresses", "location_id", Location),
    (Language, "languages", "location_id", Location),
    (Accessibility, "accessibility", "location_id", Location),
    (Schedule, "schedules", "location_id", Location),
    (Phone, "phones", "location_id", Location),
)
_MODELS = (Organization, Service, ServiceAtLocation, Location, Address, Language, Schedule,
           Phone, ServiceArea, Accessibility, TaxonomyTerm, Attribute)


def _views(dataset: Dataset) -> dict[type[Base], dict[str, _Record]]:
    """Stand-ins for every object ``service_documents`` reads, tied together like the ORM's."""
    views: dict[type[Base], dict[str, _Record]] = {}
    for model in _MODELS:
        fill = list(defaults(model).items())
        cls = _CLASSES.get(model, _Record)
        made = views[model] = {}
        rows = dataset.rows(model)
        for key in sorted(rows):  # lists in id order, the order the rows were written in
            values = dict(rows[key])
            for name, value in fill:
                if values.get(name) is None:
                    values[name] = value
            made[key] = cls(values)
    for _model, name, _column, parent in _LISTS:  # every list starts empty, as in the ORM
        for view in views[parent].values():
            view.__dict__.setdefault(name, [])
    for model, name, column, parent in _LISTS:
        for child in views[model].values():
            owner = views[parent].get(getattr(child, column))
            if owner is not None:
                getattr(owner, name).append(child)
    for service in views[Service].values():
        service.organization = views[Organization].get(service.organization_id)
        service.attributes = []
    for place in views[ServiceAtLocation].values():
        place.location = views[Location].get(place.location_id)
    for term in views[TaxonomyTerm].values():
        term.parent = views[TaxonomyTerm].get(term.parent_id)
    for attribute in views[Attribute].values():
        attribute.taxonomy_term = views[TaxonomyTerm].get(attribute.taxonomy_term_id)
        service = views[Service].get(attribute.link_id)
        if attribute.link_entity == "service" and service is not None:
            service.attributes.append(attribute)
    return views


def index_imported(session: Session, dataset: Dataset,
                   advance: Callable[[int], None] | None = None) -> int:
    """Index the services of ``dataset`` after it was inserted into an empty catalog."""
    services = _views(dataset)[Service]
    keys = list(services)
    delete_entries(session, keys)  # none expected: the catalog was empty

    def documents(batch: list[str]) -> Iterator[dict[str, Any]]:
        for key in batch:
            yield from service_documents(services[key])

    for batch in chunks(keys, BATCH):
        insert_documents(session, documents(batch))
        if advance:
            advance(len(batch))
    return len(keys)
