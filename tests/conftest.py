"""Shared fixtures: the shared material (seeds, bench data) is read in place, never copied."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
# Debian's chromium (`make browser`), driven by Playwright; never a browser Playwright downloads.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def shared_dir() -> Path:
    return Path(os.environ.get("CHRONICLE_SHARED") or REPO.parent / "shared").resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    assert path.is_dir(), f"shared material not found at {path}; set CHRONICLE_SHARED"
    return path


@pytest.fixture(scope="session")
def seed_paths(shared: Path) -> list[Path]:
    paths = sorted((shared / "corpus" / "seeds").glob("*.txt"))
    assert paths, "no seed articles found"
    return paths


@pytest.fixture(scope="session")
def seed_texts(seed_paths: list[Path]) -> dict[str, str]:
    """Seed id (file stem) -> raw text."""
    return {p.stem: p.read_text(encoding="utf-8") for p in seed_paths}


# ------------------------------------------------------------------------ the browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian chromium is needed: `make browser` installs it"
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page plus everything it reported: console errors and uncaught exceptions."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")


@pytest.fixture
def page(browser: Browser) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    watched = Watched(context.new_page())
    yield watched
    context.close()


def rows(page: Page, list_id: str = "event-list") -> list[str]:
    """The ids of the events a list of the page shows, in order."""
    return page.locator(f"#{list_id} li.event").evaluate_all("nodes => nodes.map(n => n.dataset.id)")


def wait_rows(page: Page, expected: list[str], list_id: str = "event-list") -> None:
    """Wait until the list shows exactly these events (the page asks the API after each change)."""
    page.wait_for_function(
        "([selector, want]) => JSON.stringify([...document.querySelectorAll(selector)].map(n => n.dataset.id))"
        " === JSON.stringify(want)", arg=[f"#{list_id} li.event", expected], timeout=15_000,
    )


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API and the page on loopback, over the small store of ``test_api.build_db``."""
    from chronicle.api import create_app, running_server
    from chronicle.settings import Settings
    from test_api import build_db

    db = build_db(tmp_path_factory.mktemp("web") / "chronicle.db")
    with running_server(create_app(Settings(db_path=db))) as url:
        yield url
