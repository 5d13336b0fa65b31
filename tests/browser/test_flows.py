"""The advisor's main journeys in a real browser: keyboard only, live ranking, compare, retired.
On the behaviour catalogue (tests/fixture_catalogue.py)."""

from __future__ import annotations

import re

import pytest

from certifications.models import Certification
from tests.browser.conftest import DESKTOP, PHONE

RANKED = "#ranking article[data-rank]"
FIRST = '#ranking article[data-rank="1"]'
SHARE_BUTTON = "#ranking form.share-form button[type=submit]"
# Saving opens the owner's page (issue 27), at the links to copy.
OWNER_PAGE = re.compile(r"/r/[A-Za-z0-9_-]{20,}/owner/[A-Za-z0-9_-]{32,}/#keep-heading$")

# An Azure engineer with strong skills: the fixture's retired azure-old is on their platform
# and asks for less than they have.
AZURE_PERSONA = (
    "environment=azure&experience.platform_years.azure=3"
    "&skills.python=4&skills.mlops=4&skills.genai_apps=3"
)


def ranked_slugs(page, selector: str = "article[data-rank]") -> list[str]:
    """The cards' slugs in rank order (and check that DOM order is rank order)."""
    cards = page.eval_on_selector_all(
        selector, "els => els.map(e => [Number(e.dataset.rank), e.dataset.slug])"
    )
    assert [rank for rank, _ in cards] == list(range(1, len(cards) + 1)), cards
    return [slug for _, slug in cards]


def focused(page, selector: str) -> bool:
    return page.evaluate(
        "sel => !!document.activeElement && document.activeElement.matches(sel)", selector
    )


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 250) -> int:
    """Press Tab (or Shift+Tab) until the focused element matches selector; return presses."""
    key = "Shift+Tab" if backwards else "Tab"
    for presses in range(limit + 1):
        if focused(page, selector):
            return presses
        page.keyboard.press(key)
    active = page.evaluate("document.activeElement && document.activeElement.outerHTML")
    raise AssertionError(f"{limit} x {key} never reached {selector}; focus is on {active}")


def press_until(page, key: str, check: str, *, limit: int = 10) -> None:
    """Press key until the JS expression check (about document.activeElement) is true."""
    for _ in range(limit):
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {check}; }})()"):
            return
        page.keyboard.press(key)
    assert page.evaluate(f"(() => {{ const el = document.activeElement; return {check}; }})()"), (
        f"{limit} x {key} did not make `{check}` true"
    )


def wait_for_answers_in_ranking(page, answers: dict[str, str]) -> None:
    """Wait until the swapped-in results were computed from these answers.

    The share form inside #ranking carries the answers its results were made from, so once
    they match, the last htmx request has landed (earlier, superseded ones cannot win).
    """
    page.wait_for_function(
        """answers => Object.entries(answers).every(([name, value]) => {
             const input = document.querySelector(
               `#ranking form.share-form input[name="${name}"]`);
             return input && input.value === value;
           })""",
        arg=answers,
    )


def test_keyboard_only_questionnaire_reranks_and_shares(page, new_context):
    page.goto("/")
    # Nothing answered: the panel claims no score, it says what it will show (issue 26).
    assert ranked_slugs(page, RANKED) == []
    assert "Your ranking appears here as you answer" in page.inner_text("#ranking")

    # Where you work: Tab into the radio group (focus lands on the checked radio), then arrows.
    tab_to(page, 'input[name="environment"]')
    press_until(page, "ArrowDown", 'el.name === "environment" && el.value === "azure"')
    assert page.is_checked('input[name="environment"][value="azure"]')

    # Role and workplace come first; the skills next: two raised with the arrow keys.
    tab_to(page, 'select[name="skills.python"]')
    press_until(page, "ArrowDown", 'el.name === "skills.python" && el.value === "3"')
    tab_to(page, 'select[name="skills.mlops"]')
    press_until(page, "ArrowDown", 'el.name === "skills.mlops" && el.value === "2"')

    # A year on Azure: an ML engineer a year into an Azure shop, whom the fixture's two
    # bookable Azure exams fit. The platform years wait behind their summary: Enter opens it.
    tab_to(page, "details.platform-years > summary")
    page.keyboard.press("Enter")
    tab_to(page, 'input[name="experience.platform_years.azure"]')
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("1")

    page.wait_for_selector(FIRST)
    wait_for_answers_in_ranking(
        page,
        {
            "environment": "azure",
            "experience.platform_years.azure": "1",
            "skills.mlops": "2",
            "skills.python": "3",
        },
    )
    after = ranked_slugs(page, RANKED)
    # The associate Azure exam: the professional one (azure-mlops) asks MLOps at 3 and two
    # years on Azure, more than this visitor has, so it ranks below it.
    assert after[0] == "azure-ai", after
    assert "Ranking updated" in page.text_content("#ranking-status")

    # On to the share button, by keyboard only, and save.
    tab_to(page, SHARE_BUTTON)
    page.keyboard.press("Enter")
    page.wait_for_url(OWNER_PAGE)
    permalink = page.input_value("#share-link")  # the public link, not the owner's
    assert "/owner/" not in permalink

    # Someone else opens the link: no cookies, no session, the same ranking.
    stranger = new_context().new_page()
    stranger.goto(permalink)
    assert not stranger.is_visible("text=Mark done")
    # The panel shows the top three; the saved page shows them first, in the same order.
    assert len(after) == 3
    assert ranked_slugs(stranger)[: len(after)] == after


