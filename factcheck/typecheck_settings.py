"""The settings mypy's Django plugin loads (pyproject.toml [tool.django-stubs]), nothing else.

The plugin imports the settings to learn the installed apps and their models. factcheck.settings
refuses to load without DEBUG=1 or a SECRET_KEY, and mypy would then stop with an unexplained
"INTERNAL ERROR": here the development profile is the default, so a bare `mypy` runs as
`make test` does.
"""

import os

os.environ.setdefault("DEBUG", "1")

from factcheck.settings import *  # noqa: E402, F403
