"""The README's screenshots: the sample corpus ingested into a fresh store, served, and the page
photographed in Debian's chromium (the browser the tests use).

Usage: .venv/bin/python docs/screenshots.py   (writes docs/img/*.png)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from chronicle.api import create_app, running_server  # noqa: E402
from chronicle.settings import Settings  # noqa: E402
from chronicle.store import Store  # noqa: E402
from chronicle.workflow import ingest_paths  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
SHOTS = (
    ("timeline.png", "/", "#event-list li.event"),
    ("event.png", "/#type=AGREE&event={agree}", "#details[data-kind=event]"),
    ("agreement.png", "/#view=agreement", "#matrix td.cell"),
    ("brief.png", "/#view=brief", "#brief li"),
)


def main() -> None:
    shared = Path(os.environ.get("CHRONICLE_SHARED") or ROOT.parent / "shared")
    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "seeds.db"
        settings = Settings(db_path=db)
        with Store(db) as store:
            ingest_paths([shared / "corpus" / "seeds"], store, settings)
            agree = next(e.id for e in store.timeline_events() if e.type == "AGREE")
        with running_server(create_app(settings)) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            for name, path, ready in SHOTS:
                page.goto(url + path.format(agree=agree))
                page.wait_for_selector(ready)
                page.wait_for_timeout(500)  # the map and the timeline settle
                page.screenshot(path=str(out / name))
                print(f"wrote {out / name}")
            browser.close()


if __name__ == "__main__":
    main()
