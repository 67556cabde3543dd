"""The API reference page: Swagger UI over our OpenAPI schema, served from this site."""

from __future__ import annotations

from csp.decorators import csp_update
from drf_spectacular.views import SpectacularSwaggerSplitView

# The "split" view serves Swagger UI's start-up code as a script file of its own, so the page
# needs no inline script. Swagger UI sets inline styles, so this page alone allows them.
api_docs = csp_update({"style-src": ["'unsafe-inline'"]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema")
)
