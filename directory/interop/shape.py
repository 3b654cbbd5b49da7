"""The shape of HSDS 3.0 JSON: which nested lists each object has, and the objects' names."""

from __future__ import annotations

from directory.catalog.models import (
    Accessibility,
    Address,
    Attribute,
    Contact,
    CostOption,
    Funding,
    Language,
    Location,
    Organization,
    OrganizationIdentifier,
    Phone,
    Program,
    RequiredDocument,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from directory.database import Base

# JSON key -> model of the nested list, per model. Lists not named here are ignored.
CHILD_LISTS: dict[type[Base], dict[str, type[Base]]] = {
    Organization: {
        "funding": Funding, "contacts": Contact, "phones": Phone, "locations": Location,
        "programs": Program, "organization_identifiers": OrganizationIdentifier,
        "services": Service,
    },
    Service: {
        "phones": Phone, "schedules": Schedule, "service_areas": ServiceArea,
        "service_at_locations": ServiceAtLocation, "languages": Language, "funding": Funding,
        "cost_options": CostOption, "required_documents": RequiredDocument,
        "contacts": Contact, "attributes": Attribute,
    },
    Location: {
        "languages": Language, "addresses": Address, "contacts": Contact,
        "accessibility": Accessibility, "phones": Phone, "schedules": Schedule,
    },
    ServiceAtLocation: {"contacts": Contact, "phones": Phone, "schedules": Schedule},
    Contact: {"phones": Phone},
    Phone: {"languages": Language},
}
# HSDS names the table of a model in attribute.link_entity and metadata.resource_type.
ENTITY_NAMES = {
    Organization: "organization", Service: "service", Location: "location",
    ServiceAtLocation: "service_at_location", Address: "address", Phone: "phone",
    Schedule: "schedule", Language: "language", Accessibility: "accessibility",
    CostOption: "cost_option", ServiceArea: "service_area", Contact: "contact",
    RequiredDocument: "required_document", Funding: "funding", Program: "program",
    OrganizationIdentifier: "organization_identifier", Taxonomy: "taxonomy",
    TaxonomyTerm: "taxonomy_term",
}


