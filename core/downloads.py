"""The one way to send a file from the private storage (attachments, rendered reports, exports).

Every download of a private file goes through `private_file_response`, so each carries the
same headers: the browser must not guess another type from the content (`nosniff`), must not
run anything in it if it is opened (`Content-Security-Policy: default-src 'none'; sandbox`),
and no shared cache may keep it (`Cache-Control: private, no-store`). The name offered to the
browser is made harmless first; files are stored under generated names, never this one.
"""

from __future__ import annotations

from typing import IO

from django.http import FileResponse

from core.filetypes import safe_display_name

SANDBOX_CSP = "default-src 'none'; sandbox"


def private_file_response(
    file: IO[bytes],
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
) -> FileResponse:
    """Stream the open `file` as `filename` (made safe), as an attachment or, with
    `inline=True`, for the browser to show; with the private-file security headers.

    The caller opens the file (and answers 404 when it is missing) after asking the policy.
    """
    response = FileResponse(
        file,
        as_attachment=not inline,
        filename=safe_display_name(filename, fallback="download"),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["Cache-Control"] = "private, no-store"
    return response
