"""The sourced, dated catalog of AI/ML credentials."""

from certwise.catalog.load import Catalog, CatalogError, default_catalog, load_catalog
from certwise.catalog.model import Credential

__all__ = ["Catalog", "CatalogError", "Credential", "load_catalog", "default_catalog"]
