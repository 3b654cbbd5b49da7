"""The JSON shapes of the API, composed from :mod:`directory.interop.serialize`.

Full objects are the serializer's own; list items are the one-to-one fields HSDS lists show
(``service_list``, ``organization_list``, ``service_at_location_list``), built from the
serializer's ``fields``. ``attributes`` maps (entity, id) to the attributes of nested objects
other than services (``queries.attributes_of``); one-to-one shapes do not show them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from directory.catalog.listings import Page
from directory.catalog.models import Organization, Service, ServiceAtLocation
from directory.interop import serialize

HSDS_VERSION = "3.0"
Attributes = dict


def page(result: Page, render: Callable[[Any], dict]) -> dict[str, Any]:
    """The HSDS page object around ``result``'s items."""
    contents = [render(item) for item in result.items]
    total_pages = result.pages if result.total else 0
    return {
        "total_items": result.total,
        "total_pages": total_pages,
        "page_number": result.page,
        "size": len(contents),
        "first_page": result.page == 1,
        "last_page": result.page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def service_item(service: Service, attributes: Attributes | None = None) -> dict[str, Any]:
    """A service's one-to-one fields with its organization and program (HSDS ``service_list``)."""
    data = serialize.fields(service)
    if service.organization is not None:
        data["organization"] = serialize.fields(service.organization)
    if service.program is not None:
        data["program"] = serialize.fields(service.program)
    return data


def service_minimal(service: Service, attributes: Attributes | None = None) -> dict[str, Any]:
    """``minimal=true``: the id and when the service last changed (when known)."""
    data = {"id": service.id}
    modified = serialize.fields(service).get("last_modified")
    if modified:
        data["modified_date"] = modified
    return data


def service_full(service: Service, attributes: Attributes | None = None) -> dict[str, Any]:
    return serialize.service(service, attributes=attributes or {})


SERVICE_SHAPES: dict[str, Callable[..., dict]] = {
    "minimal": service_minimal,
    "list": service_item,
    "full": service_full,
}


def service_at_location(item: ServiceAtLocation, attributes: Attributes | None = None, *,
                        full: bool = True) -> dict[str, Any]:
    """Fully nested, or the one-to-one fields with the location's and the service's
    (``service_at_location_list``)."""
    if full:
        return serialize.service_at_location(item, attributes=attributes or {})
    data = serialize.fields(item)
    data["location"] = serialize.fields(item.location)
    data["service"] = service_item(item.service)
    return data


def organization(item: Organization, attributes: Attributes | None = None, *, full: bool,
                 full_services: bool) -> dict[str, Any]:
    """An organization: its own fields, or nested with its services simple or nested.

    Only published services are loaded (see ``queries.organization_options``).
    """
    if full_services:
        return serialize.organization(item, attributes=attributes or {}, with_services=True)
    if not full:
        return serialize.fields(item)
    data = serialize.organization(item, attributes=attributes or {}, with_services=False)
    data["services"] = [serialize.fields(service) for service in item.services]
    return data
