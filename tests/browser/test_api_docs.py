"""The interactive API docs render in a real browser under the site's Content Security Policy,
from local files only."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_api_docs_render_with_the_csp_enforced_and_no_outside_requests(browser, live_url):
    context = browser.new_context(base_url=live_url)  # CSP enforced (no bypass)
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    outside: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(live_url) and not request.url.startswith("data:")
            else None
        ),
    )
    try:
        page.goto("/api/v1/docs/")
        page.locator(".swagger-ui .info .title").wait_for()
        assert "Assess adult social care API" in page.locator(".swagger-ui .info").inner_text()
        page.locator(".opblock-tag", has_text="assessments").first.wait_for()
        screenshot(page, "api-docs")
    finally:
        context.close()
    assert problems == []
    assert outside == []
