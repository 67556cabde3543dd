"""A 201 Created answer: the new object's representation, with its address in `Location`
(RFC 9110 §15.3.2), absolute on the desk's origin as every other link the API gives."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from annotations.exports.iris import desk_iri


def created(request: Request, data: Any, route: str, *args: object) -> Response:
    """201 with `data` as the body and `Location` naming route `route` (an `api:` name)
    with `args`: the object the request created."""
    location = desk_iri(request, reverse(f"api:{route}", args=args))
    return Response(data, status=status.HTTP_201_CREATED, headers={"Location": location})
