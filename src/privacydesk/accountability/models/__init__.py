"""The app's models, one module per kind of record."""

from privacydesk.accountability.models.acknowledgements import Acknowledgement, StaffDocument, StaffDocumentVersion
from privacydesk.accountability.models.agreements import Agreement
from privacydesk.accountability.models.collection import Collection, CollectionPoint, Notice
from privacydesk.accountability.models.disclosures import Disclosure, RoutineDisclosure, RoutineRun
from privacydesk.accountability.models.providers import ClientAccess, ClientOrganisation, ClientSystem

__all__ = [
    "Acknowledgement",
    "Agreement",
    "ClientAccess",
    "ClientOrganisation",
    "ClientSystem",
    "Collection",
    "CollectionPoint",
    "Disclosure",
    "Notice",
    "RoutineDisclosure",
    "RoutineRun",
    "StaffDocument",
    "StaffDocumentVersion",
]
