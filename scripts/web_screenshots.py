"""Screenshots of the web app's main pages for the README (docs/screenshots/*.png).

Starts `procura serve` on a free 127.0.0.1 port with a temporary workspace holding the
safety-alarm example, drives Debian's chromium headless through chromium-driver, and saves one
PNG per page. Run: python scripts/web_screenshots.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "screenshots"
sys.path.insert(0, str(REPO / "tests" / "web"))

from webhelpers import chromium, start_server  # noqa: E402

TENDER = ("K1 Leverantören ska ha en årlig omsättning om minst 40 000 000 kr.\n"
          "K2 Systemet ska vara användarvänligt och intuitivt.\n"
          "K3 Larmen ska överföras med SCAIP eller likvärdigt protokoll.\n"
          "K4 Leverantören ska ha ett kontor i kommunen.\n"
          "K5 Leverantören ska redovisa tre referensuppdrag från svenska kommuner de senaste tre åren.\n"
          "K6 Tjänsten bör ha en tillgänglighet om minst 99,5 % per månad.\n")


def main() -> int:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    tmp = Path(tempfile.mkdtemp(prefix="procura-shots-"))
    workspace = tmp / "ws"
    workspace.mkdir()
    shutil.copy(REPO / "examples" / "trygghetslarm.yaml", workspace / "trygghetslarm.yaml")
    (tmp / "kravspecifikation.txt").write_text(TENDER, encoding="utf-8")
    server, url = start_server(workspace, tmp / "packs")
    driver = chromium(tmp / "profile", tmp / "downloads", width=1280, height=1000)
    OUT.mkdir(parents=True, exist_ok=True)
    wait = WebDriverWait(driver, 120)

    def shot(name: str, full: bool = False) -> None:
        time.sleep(0.3)
        if full:
            height = driver.execute_script("return Math.min(document.body.scrollHeight, 2000)")
            driver.set_window_size(1280, height)
        driver.save_screenshot(str(OUT / f"{name}.png"))
        driver.set_window_size(1280, 1000)
        print(f"wrote docs/screenshots/{name}.png")

    try:
        driver.get(url + "/new")
        driver.find_element(By.ID, "f-products-trygghetslarm").click()
        wait.until(ec.presence_of_element_located((By.ID, "f-fact-alarms-reception-true")))
        driver.find_element(By.ID, "f-fact-alarms-reception-true").click()
        wait.until(ec.presence_of_element_located((By.ID, "f-fact-languages")))
        driver.find_element(By.ID, "f-value").send_keys("sex miljoner\t")
        wait.until(ec.text_to_be_present_in_element((By.ID, "msg-value"), "tal"))
        driver.find_element(By.ID, "f-fact-volumes-trygghetslarm-individuals").send_keys("1200")
        driver.find_element(By.ID, "f-fact-price_index-base_month").send_keys("oktober")
        driver.execute_script("document.getElementById('f-value').scrollIntoView()")
        driver.execute_script("window.scrollBy(0, -60)")
        shot("new-procurement", full=True)
        driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#msg-f-fact-price_index-base_month.invalid")))
        driver.execute_script("document.getElementById('q-price_index').scrollIntoView()")
        driver.execute_script("window.scrollBy(0, -200)")
        shot("new-facts")
        from procura.library import load_library
        from procura.sizing import load_profile, resolve

        spec = resolve(load_profile(workspace / "trygghetslarm.yaml"), load_library())
        raise_me = next(i for i in spec.items if i.requirement and i.needed_level != list(i.requirement.levels)[-1])
        driver.get(url + "/p/trygghetslarm")
        card = driver.find_element(By.ID, f"req-{raise_me.id}")
        card.find_element(By.CSS_SELECTOR, "details.change > summary").click()
        select = card.find_element(By.CSS_SELECTOR, "select[name=level]")
        options = select.find_elements(By.TAG_NAME, "option")
        options[-1].click()
        card.find_element(By.CSS_SELECTOR, "button[value=save]").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, f"#req-{raise_me.id} .alert")))
        driver.execute_script(f"document.getElementById('req-{raise_me.id}').scrollIntoView()")
        driver.execute_script("window.scrollBy(0, -120)")
        shot("procurement")
        driver.get(url + "/p/trygghetslarm#award")
        driver.find_element(By.CSS_SELECTOR, "#f-award-model option[value=price_quality]").click()
        price = wait.until(ec.presence_of_element_located((By.ID, "f-award-price")))
        price.clear()
        from procura.sizing import load_profile as load

        model = load(workspace / "trygghetslarm.yaml").profile.evaluation
        price.send_keys(str(int(model.price) - 5 if model and model.price else 55))
        total = model.total() - 5 if model and model.price else 55
        wait.until(ec.text_to_be_present_in_element((By.ID, "award-status"), f"{total:g} av 100"))
        driver.execute_script("document.getElementById('award').scrollIntoView()")
        driver.execute_script("window.scrollBy(0, -70)")
        shot("award")
        driver.get(url + "/p/trygghetslarm/build")
        driver.find_element(By.ID, "build-button").click()
        wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "#build-result .ok")))
        shot("build", full=True)
        driver.get(url + "/check")
        driver.find_element(By.ID, "f-document").send_keys(str(tmp / "kravspecifikation.txt"))
        driver.find_element(By.ID, "f-estimated_value").send_keys("6 500 000")
        driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
        wait.until(ec.presence_of_element_located((By.ID, "result")))
        driver.execute_script("document.getElementById('result').scrollIntoView()")
        shot("check")
        driver.get(url + "/library?q=loggning")
        shot("library")
    finally:
        driver.quit()
        server.terminate()
        server.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