def test_live_ranking_follows_environment_and_skill(page):
    page.goto("/?environment=gcp")
    # The fixture's one Databricks exam, spark-ml, asks for Spark.
    assert page.get_attribute(FIRST, "data-slug") != "spark-ml"
    page.check('input[name="environment"][value="databricks"]')
    page.click("summary:has-text('Deep learning and big data')")
    page.select_option('select[name="skills.spark"]', "3")
    page.wait_for_selector(f'{FIRST}[data-slug="spark-ml"]')
    wait_for_answers_in_ranking(page, {"environment": "databricks", "skills.spark": "3"})
    assert ranked_slugs(page, RANKED)[0] == "spark-ml"


def column_headers(page) -> list[str]:
    return [text.strip() for text in page.locator("table.compare thead th").all_inner_texts()]


def names(*slugs: str) -> dict[str, str]:
    return dict(Certification.objects.filter(slug__in=slugs).values_list("slug", "name"))


def test_compare_page_shows_both_certifications_as_columns(page):
    page.goto("/compare/?c=gcp-data&c=aws-ml")
    expected = names("gcp-data", "aws-ml")
    assert column_headers(page) == [expected["gcp-data"], expected["aws-ml"]]


def test_ticking_two_results_and_comparing(page):
    # An AWS visitor: the fixture's two AWS ML exams are the first two cards.
    page.goto("/results/?environment=aws&skills.python=3")
    page.check('article[data-slug="aws-ml"] input[name="c"]')
    page.check('article[data-slug="aws-ml-pro"] input[name="c"]')
    page.get_by_role("button", name="Compare the ticked certifications").click()
    page.wait_for_url(re.compile(r"/compare/\?"))

    expected = names("aws-ml", "aws-ml-pro")
    assert sorted(column_headers(page)) == sorted(expected.values())
    # The answers came along, so the comparison shows how each fits this person.
    assert page.locator("table.compare tr.fit").count() == 2
    assert page.url.count("c=") == 2


def test_retired_exam_is_one_line_after_the_ranking_pointing_to_its_successor(page):
    page.goto(f"/results/?{AZURE_PERSONA}")
    assert page.locator('article[data-slug="azure-old"]').count() == 0
    line = page.locator('#closed-heading ~ ul li[data-listed="azure-old"]')
    assert "closed on 30 June 2026 → take" in line.inner_text()
    line.get_by_role("link", name="Azure Ai").click()
    page.wait_for_url("**/certifications/azure-ai/")
    # After the ranking: nothing in the list comes before the last card.
    page.go_back()
    order = page.eval_on_selector_all(
        "article[data-rank], li[data-listed]", "els => els.map(e => e.tagName)"
    )
    assert order.index("LI") > max(i for i, tag in enumerate(order) if tag == "ARTICLE")


def test_the_admin_works_under_the_content_security_policy(new_context, django_user_model):
    django_user_model.objects.create_superuser("editor", "e@example.com", "browser-test-pw-42")
    page = new_context(DESKTOP).new_page()
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto("/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", "browser-test-pw-42")
    page.click("input[type=submit]")
    cert = Certification.objects.get(slug="spark-ml")  # it has skills to add a row to
    page.goto(f"/admin/certifications/certification/{cert.pk}/change/")
    # At 1,280 px the change form fits: its sources table ran to 1,476 px (issue 26).
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    rows = page.locator("#skill_requirements-group tbody tr.form-row").count()
    page.click("#skill_requirements-group .add-row a")  # admin's own JavaScript
    assert page.locator("#skill_requirements-group tbody tr.form-row").count() == rows + 1
    page.fill("#id_price_usd", "210")
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/certifications/certification/")
    cert.refresh_from_db()
    assert cert.price_usd == 210
    assert blocked == []


