"""axe-core finds no violations on any page, at phone and desktop sizes; phones never scroll
sideways (WCAG 1.4.10 reflow).

On the shipped catalogue on purpose: axe and the reflow check judge pages as visitors get them,
with the real content's long names, exam domains, notes and marks on every kind of page; the
behaviour catalogue's short made-up entries would hide an overflow or a contrast problem."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import PHONE, VIEWPORTS, assert_no_violations

SHIPPED_CATALOGUE = True  # see the module's docstring

RESULTS = "/results/?environment=gcp&skills.python=3"
SAVED = "saved result"  # made in the test by pressing the share button
PAGES = {
    "questionnaire": "/",
    "results": RESULTS,
    "saved": SAVED,
    "why": "/results/why/gcp-pmle/?environment=gcp&skills.python=3",
    "compare": "/compare/?c=gcp-pmle&c=aws-mla-c01",
    "catalogue": "/certifications/",
    "detail-retired": "/certifications/aws-mls-c01/",
}


def open_saved_result(page) -> None:
    page.goto(RESULTS)
    page.get_by_role("button", name="Save and get a link to share").click()
    # The owner's page, with its progress forms (issue 27).
    page.wait_for_url(re.compile(r"/r/[A-Za-z0-9_-]{20,}/owner/[A-Za-z0-9_-]{32,}/#keep-heading$"))


def open_page(page, path: str) -> None:
    if path == SAVED:
        open_saved_result(page)
    else:
        response = page.goto(path)
        assert response is not None and response.ok, (path, response and response.status)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations(new_context, name, viewport):
    page = new_context(VIEWPORTS[viewport]).new_page()
    open_page(page, PAGES[name])
    assert_no_violations(page, f"{name} at {viewport}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_questionnaire_with_weights_open_has_no_axe_violations(new_context, viewport):
    page = new_context(VIEWPORTS[viewport]).new_page()
    page.goto("/")
    page.locator("details.weights > summary").click()
    page.wait_for_selector("details.weights[open] select", state="visible")
    assert_no_violations(page, f"questionnaire, weights open, at {viewport}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_questionnaire_after_live_update_has_no_axe_violations(new_context, viewport):
    page = new_context(VIEWPORTS[viewport]).new_page()
    page.goto("/")
    page.check('input[name="environment"][value="gcp"]')
    # A function, not a bare expression: Playwright evals bare strings, which the CSP forbids.
    page.wait_for_function(
        "() => document.querySelector('#ranking-status').textContent.includes('Ranking updated')"
    )
    page.wait_for_selector(
        '#ranking form.share-form input[name="environment"][value="gcp"]', state="attached"
    )
    assert_no_violations(page, f"questionnaire after an htmx update at {viewport}")


@pytest.mark.parametrize("path", ["/", RESULTS, PAGES["why"], "/certifications/aws-mls-c01/"])
def test_phone_layout_has_no_horizontal_scrolling(new_context, path):
    page = new_context(PHONE).new_page()
    page.goto(path)
    widths = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth,"
        " client: document.documentElement.clientWidth})"
    )
    if widths["scroll"] > PHONE["width"]:
        wide = page.evaluate(
            """limit => [...document.querySelectorAll('body *')]
                 .filter(el => el.getBoundingClientRect().right > limit)
                 .slice(0, 5)
                 .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                      + (el.className && typeof el.className === 'string'
                         ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
                      + ' right=' + Math.round(el.getBoundingClientRect().right))""",
            PHONE["width"],
        )
    else:
        wide = []
    assert widths["scroll"] <= PHONE["width"], (
        f"{path} scrolls sideways at {PHONE['width']}px: {widths}; wider elements: {wide}"
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_saved_plan_with_an_alert_has_no_axe_violations_and_re_plans_by_keyboard(
    new_context, viewport
):
    """Issue 27: the owner's page with what changed since (a price of the plan's exam), and
    its re-plan button reached and pressed from the keyboard."""
    from advisor.models import SharedResult
    from certifications.selectors import current_catalogue
    from certifications.services import catalogue_import

    page = new_context(VIEWPORTS[viewport]).new_page()
    open_saved_result(page)
    code = page.url.split("/r/")[1].split("/")[0]
    plan = SharedResult.objects.get(code=code)
    target = next(s["slug"] for s in plan.result["pathway"] if s.get("part") == "target")
    data = current_catalogue()[0].model_dump()
    for cert in data["certifications"]:
        if cert["slug"] == target:
            cert["price_usd"] = (cert["price_usd"] or 100) + 50
    catalogue_import(catalogue=type(current_catalogue()[0]).model_validate(data))

    page.reload()
    assert page.locator("#plan-alerts li").count() == 1
    assert "its price is now" in page.locator("#plan-alerts").inner_text()
    assert_no_violations(page, f"saved plan with an alert at {viewport}")
    button = page.get_by_role("button", name="Re-plan with today's catalogue")
    for _ in range(400):  # Tab until the button has the focus, as a keyboard user would
        page.keyboard.press("Tab")
        if button.evaluate("el => el === document.activeElement"):
            break
    else:
        raise AssertionError("the re-plan button cannot be reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(
        re.compile(r"/r/[A-Za-z0-9_-]{20,}/owner/[A-Za-z0-9_-]{32,}/#pathway-heading$")
    )
    assert code not in page.url
    assert page.locator("#plan-alerts").count() == 0  # the new plan is on today's catalogue
    assert_no_violations(page, f"re-planned plan at {viewport}")
