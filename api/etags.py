"""ETags on the large reads: a client that sends the ETag it has back in If-None-Match gets 304
Not Modified and no body when nothing changed (for its token: the answer depends on who asks).

The tag is a hash of the rendered answer, so it changes exactly when the answer does; the server
still reads the rows, the client is spared the transfer and the parsing.
"""

import hashlib

from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

ETAG_PARAMETER = OpenApiParameter(
    "If-None-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description="De ETag van een eerder antwoord: is er niets veranderd, dan volgt 304 zonder inhoud.",
)
NOT_MODIFIED = OpenApiResponse(description="Niet gewijzigd sinds de meegestuurde ETag.")


class ETagMixin:
    """For a DRF view: ETag on every 200 answer to GET, and 304 on a matching If-None-Match."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:40]}"'
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
        patch_vary_headers(response, ["Authorization"])
        wanted = parse_etags(request.headers.get("If-None-Match", ""))
        if etag in wanted or "*" in wanted:
            not_modified = HttpResponseNotModified()
            for header in ("ETag", "Cache-Control", "Vary"):
                not_modified[header] = response[header]
            return not_modified
        return response