def test_without_javascript_the_answers_submit_and_the_result_saves(browser, live_server):
    """No htmx, no app.js: the form is a plain GET to the results page, and the share form
    there posts with the CSRF token that sits outside it (joined by its form attribute)."""
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/")
        page.check('input[name="environment"][value="gcp"]')
        page.select_option('select[name="skills.python"]', "3")
        page.get_by_role("button", name="See my full results").click()
        page.wait_for_url(re.compile(r"/results/\?"))
        assert "environment=gcp" in page.url
        shown = ranked_slugs(page)
        page.get_by_role("button", name="Save and get a link to share").click()
        page.wait_for_url(OWNER_PAGE)
        assert ranked_slugs(page) == shown
    finally:
        context.close()


def test_retyping_a_number_under_make_run_keeps_the_questionnaire(page, settings):
    """`make run` is DEBUG, where django-htmx's script replaces the whole document with any
    400 response; clearing a number to retype it must show the problem in the ranking panel
    and beside its question, keep the last good ranking (issue 26), and leave every answer
    where it was."""
    settings.DEBUG = True
    page.goto("/")
    assert page.locator('script[data-debug="True"]').count() == 1  # the debug script is live
    page.select_option('select[name="skills.python"]', "3")
    wait_for_answers_in_ranking(page, {"skills.python": "3"})
    ranking = ranked_slugs(page, RANKED)

    page.fill('input[name="weekly_study_hours"]', "")
    page.wait_for_selector("#ranking-problem #form-errors")

    assert "Hours you can study each week" in page.inner_text("#ranking-problem #form-errors")
    assert "last valid answers" in page.inner_text("#ranking-problem")
    beside = page.inner_text('[id="id_weekly_study_hours_errors"]')
    assert beside.strip()  # the message beside the question itself
    assert ranked_slugs(page, RANKED) == ranking  # the last good ranking stays
    assert page.locator("header.site-header").count() == 1
    assert page.input_value('select[name="skills.python"]') == "3"
    page.fill('input[name="weekly_study_hours"]', "9")
    wait_for_answers_in_ranking(page, {"weekly_study_hours": "9", "skills.python": "3"})
    # Fixed: the problem and the message beside the question are gone.
    page.wait_for_function("() => !document.querySelector('#ranking-problem #form-errors')")
    assert page.inner_text('[id="id_weekly_study_hours_errors"]').strip() == ""


def test_reset_returns_to_certpaths_weights_even_after_a_link_that_set_others(page):
    page.goto("/?weights.platform=40&weights.skills=5")
    # A link with its own weights opens the panel, so the visitor sees them.
    assert page.get_attribute("details.weights", "open") is not None
    assert page.input_value('select[name="weights.platform"]') == "40"  # kept as the link set it

    page.click("button[data-reset-weights]")

    assert page.input_value('select[name="weights.platform"]') == "18"
    assert page.input_value('select[name="weights.skills"]') == "22"
    # The ranking re-ranks at certpath's weights: its share form carries no weights any more
    # (weights at their defaults are left out of links).
    page.wait_for_function(
        "() => document.querySelector('#ranking form.share-form') &&"
        " !document.querySelector('#ranking form.share-form input[name^=\"weights.\"]')"
    )


