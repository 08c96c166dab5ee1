"""In a real browser, a planner of Bulqizë after `make demo` takes the adopted Social Plan into a
new version, answers a ranked gap of the needs assessment with a costed measure and an
indicator whose baseline comes from the assessment, runs the public consultation (a visitor
comments, the planner answers), records the adoption, downloads the plan as DOCX, PDF and XLSX,
and sees the adopted version unchanged after changing the baseline in the next version.
Marked slow: `make test-slow`."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser import CHROMIUM, CHROMIUM_ARGUMENTS, manage

pytestmark = pytest.mark.slow
PASSWORD = "kujdes-demo-2026"
PLAN_TITLE = "Social Plan of the Municipality of Bulqizë 2019–2023"
# A minimal PDF standing for the council's scanned decision.
DECISION = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _plan_id(url: str) -> str:
    match = re.search(r"/plans/([0-9a-f-]{36})/", url)
    assert match, url
    return match.group(1)


def test_a_planner_takes_a_gap_through_consultation_to_an_adopted_plan(
    demo_server: str, demo_database: Path, tmp_path: Path
) -> None:
    from playwright.sync_api import expect, sync_playwright

    today = timezone.localdate()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        planner = browser.new_context(locale="en-GB", accept_downloads=True).new_page()
        planner.goto(f"{demo_server}/accounts/sign-in/")
        planner.fill("input[name=username]", "planner")
        planner.fill("input[name=password]", PASSWORD)
        planner.click("form.narrow button[type=submit]")
        planner.goto(f"{demo_server}/planning/AL-BULQIZE/plans/")
        planner.get_by_role("link", name=PLAN_TITLE).first.click()
        adopted_url = planner.url

        # The adopted plan stays as adopted: changes go into a new version.
        planner.get_by_role("link", name="Consultation, adoption and versions").click()
        planner.get_by_role("button", name="Start a new version").click()
        draft = _plan_id(planner.url)
        assert draft != _plan_id(adopted_url)
        base = f"{demo_server}/planning/AL-BULQIZE/plans/{draft}/"
        planner.goto(base)
        expect(planner.get_by_text("Version 2 of 2.")).to_be_visible()

        # The highest ranked gap no measure answers, answered with a measure.
        gap = planner.locator(
            "ol li", has=planner.get_by_role("link", name="Answer it with a measure")
        ).first
        gap_text = gap.inner_text().split(":")[0]
        gap.get_by_role("link", name="Answer it with a measure").click()
        assert planner.locator("input[name=gaps]:checked").count() == 1
        planner.select_option("select[name=objective]", index=1)
        planner.fill("input[name=number]", "1.1.9")
        planner.fill("input[name=name_sq]", "Shërbim i ri për boshllëkun më të madh")
        planner.fill("input[name=name_en]", "A new service for the largest gap")
        planner.get_by_role("button", name="Save").click()
        expect(
            planner.get_by_text("Measure 1.1.9: A new service for the largest gap")
        ).to_be_visible()
        assert gap_text not in planner.locator("ol").last.inner_text()

        planner.get_by_role("link", name="Add an activity").first.click()
        planner.select_option(
            "select[name=measure]", label="1.1.9 A new service for the largest gap"
        )
        planner.fill("input[name=number]", "1.1.9.1")
        planner.fill("input[name=name_sq]", "Hapja e shërbimit")
        planner.fill("input[name=name_en]", "Opening the service")
        planner.fill("input[name=responsible]", "Drejtoria e Shërbimeve Sociale")
        planner.select_option("select[name=start_year]", "2022")
        planner.fill("input[name=cost_2022_municipal_budget]", "1200000")
        planner.fill("input[name=cost_2023_donor]", "800000")
        planner.get_by_role("button", name="Save").click()
        row = planner.locator("tr", has_text="1.1.9.1 Opening the service")
        expect(row).to_contain_text("2,000,000.00")

        planner.get_by_role("link", name="Add an indicator").first.click()
        planner.select_option(
            "select[name=of]", label="Measure 1.1.9 A new service for the largest gap"
        )
        planner.fill("input[name=name_sq]", "Persona që marrin shërbimin")
        planner.fill("input[name=name_en]", "People receiving the service")
        planner.fill("input[name=unit]", "persons")
        planner.select_option("select[name=baseline_figure]", index=1)
        planner.fill("input[name=target_2023]", "40")
        planner.get_by_role("button", name="Save").click()
        indicator = planner.locator("tr", has_text="People receiving the service")
        baseline = indicator.locator("td.number").inner_text()
        assert re.match(r"^[\d,.]+ \(\d{4}\)$", baseline), baseline
        expect(indicator).to_contain_text("2023: 40")

        # The public consultation: a visitor comments, the planner answers.
        planner.goto(f"{base}steps/")
        planner.fill("input[name=opens]", today.isoformat())
        planner.fill("input[name=closes]", (today + timedelta(days=20)).isoformat())
        planner.get_by_role("button", name="Open the consultation").click()
        expect(planner.get_by_text("Done: the plan is now in public consultation.")).to_be_visible()

        visitor = browser.new_context(locale="en-GB").new_page()
        visitor.goto(f"{demo_server}/plans/AL-BULQIZE/{draft}/")
        visitor.fill("textarea[name=text]", "Please open the service in Ostren too.")
        visitor.fill("input[name=organization]", "Shoqata e Prindërve Ostren")
        visitor.wait_for_timeout(3500)  # a person takes this long at least; the guard checks
        visitor.get_by_role("button", name="Send the comment").click()
        expect(visitor.get_by_text("Thank you: your comment was received.")).to_be_visible()

        planner.goto(f"{base}comments/")
        comment = planner.locator(
            "article.comment", has_text="Please open the service in Ostren too."
        )
        comment.get_by_label("Partly accepted").check()
        comment.locator("textarea[name=reason]").fill("Ostren follows in 2023.")
        comment.get_by_role("button", name="Save the answer").click()
        expect(planner.get_by_text("The answer was saved.")).to_be_visible()

        # Three weeks pass: the consultation closes.
        opened, closed = today - timedelta(days=21), today - timedelta(days=1)
        manage(
            demo_database,
            "shell",
            "-c",
            "import datetime; from kujdes.planning.models import Plan; "
            f"Plan.objects.filter(pk='{draft}').update("
            f"consultation_opens=datetime.date({opened.year}, {opened.month}, {opened.day}), "
            f"consultation_closes=datetime.date({closed.year}, {closed.month}, {closed.day}))",
        )
        planner.goto(f"{base}steps/")
        planner.get_by_role("button", name="Submit the plan").click()
        expect(planner.get_by_text("Done: the plan is now submitted for adoption.")).to_be_visible()
        planner.fill("input[name=decision_body]", "Këshilli Bashkiak Bulqizë")
        planner.fill("input[name=decision_number]", "112")
        planner.fill("input[name=decision_date]", today.isoformat())
        planner.set_input_files(
            "input[name=decision_file]",
            files={"name": "vendim-112.pdf", "mimeType": "application/pdf", "buffer": DECISION},
        )
        planner.get_by_role("button", name="Record the adoption").click()
        expect(planner.get_by_text("Done: the plan is now adopted.")).to_be_visible()

        # The documents: the action plan as XLSX, the whole plan as DOCX and PDF.
        planner.goto(base)
        with planner.expect_download() as download:
            planner.get_by_role("link", name="Download the action plan (XLSX)").click()
        assert download.value.suggested_filename == "action-plan-AL-BULQIZE-2019-2023.xlsx"
        assert Path(download.value.path()).read_bytes()[:2] == b"PK"
        planner.get_by_role("link", name="Documents").first.click()
        files = {}
        for format, magic in (("docx", b"PK"), ("pdf", b"%PDF")):
            planner.select_option("select[name=language]", "en")
            planner.select_option("select[name=format]", format)
            planner.get_by_role("button", name="Write the document").click()
            link = planner.get_by_role("link", name=f"Download ({format.upper()})").first
            expect(link).to_be_visible(timeout=60_000)
            with planner.expect_download() as download:
                link.click()
            content = Path(download.value.path()).read_bytes()
            assert content[: len(magic)] == magic
            files[format] = tmp_path / f"social-plan.{format}"
            files[format].write_bytes(content)

        # A baseline changed in the next version leaves the adopted one as adopted.
        planner.goto(f"{base}steps/")
        planner.get_by_role("button", name="Start a new version").click()
        revision = _plan_id(planner.url)
        planner.goto(f"{demo_server}/planning/AL-BULQIZE/plans/{revision}/")
        planner.get_by_role("link", name="People receiving the service").click()
        planner.select_option("select[name=baseline_figure]", "")
        planner.fill("input[name=baseline_value]", "999")
        planner.fill("input[name=baseline_year]", "2024")
        planner.get_by_role("button", name="Save").click()
        changed = planner.locator("tr", has_text="People receiving the service")
        expect(changed.locator("td.number")).to_have_text("999.00 (2024)")
        planner.goto(base)
        kept = planner.locator("tr", has_text="People receiving the service")
        expect(kept.locator("td.number")).to_have_text(baseline)
        expect(planner.get_by_text("The adopted version is frozen")).to_be_visible()
        planner.goto(
            f"{demo_server}/planning/AL-BULQIZE/plans/{revision}/compare/?with={draft}&changed=1"
        )
        expect(
            planner.locator("tr.changed", has_text="People receiving the service")
        ).to_contain_text("999.00 (2024)")
        planner.screenshot(path=str(tmp_path / "compare.png"), full_page=True)
        browser.close()
