"""htmx requests: a view answers them with a fragment, and anything else with a whole page."""


def is_htmx(request) -> bool:
    """Whether htmx sent the request (it sets the HX-Request header to "true")."""
    return request.headers.get("HX-Request") == "true"
