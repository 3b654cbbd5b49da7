"""The HSDS 3.0 catalog models (tables ``dir_*``), split by domain."""

from .details import (
    Accessibility,
    Address,
    Contact,
    CostOption,
    Language,
    Phone,
    RequiredDocument,
    Schedule,
    ServiceArea,
)
from .location import LOCATION_TYPES, Location
from .organization import Funding, Organization, OrganizationIdentifier, Program
from .service import (
    GENDER_ELIGIBILITY,
    INSURANCE_KINDS,
    NARR_LEVELS,
    SERVICE_STATUSES,
    WAITLIST_STATUSES,
    Service,
    ServiceAtLocation,
)
from .taxonomy import Attribute, MetadataRecord, Taxonomy, TaxonomyTerm

__all__ = [
    "GENDER_ELIGIBILITY",
    "INSURANCE_KINDS",
    "LOCATION_TYPES",
    "NARR_LEVELS",
    "SERVICE_STATUSES",
    "WAITLIST_STATUSES",
    "Accessibility",
    "Address",
    "Attribute",
    "Contact",
    "CostOption",
    "Funding",
    "Language",
    "Location",
    "MetadataRecord",
    "Organization",
    "OrganizationIdentifier",
    "Phone",
    "Program",
    "RequiredDocument",
    "Schedule",
    "Service",
    "ServiceArea",
    "ServiceAtLocation",
    "Taxonomy",
    "TaxonomyTerm",
]