def test_without_javascript_no_control_that_needs_it_is_shown(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/?weights.platform=40")
        assert page.is_visible('select[name="weights.platform"]')  # the panel is open
        assert not page.is_visible("button[data-reset-weights]")
        page.click("button:has-text('See my full results')")
        page.click("button:has-text('Save and get a link to share')")
        page.wait_for_url(OWNER_PAGE)
        assert not page.is_visible("button[data-copy]")
        assert page.is_visible("#share-link")
    finally:
        context.close()


def test_the_api_docs_have_a_way_back_and_follow_dark_mode(new_context):
    context = new_context(DESKTOP)
    page = context.new_page()
    page.emulate_media(color_scheme="dark")
    page.goto("/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock")

    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(15, 19, 24)"  # the site's dark background
    swagger = "() => getComputedStyle(document.querySelector('.swagger-ui')).filter"
    assert page.evaluate(swagger).startswith("invert(")
    page.get_by_role("link", name="← certpath").click()
    page.wait_for_url("**/")
    assert page.locator("h1").inner_text().startswith("Which machine-learning certification")


# The widest option of each select against the room it has for text (less the arrow's).
# Not the held-certification selects: a certification's full name (up to 80 characters)
# cannot fit a phone; the open list shows it whole, as every native select does.
CUT_SELECTS = """() => {
  const ctx = document.createElement("canvas").getContext("2d");
  return [...document.querySelectorAll("select:not([name^='held.'])")].filter((select) => {
    ctx.font = getComputedStyle(select).font;
    const widest = Math.max(...[...select.options].map((o) => ctx.measureText(o.text).width));
    return widest > select.clientWidth - 28;
  }).map((select) => `${select.name}: ${select.clientWidth}px`);
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_select_cuts_its_answers_short(new_context, viewport):
    page = new_context(viewport).new_page()
    page.goto("/")
    assert page.evaluate(CUT_SELECTS) == []


def test_the_address_follows_the_answers_so_reload_and_back_show_the_same(page):
    """Issue 26: the panel's ranking survives a reload and a trip to the results and Back."""
    page.goto("/")
    page.check('input[name="environment"][value="azure"]')
    wait_for_answers_in_ranking(page, {"environment": "azure"})
    page.wait_for_url(re.compile(r"/\?.*environment=azure"))
    first = ranked_slugs(page, RANKED)[0]

    page.reload()
    assert page.is_checked('input[name="environment"][value="azure"]')
    assert ranked_slugs(page, RANKED)[0] == first

    page.click("text=See my full results")
    page.wait_for_url(re.compile(r"/results/"))
    page.go_back()
    page.wait_for_url(re.compile(r"/\?.*environment=azure"))
    assert page.is_checked('input[name="environment"][value="azure"]')
    assert ranked_slugs(page, RANKED)[0] == first


def test_compare_on_a_phone_keeps_the_title_and_reaches_every_column(new_context):
    page = new_context(PHONE).new_page()
    page.goto("/compare/?c=gcp-data&c=aws-ml&c=aws-ml-pro")
    title = page.locator("#compare-caption")
    assert title.is_visible() and " vs " in title.inner_text()
    region = page.locator(".table-scroll")
    region.evaluate("el => el.scrollLeft = el.scrollWidth")
    last = page.locator("table.compare thead th").last
    box, view = last.bounding_box(), region.bounding_box()
    assert box["x"] + box["width"] <= view["x"] + view["width"] + 1  # the last column in view
    label = page.locator("table.compare tbody th").first.bounding_box()
    assert label["x"] >= view["x"] - 1  # the row labels stay beside it

    # The picker, below the table, narrows to what is typed.
    page.locator(".compare-picker summary").click()
    page.fill("#compare-find", "azure")
    shown = page.locator("#compare-choices label.choice:visible").all_inner_texts()
    assert shown and all("azure" in text.lower() for text in shown)


@pytest.mark.parametrize(("query", "screens"), [("", 8), ("?goals.role=manager", 5)])
def test_the_questionnaire_respects_a_phone_users_time(new_context, query, screens):
    """Issue 26: 20.8 screens and about 60 Tab presses; 1,401 elements on the home page."""
    page = new_context(PHONE).new_page()
    page.goto("/" + query)
    form = page.evaluate("document.querySelector('#answers').getBoundingClientRect().height")
    assert form / PHONE["height"] <= screens
    if not query:
        assert page.evaluate("document.getElementsByTagName('*').length") <= 800
    page.focus("#answers select")
    presses = tab_to(page, "#answers button[type=submit]", limit=30)
    assert presses <= 30


def test_a_held_certification_is_typed_and_picked_from_one_list(page):
    page.goto("/")
    page.click("summary:has-text('Add a certification you hold')")
    box = page.locator('input[name="held.0.slug"]')
    assert box.get_attribute("list") == "held-options"
    assert page.locator("#held-options option").count() == Certification.objects.count()
    box.fill("aws-ml")
    page.locator("#answers").dispatch_event("change")
    page.wait_for_function(
        "() => document.querySelector('#ranking form.share-form input[name=\"held.0.slug\"]')"
    )


def test_the_jump_link_lands_with_the_first_heading_in_full_view(new_context):
    page = new_context(PHONE).new_page()
    page.goto("/?environment=gcp")
    page.click("text=Jump to your ranking")
    page.wait_for_timeout(300)
    top = page.locator("#summary-heading").bounding_box()
    assert top is not None and top["y"] >= 0  # not cut off at the top of the screen


def test_a_manager_skips_the_coding_questions(new_context):
    """Issue 26: a manager worked through every maths and coding dropdown."""
    page = new_context(PHONE).new_page()
    page.goto("/")
    assert page.get_attribute("details.coding", "open") is not None  # the default: technical
    page.select_option('select[name="goals.role"]', "manager")
    page.wait_for_function("() => !document.querySelector('details.coding').open")
    assert not page.is_visible('select[name="skills.python"]')
    assert page.is_visible('select[name="skills.genai_apps"]')  # asked of everyone
    page.select_option('select[name="goals.role"]', "ml_engineer")
    page.wait_for_function("() => document.querySelector('details.coding').open")
    # Server-rendered for a manager's link: closed without any script.
    page.goto("/?goals.role=manager")
    assert page.get_attribute("details.coding", "open") is None
