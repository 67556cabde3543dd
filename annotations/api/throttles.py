"""Request rates for API clients, from settings (API_THROTTLE_ANON / API_THROTTLE_USER).

DRF reads rates once, when its classes are defined; these read the settings on every request,
so an operator's environment and the tests' overrides both take effect.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    def get_rate(self) -> str:
        return settings.API_THROTTLE_ANON


class AuthenticatedThrottle(UserRateThrottle):
    def get_rate(self) -> str:
        return settings.API_THROTTLE_USER
