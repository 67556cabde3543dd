"""Settings for the gunicorn that `manage.py bench_api` starts, and nothing else: the desk's own
settings (from the same environment) with a URLconf that also mounts a plain DRF viewset to
compare with. The desk never loads this module, so the plain viewset is never reachable there."""

from factcheck.settings import *  # noqa: F403

ROOT_URLCONF = "annotations.management.bench_api_urls"
