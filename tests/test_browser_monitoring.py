"""In a real browser, after `make demo`: Pukë's planner opens the review of 2026 of the Social
Plan 2025–2030, records two activities as completed and sees their measure and the plan roll
up, fills the indicators from Kujdes's data, writes the conclusions, publishes the review and
downloads its monitoring report; then a visitor reads the plan's public progress page and the
national comparison, with its CSV, in Albanian, Serbian and English. Marked slow:
`make test-slow`."""

import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext

from tests.browser import CHROMIUM, CHROMIUM_ARGUMENTS

pytestmark = pytest.mark.slow
PASSWORD = "kujdes-demo-2026"
PLAN_TITLE = "Social Plan of the Municipality of Pukë 2025–2030"


def test_a_planner_records_a_year_and_a_visitor_reads_the_progress(demo_server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        planner = browser.new_context(locale="en-GB", accept_downloads=True).new_page()
        planner.goto(f"{demo_server}/accounts/sign-in/")
        planner.fill("input[name=username]", "planner.puke")
        planner.fill("input[name=password]", PASSWORD)
        planner.click("form.narrow button[type=submit]")
        planner.goto(f"{demo_server}/planning/AL-PUKE/plans/")
        planner.get_by_role("link", name=PLAN_TITLE).first.click()
        plan_url = planner.url
        planner.get_by_role("link", name="Yearly reviews").first.click()
        # The demo reviewed 2025; 2026 is the planner's.
        expect(planner.get_by_role("link", name="2025", exact=True)).to_be_visible()
        planner.select_option("select[name=year]", "2026")
        planner.get_by_role("button", name="Open the review").click()
        expect(planner.get_by_role("heading", name=re.compile("Review of 2026"))).to_be_visible()
        expect(planner.locator("dl.facts dt").first).to_have_text("Progress of the plan")
        expect(planner.locator("dl.facts dd strong").first).to_have_text("0.0 %")

        # Measure 1.1.1's two activities done.
        for number in ("1.1.1.1", "1.1.1.2"):
            row = planner.locator(
                "tr", has=planner.get_by_role("rowheader", name=re.compile(number))
            )
            row.locator("select").select_option("completed")
            row.locator("input[type=number]").fill("100")
        planner.get_by_role("button", name="Save the progress").click()
        expect(planner.get_by_text("Progress saved: 2 activities changed.")).to_be_visible()
        measure = planner.locator("tr", has_text="Measure 1.1.1:")
        expect(measure).to_contain_text("100.0 %")
        plan_progress = planner.locator("dl.facts dd strong").first.inner_text()
        percent = float(re.search(r"([\d.]+) %", plan_progress).group(1))  # type: ignore[union-attr]
        assert 0 < percent < 100
        expect(planner.locator("dl.facts")).to_contain_text("Completed: 2")

        planner.get_by_role("button", name="Fill from Kujdes's data").click()
        expect(
            planner.get_by_text(re.compile("Indicators filled from Kujdes's data"))
        ).to_be_visible()
        planner.fill(
            "textarea[name=conclusions]", "Home care is running in two units ahead of plan."
        )
        planner.get_by_role("button", name="Save the meeting and the conclusions").click()
        expect(planner.get_by_text("The meeting and the conclusions were saved.")).to_be_visible()
        planner.get_by_role("button", name="Publish the review on the plan's public page").click()
        expect(planner.get_by_text("The review is public on the plan's page.")).to_be_visible()

        # The monitoring report, written in the background, downloaded as PDF.
        planner.get_by_role("link", name="Monitoring report (DOCX, PDF)").click()
        planner.select_option("select[name=language]", "en")
        planner.select_option("select[name=format]", "pdf")
        planner.get_by_role("button", name="Write the report").click()
        link = planner.get_by_role("link", name="Download (PDF)")
        expect(link).to_be_visible(timeout=60_000)
        with planner.expect_download() as download:
            link.click()
        path = download.value.path()
        assert path.read_bytes()[:5] == b"%PDF-"
        planner.goto(plan_url)
        plan_id = re.search(r"/plans/([0-9a-f-]{36})/", plan_url).group(1)  # type: ignore[union-attr]

        # A visitor, in each language: the headings as the catalogues give them.
        for locale, language in (("sq", "sq"), ("sr-Latn", "sr-latn"), ("en-GB", "en")):
            with translation.override(language):
                heading, compared = gettext("Progress"), gettext("Municipalities compared")
                progress_label = gettext("Progress of the plan")
                shown = number_format(Decimal(str(percent)), decimal_pos=1, use_l10n=True)
            visitor = browser.new_context(locale=locale, accept_downloads=True).new_page()
            visitor.goto(f"{demo_server}/progress/AL-PUKE/{plan_id}/")
            expect(visitor.locator("h1")).to_contain_text(heading)
            expect(visitor.locator("strong[aria-current=page]")).to_have_text("2026")
            expect(visitor.locator("dl.facts dt").first).to_have_text(progress_label)
            expect(visitor.locator("dl.facts dd strong").first).to_have_text(f"{shown} %")
            assert visitor.locator("figure svg").count() >= 2
            visitor.goto(f"{demo_server}/progress/")
            expect(visitor.locator("h1")).to_have_text(compared)
            expect(visitor.locator("table")).to_contain_text("Pukë")
            expect(visitor.locator("table")).to_contain_text("Bulqizë")
            with visitor.expect_download() as csv:
                visitor.locator("a[href*='national.csv']").first.click()
            text = csv.value.path().read_text(encoding="utf-8-sig")
            assert "Pukë" in text
            visitor.context.close()
        browser.close()
