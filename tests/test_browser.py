"""In a real browser (Debian's chromium driven by Playwright), as a newcomer after `make demo`:
Bulqizë's profile with its 8 administrative units and their 2011 and 2023 populations, and the
directory (the SOS line, the services for persons with disabilities in one administrative
unit, no confidential address), in all three languages, switched with the language buttons.
Marked slow: `make test-slow`."""

from pathlib import Path

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGUMENTS

BULQIZE_UNITS = {
    # unit: (2011, 2023), from kujdes/territory/data/albania_bulqize_units.csv
    "Bulqizë": ("8,177", "7,875"),
    "Fushë-Bulqizë": ("3,342", "2,943"),
    "Gjoricë": ("4,214", "3,100"),
    "Trebisht": ("993", "1,085"),
}

pytestmark = pytest.mark.slow


def test_it_shows_bulqize_with_its_units_in_each_language(demo_server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        # A visitor whose browser asks for Albanian; the buttons switch to the others.
        page = browser.new_page(locale="sq-AL")
        page.goto(f"{demo_server}/areas/AL-BULQIZE/")
        headings = {
            "sq": "Popullsia",
            "sr-latn": "Stanovništvo",
            "en": "Population",
        }
        for language, heading in headings.items():
            if language != "sq":
                page.locator(f'form.languages button[value="{language}"]').click()
                page.wait_for_load_state()
            assert page.locator("html").get_attribute("lang") == language
            assert page.get_by_role("heading", name=heading, exact=True).count() == 1
            units = page.locator("table.comparison tbody tr")
            assert units.count() == 8
            text = units.all_inner_texts()
            for unit, (census_2011, census_2023) in BULQIZE_UNITS.items():
                row = next(line for line in text if line.startswith(unit))
                digits = (
                    row.replace(".", ",")
                    .replace("\u202f", ",")
                    .replace("\xa0", ",")
                    .replace(" ", ",")
                )
                assert census_2011 in digits and census_2023 in digits, row
            page.screenshot(path=str(tmp_path / f"bulqize-{language}.png"), full_page=True)
        browser.close()


# The demo's services for persons with disabilities that reach Zerqan (kujdes/directory/demo.py).
ZERQAN_DISABILITY_SERVICES = {
    "sq": [
        "Kujdes në shtëpi për personat me aftësi të kufizuara",
        "Qendër ditore për fëmijët me aftësi të kufizuara në zhvillim",
    ],
    "sr-latn": [
        "Pomoć u kući za osobe sa invaliditetom",
        "Dnevni centar za decu sa smetnjama u razvoju",
    ],
    "en": [
        "Home care for persons with disabilities",
        "Day centre for children with developmental disabilities",
    ],
}
# The demo shelter's address, which must never reach a public page.
SHELTER_ADDRESS = "Rruga e Fshehtë 12"


def test_it_finds_help_in_an_administrative_unit_in_each_language(
    demo_server: str, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        page = browser.new_page(locale="sq-AL")
        for language, expected in ZERQAN_DISABILITY_SERVICES.items():
            page.goto(f"{demo_server}/")
            if language != "sq":
                page.locator(f'form.languages button[value="{language}"]').click()
                page.wait_for_load_state()
            assert page.locator("html").get_attribute("lang") == language
            # The national SOS line is at the top of every page.
            assert page.locator('aside.urgent a[href="tel:116117"]').count() == 1
            page.locator("header.site nav a").first.click()
            page.wait_for_load_state()
            page.locator("select[name=place]").select_option("AL-BULQIZE-ZERQAN")
            page.locator("select[name=target_group]").select_option("PERSONS_WITH_DISABILITIES")
            page.locator("form.search button[type=submit]").click()
            page.wait_for_load_state()
            titles = page.locator("article.service-card h2").all_inner_texts()
            assert titles == expected
            # The map turned into Leaflet (JavaScript ran, from local files only).
            assert page.locator(".leaflet-map .leaflet-interactive").count() >= 1
            assert SHELTER_ADDRESS not in page.content()
            page.screenshot(path=str(tmp_path / f"directory-{language}.png"), full_page=True)

            # The SOS line for women victims of violence, and the shelter without its address.
            page.locator("select[name=target_group]").select_option("VICTIMS_OF_VIOLENCE")
            page.locator("form.search button[type=submit]").click()
            page.wait_for_load_state()
            assert page.locator('aside.urgent a[href="tel:+35521922003"]').count() == 1
            shelter = page.locator("article.service-card", has_text="72")
            shelter.locator("h2 a").click()
            page.wait_for_load_state()
            assert page.locator("ul.phones a.phone.helpline").inner_text() == "+355 219 22 003"
            assert SHELTER_ADDRESS not in page.content()
            assert SHELTER_ADDRESS not in page.request.get(page.url).text()
        browser.close()
