"""Static files storage for production."""

from __future__ import annotations

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hashed, compressed static files, with ES module imports rewritten to the hashed names
    too, so that a page never mixes modules from two deployments."""

    support_js_module_import_aggregation = True
