"""Starts a real `qudao serve` on a throwaway SQLite database and drives it with headless Chromium."""
import os
import pathlib
import socket
import subprocess
import tempfile
import time

import pytest
import requests
from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.remote.webelement import WebElement

ROOT = pathlib.Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"


class Server(str):
    """The server's base URL, carrying the folder of its database and the binary that runs it."""
    folder: str
    binary: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(prefix: str, extra_arguments=(), scheme="http", verify=True, folder=None, extra_environment=None, demo=True):
    """Starts `qudao serve --demo --test-clock` on a throwaway SQLite database (or the one in `folder`,
    to restart a server on its own data); returns the process and its `Server`."""
    binary = os.path.abspath(os.environ.get("QUDAO_BINARY", str(ROOT / ".build" / "debug" / "qudao")))
    folder = folder or tempfile.mkdtemp(prefix=prefix)
    port = free_port()
    environment = dict(os.environ, QUDAO_PASSWORD_COST="4", QUDAO_DATA_KEY_FILE=f"{folder}/data.key", **(extra_environment or {}))
    log = open(f"{folder}/server.log", "a")
    process = subprocess.Popen(
        [binary, "serve", *(["--demo"] if demo else []), "--test-clock", "--port", str(port), "--database-url", f"sqlite://{folder}/qudao.sqlite",
         *[argument.replace("{folder}", folder) for argument in extra_arguments]],
        stdout=log, stderr=subprocess.STDOUT, env=environment, cwd=folder)
    base = f"{scheme}://127.0.0.1:{port}"
    # Bounded wait for the server to accept requests (it migrates and loads demo data first).
    for _ in range(300):
        try:
            if requests.get(f"{base}/readyz", timeout=1, verify=verify).status_code == 200:
                break
        except requests.RequestException:
            pass
        if process.poll() is not None:
            raise RuntimeError("qudao serve exited: " + open(f"{folder}/server.log").read())
        time.sleep(0.1)
    else:
        process.kill()
        raise RuntimeError("qudao serve did not become ready")
    running = Server(base)
    running.folder = folder
    running.binary = binary
    return process, running


def stop_server(process):
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="session")
def server():
    process, running = start_server("qudao-browser-")
    yield running
    stop_server(process)


class SteadyElement(WebElement):
    """A web element whose commands are tried again when ChromeDriver fails to resolve its node
    ("Node with given id does not belong to the document"). That error comes from ChromeDriver
    remapping its DevTools node ids after a document update, before the command ran, so trying the
    same command again does it once. Any other error, or the fourth such failure, is raised."""

    def _execute(self, command, params=None):
        for attempt in range(4):
            try:
                return super()._execute(command, params)
            except WebDriverException as error:
                if "does not belong to the document" not in str(error) or attempt == 3:
                    raise
        raise AssertionError("unreachable")


def make_browser(width: int, height: int, mobile: bool = False):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", f"--window-size={width},{height}",
                     "--lang=zh-CN"]:
        options.add_argument(argument)
    if mobile:
        options.add_experimental_option("mobileEmulation", {
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 3.0},
            "userAgent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148"})
    browser = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    browser._web_element_cls = SteadyElement
    browser.set_page_load_timeout(30)
    browser.implicitly_wait(5)
    return browser


@pytest.fixture
def desktop():
    browser = make_browser(1366, 900)
    yield browser
    browser.quit()


@pytest.fixture
def phone():
    browser = make_browser(390, 844, mobile=True)
    yield browser
    browser.quit()


def click_and_wait(browser, element) -> None:
    """Clicks something that submits a form or follows a link, and waits for the next page."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait
    page = browser.find_element("tag name", "html")
    # In the middle of the screen, so the phone's fixed tab bar and order bar never cover it.
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    WebDriverWait(browser, 15).until(expected_conditions.staleness_of(page))
    wait_until_loaded(browser)


def wait_until_loaded(browser) -> None:
    """Waits until the current document has finished loading. ChromeDriver resets its node ids while
    a document is still being built, so an element found then can fail with "Node with given id
    does not belong to the document" when it is clicked; finding elements only in a loaded
    document avoids that."""
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(browser, 15).until(lambda driver: driver.execute_script("return document.readyState") == "complete")


def screenshot(browser, name: str) -> None:
    """Keeps a full-page screenshot as a CI artifact (never committed)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    height = browser.execute_script("return document.body.scrollHeight")
    width = browser.execute_script("return document.body.scrollWidth")
    browser.set_window_size(max(width, 390), max(height + 120, 700))
    browser.save_screenshot(str(ARTIFACTS / f"{name}.png"))


def fill_form(browser, **fields) -> None:
    """Types each value into the field with that id, or chooses it in a select."""
    from selenium.webdriver.support.ui import Select
    for name, value in fields.items():
        element = browser.find_element("id", name)
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.clear()
            element.send_keys(value)


def open_menu(browser, group: str, href: str) -> None:
    """Opens a page from HQ's grouped top bar: the group's menu, then its link."""
    browser.find_element("css selector", f"#nav-{group} > summary").click()
    click_and_wait(browser, browser.find_element("css selector", f"#nav-{group} a[href='{href}']"))


def assert_fits_the_phone(browser) -> None:
    """The page never scrolls sideways: nothing is wider than the phone's viewport."""
    width = browser.execute_script("return document.documentElement.scrollWidth")
    viewport = browser.execute_script("return window.innerWidth")
    assert width <= viewport, f"{browser.current_url}: {width} px wide on a {viewport} px screen"


def is_in_view(browser, element) -> bool:
    """Whether the element is wholly inside the visible screen (not scrolled past)."""
    return browser.execute_script(
        "var r = arguments[0].getBoundingClientRect();"
        "return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.height > 0;",
        element)
