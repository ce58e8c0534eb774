"""Going live and the portal on a phone, in headless Chromium against a real server: a company
with no demo data goes from the setup link to its first partner's first order; every portal page
fits a phone with its tab bar, for an owner and for an order-only clerk; a statement's rows name
their documents (PO-…, TU-…), also in the workbook openpyxl reads."""
import io
import os
import re
import struct
import subprocess
import tempfile
import time
import zlib

import openpyxl
import pytest
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import (ARTIFACTS, assert_fits_the_phone, click_and_wait, fill_form, free_port, is_in_view, open_menu, screenshot,
                      wait_until_loaded)
from test_foundation_flows import sign_in

def png(width, height, colour):
    """A real PNG of one colour, written with zlib (the server checks images by their bytes)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes(colour) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


SETUP_LINK = re.compile(r"First-run setup \(works once, for 24 hours\): (\S+)")


@pytest.fixture(scope="module")
def fresh_server():
    """A server on an empty database, as a company starts it: no demo, a setup link in its log."""
    binary = os.path.abspath(os.environ.get("QUDAO_BINARY", ".build/debug/qudao"))
    folder = tempfile.mkdtemp(prefix="qudao-fresh-")
    port = free_port()
    environment = dict(os.environ, QUDAO_PASSWORD_COST="4", QUDAO_DATA_KEY_FILE=f"{folder}/data.key")
    log_path = f"{folder}/server.log"
    process = subprocess.Popen(
        [binary, "serve", "--port", str(port), "--database-url", f"sqlite://{folder}/qudao.sqlite"],
        stdout=open(log_path, "w"), stderr=subprocess.STDOUT, env=environment, cwd=folder)
    link = None
    # Bounded wait for the link the server prints once it listens.
    for _ in range(300):
        found = SETUP_LINK.search(open(log_path).read())
        if found:
            link = found.group(1)
            break
        if process.poll() is not None:
            raise RuntimeError("qudao serve exited: " + open(log_path).read())
        time.sleep(0.1)
    assert link, "the server printed no setup link: " + open(log_path).read()
    yield {"base": f"http://127.0.0.1:{port}", "link": link, "folder": folder, "binary": binary}
    process.terminate()
    process.wait(timeout=10)


def test_a_company_goes_live_from_the_setup_link_to_its_first_order(fresh_server, desktop, phone):
    base = fresh_server["base"]
    # without the token there is no setup page
    assert requests.get(f"{base}/setup", timeout=10).status_code == 404
    # the first admin and the company, from the link in the log
    desktop.get(fresh_server["link"])
    assert desktop.find_element(By.ID, "setup-form").is_displayed()
    screenshot(desktop, "setup-page")
    fill_form(desktop, brandName="悦己生活", companyName="广州悦己生活科技有限公司", customerServicePhone="400-810-8888",
         username="wang.admin", displayName="王总", password="correct-horse-1", passwordConfirmation="correct-horse-1")
    click_and_wait(desktop, desktop.find_element(By.ID, "complete-setup"))
    assert desktop.current_url.endswith("/hq?notice=welcome")
    assert desktop.find_element(By.CSS_SELECTOR, "#brand .brand-name").text == "悦己生活"
    checklist = desktop.find_element(By.ID, "go-live-checklist")
    assert "0/6" in checklist.text
    # the link is dead now
    assert requests.get(fresh_server["link"], timeout=10).status_code == 404
    # demo data is refused by this database
    refused = subprocess.run(
        [fresh_server["binary"], "demo", "--database-url", f"sqlite://{fresh_server['folder']}/qudao.sqlite"],
        capture_output=True, text=True, timeout=60,
        env=dict(os.environ, QUDAO_DATA_KEY_FILE=f"{fresh_server['folder']}/data.key"))
    assert refused.returncode != 0 and "real data" in refused.stderr

    # the receiving account partners transfer to
    click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, "#go-live-checklist li[data-step='bankAccount'] a"))
    fill_form(desktop, bankName="招商银行广州天河支行", accountNumber="6214 8301 2345 6789")
    click_and_wait(desktop, desktop.find_element(By.ID, "add-bank-account"))
    assert "6214 8301 2345 6789" in desktop.find_element(By.ID, "bank-accounts").text

    # a category and a product, priced in yuan, with its image
    desktop.get(f"{base}/hq/categories")
    fill_form(desktop, name="护肤")
    click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, "#category-form button"))
    open_menu(desktop, "catalogue", "/hq/products")
    desktop.get(f"{base}/hq/products/new")
    fill_form(desktop, sku="YJ-1001", name="玻尿酸补水精华液 30ml", unit="瓶", packSize="6", listPriceFen="199.00",
         level1PriceFen="119.40", level2PriceFen="139.30", level3PriceFen="159.20")
    Select(desktop.find_element(By.ID, "categoryId")).select_by_visible_text("护肤")
    click_and_wait(desktop, desktop.find_element(By.ID, "save-product"))
    assert "notice=created" in desktop.current_url
    image = os.path.join(tempfile.mkdtemp(), "serum.png")
    with open(image, "wb") as file:
        file.write(png(32, 32, (185, 28, 28)))
    desktop.find_element(By.ID, "image").send_keys(image)
    click_and_wait(desktop, desktop.find_element(By.ID, "upload-image"))
    assert desktop.find_element(By.CSS_SELECTOR, "#product-image-card img.product-image")

    # warehouse stock
    desktop.get(f"{base}/hq/stock")
    fill_form(desktop, productId="YJ-1001", quantity="600")
    click_and_wait(desktop, desktop.find_element(By.ID, "record-stock"))

    # the first partner, with its owner account
    desktop.get(f"{base}/hq/partners/new")
    fill_form(desktop, name="广州天河悦己体验店", type="distributor", code="D-GZ01", province="广东省", city="广州市",
         address="天河路 208 号", contactName="何静", contactPhone="135 6000 1001", ownerPassword="store-password-1")
    click_and_wait(desktop, desktop.find_element(By.ID, "save-partner"))
    assert desktop.find_element(By.ID, "partner-code").text == "D-GZ01"

    # the partner, on its phone: the tab bar, the top-up form with HQ's account and the next tier
    sign_in(phone, base, "D-GZ01", password="store-password-1")
    assert phone.find_element(By.ID, "tabbar").is_displayed()
    click_and_wait(phone, phone.find_element(By.ID, "action-top-up"))
    assert "6214 8301 2345 6789" in phone.find_element(By.ID, "receiving-accounts").text
    assert "再充 ¥50,000.00 享 2% 进货折扣" in phone.find_element(By.ID, "tier-hint").text
    assert_fits_the_phone(phone)
    fill_form(phone, amountFen="20000", bankReference="CMB20261202001")
    click_and_wait(phone, phone.find_element(By.ID, "request-topup"))
    assert "充值申请已提交" in phone.page_source

    # HQ confirms the transfer
    desktop.get(f"{base}/hq/top-ups?status=pending")
    click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, "#topup-list button[data-action='confirm']"))

    # and the partner orders in three steps from the home screen
    phone.get(f"{base}/portal")
    assert phone.find_element(By.CSS_SELECTOR, "#home-balance .value").text == "¥20,000.00"
    click_and_wait(phone, phone.find_element(By.ID, "action-order"))
    item = phone.find_element(By.CSS_SELECTOR, "li[data-sku='YJ-1001']")
    assert item.find_element(By.CSS_SELECTOR, "img.product-image")
    for _ in range(2):
        item.find_element(By.CSS_SELECTOR, "button.step-up").click()
    assert phone.find_element(By.ID, "order-total").text == "¥1,432.80"  # 12 × ¥119.40
    assert is_in_view(phone, phone.find_element(By.ID, "to-confirm"))
    click_and_wait(phone, phone.find_element(By.ID, "to-confirm"))
    assert phone.find_element(By.ID, "quote-net").text == "¥1,432.80"
    click_and_wait(phone, phone.find_element(By.ID, "submit-order"))
    assert phone.find_element(By.ID, "order-number").text.startswith("PO-")

    # HQ's overview: the checklist is done and the work queue is shown
    desktop.get(f"{base}/hq")
    assert not desktop.find_elements(By.ID, "go-live-checklist")
    assert desktop.find_element(By.ID, "work-queue").is_displayed()


def portal_links(phone):
    """Every page the 我的 page and the tab bar lead to."""
    links = [a.get_attribute("href") for a in phone.find_elements(By.CSS_SELECTOR, "#tabbar a, #me-menu a")]
    return list(dict.fromkeys(links))


@pytest.mark.parametrize("username, tabs", [
    ("S-GZ001", ["tab-home", "tab-order", "tab-orders", "tab-commission", "tab-me"]),
    ("s-gz001-clerk", ["tab-home", "tab-order", "tab-orders", "tab-inbox", "tab-me"]),
])
def test_every_portal_page_fits_a_phone_with_its_tab_bar(server, phone, username, tabs):
    sign_in(phone, server, username)
    if username == "S-GZ001":
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        phone.save_screenshot(str(ARTIFACTS / "portal-home-phone.png"))
        # 我的佣金, 待结算订单 and 预存余额 and the quick actions on the first screen
        for element in ["home-commission", "home-pending-orders", "home-balance", "action-order", "action-replenish",
                        "action-top-up", "action-statement"]:
            assert is_in_view(phone, phone.find_element(By.ID, element)), element
    else:
        # an order-only clerk sees neither money nor finance links
        assert not phone.find_elements(By.ID, "home-figures")
        assert not phone.find_elements(By.ID, "action-top-up")
    assert [a.get_attribute("id") for a in phone.find_elements(By.CSS_SELECTOR, "#tabbar a")] == tabs
    phone.get(f"{server}/portal/me")
    links = portal_links(phone)
    assert len(links) >= (9 if username == "S-GZ001" else 6)
    for link in links:
        phone.get(link)
        wait_until_loaded(phone)
        assert phone.find_element(By.ID, "tabbar").is_displayed(), link
        assert_fits_the_phone(phone)
    if username == "s-gz001-clerk":
        assert requests.get(f"{server}/portal/commissions", cookies={c["name"]: c["value"] for c in phone.get_cookies()},
                            timeout=10).status_code == 403


def test_a_statement_names_its_documents_on_the_page_and_in_the_workbook(server, phone):
    sign_in(phone, server, "S-GZ001")
    click_and_wait(phone, phone.find_element(By.ID, "action-statement"))
    rows = phone.find_elements(By.CSS_SELECTOR, "#statement-lines tbody tr")
    assert rows
    documents = [row.find_element(By.CSS_SELECTOR, "td.document").text for row in rows]
    assert any(text.startswith("PO-") for text in documents) and any(text.startswith("TU-") for text in documents), documents
    payment = next(row for row in rows if row.get_attribute("data-kind") == "purchase_payment")
    assert "进货付款 PO-" in payment.text and payment.find_element(By.CSS_SELECTOR, "td.document a").get_attribute("href")
    # (internal ids may sit in links' addresses, never in what a person reads)
    source = phone.find_element(By.TAG_NAME, "body").text
    for internal in ["ord_", "top_", "ltx_", "purchase order payment", "top-up"]:
        assert internal not in source, internal
    assert_fits_the_phone(phone)
    screenshot(phone, "portal-statement-phone")
    cookies = {cookie["name"]: cookie["value"] for cookie in phone.get_cookies()}
    workbook = requests.get(f"{server}/portal/prepaid/statement.xlsx", cookies=cookies, timeout=30)
    workbook.raise_for_status()
    sheet = openpyxl.load_workbook(io.BytesIO(workbook.content)).active
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert any(value.startswith("PO-") for value in values) and any(value.startswith("进货付款 PO-") for value in values)
    assert not any(value.startswith(("ord_", "top_", "ltx_")) for value in values)


def test_hq_overview_lists_what_needs_doing_and_the_top_bar_stays_one_row(server):
    from conftest import make_browser
    browser = make_browser(1440, 900)
    try:
        sign_in(browser, server, "hq-admin")
        queue = browser.find_element(By.ID, "work-queue")
        for tile in ["pending-top-ups", "requested-returns", "pending-payouts", "back-orders", "new-warnings", "expiring-certificates"]:
            assert queue.find_element(By.ID, tile).get_attribute("href")
        pending = int(browser.find_element(By.CSS_SELECTOR, "#pending-top-ups .value").text)
        assert pending >= 1  # the demo has a pending top-up
        header = browser.find_element(By.CSS_SELECTOR, "header.top")
        assert header.size["height"] < 80, header.size
        screenshot(browser, "hq-overview")
        click_and_wait(browser, browser.find_element(By.ID, "pending-top-ups"))
        assert len(browser.find_elements(By.CSS_SELECTOR, "#topup-list tbody tr")) == pending
    finally:
        browser.quit()
