"""Channel management in headless Chromium: a store on a phone replenishes in one click and submits
the order; HQ opens a partner on warning and closes its follow-up task; a store fills in the
sell-out template in Excel (openpyxl, a real reader and writer) and uploads it."""
import datetime
import io
import pathlib
import tempfile

import openpyxl
import requests
from selenium.webdriver.common.by import By

from conftest import click_and_wait, screenshot
from test_foundation_flows import sign_in
from test_ordering_flows import api_token


def api(server, username, path):
    response = requests.get(f"{server}{path}", headers={"Authorization": f"Bearer {api_token(server, username)}"}, timeout=30)
    response.raise_for_status()
    return response.json()


def test_a_store_replenishes_in_one_click_on_a_phone(server, phone):
    # The demo's S-GZ002 sold SK-1003 2, 4, 2, 4… a day for 28 days (d = 3, σ = 1) and holds 7:
    # ⌈3 × (3 + 7) + ⌈1.65 × 1 × √10⌉ − 7 − 0⌉ = ⌈30 + 6 − 7⌉ = 29 → 3 packs of 12 = 36.
    sign_in(phone, server, "S-GZ002")
    phone.get(f"{server}/portal")
    # The home's quick actions lead to one-click replenishment
    click_and_wait(phone, phone.find_element(By.ID, "action-replenish"))
    card = phone.find_element(By.CSS_SELECTOR, ".replenishment[data-sku='SK-1003']")
    assert card.get_attribute("data-quantity") == "36"
    assert card.find_element(By.CSS_SELECTOR, ".daily-demand").text == "3.00"
    assert card.find_element(By.CSS_SELECTOR, ".daily-spread").text == "1.00"
    assert card.find_element(By.CSS_SELECTOR, ".safety-stock").text.endswith("= 6")
    assert card.find_element(By.CSS_SELECTOR, ".on-hand").text == "7"
    assert "= 29" in card.find_element(By.CSS_SELECTOR, ".formula").text
    screenshot(phone, "portal-replenishment-phone")

    # One click: a draft purchase order, filled in on step 1
    click_and_wait(phone, phone.find_element(By.ID, "replenish-now"))
    assert phone.current_url.endswith("/portal/order")
    assert phone.find_element(By.ID, "draft-notice").is_displayed()
    quantity = phone.find_element(By.CSS_SELECTOR, "#order-products li[data-sku='SK-1003'] input.quantity")
    assert quantity.get_attribute("value") == "36"
    # The sticky bar already counts the draft's lines
    assert phone.find_element(By.ID, "order-total").text != "¥0.00"
    # The quality store's promotion price shows beside its regular price
    row = phone.find_element(By.CSS_SELECTOR, "#order-products li[data-sku='SK-1003']")
    assert row.find_element(By.CSS_SELECTOR, ".promotion-price").text == "¥49.68"
    screenshot(phone, "portal-order-draft-phone")

    # Steps 2 and 3: confirm and submit
    click_and_wait(phone, phone.find_element(By.ID, "to-confirm"))
    lines = phone.find_element(By.ID, "quote-lines").text
    assert "SK-1003" in lines and "36" in lines and "¥49.68" in lines
    click_and_wait(phone, phone.find_element(By.ID, "submit-order"))
    assert "/portal/orders/ord_" in phone.current_url
    assert "SK-1003" in phone.find_element(By.ID, "order-lines").text
    screenshot(phone, "portal-order-from-replenishment-phone")

    # The draft was used up, and the suggestion now counts the 36 on the way
    token = api_token(server, "S-GZ002")
    draft = requests.get(f"{server}/api/v1/order-draft", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert draft.status_code == 404
    plan = api(server, "S-GZ002", "/api/v1/replenishment")
    line = next(item for item in plan["lines"] if item["sku"] == "SK-1003")
    assert line["inTransit"] == 36 and line["suggestedQuantity"] == 0


def test_hq_opens_a_partner_on_warning_and_closes_its_follow_up(server, desktop):
    sign_in(desktop, server, "hq-ops")
    desktop.get(f"{server}/hq/grading")
    assert int(desktop.find_element(By.CSS_SELECTOR, "#grade-count-warning .value").text) >= 2
    screenshot(desktop, "hq-grading")
    click_and_wait(desktop, desktop.find_element(By.ID, "grade-count-warning"))
    rows = desktop.find_elements(By.CSS_SELECTOR, "#partner-list tbody tr")
    assert rows and all(row.find_element(By.CSS_SELECTOR, "[data-grade]").get_attribute("data-grade") == "warning" for row in rows)
    store = next(row for row in rows if "S-HZ002" in row.text)
    click_and_wait(desktop, store.find_element(By.CSS_SELECTOR, "a"))
    assert "近90天动销率" in desktop.find_element(By.ID, "grade-reasons").text
    screenshot(desktop, "hq-partner-on-warning")

    click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, "#partner-follow-ups a"))
    assert desktop.find_element(By.ID, "task-status").text == "跟进中"
    assignee = desktop.find_element(By.ID, "assignee")
    assignee.clear()
    assignee.send_keys("hq-ops")
    click_and_wait(desktop, desktop.find_element(By.ID, "assign-task"))
    desktop.find_element(By.ID, "body").send_keys("已与店长沟通:压缩婴儿纸尿裤订货量,先消化库存。")
    click_and_wait(desktop, desktop.find_element(By.ID, "add-comment"))
    # Closing needs a resolution: an empty one is refused beside the field
    click_and_wait(desktop, desktop.find_element(By.ID, "close-task"))
    assert desktop.find_element(By.ID, "resolution-error").is_displayed()
    desktop.find_element(By.ID, "resolution").send_keys("下月订货减半,库存回落后再评估")
    click_and_wait(desktop, desktop.find_element(By.ID, "close-task"))
    assert desktop.find_element(By.ID, "task-status").text == "已关闭"
    assert desktop.find_element(By.ID, "task-resolution").text == "下月订货减半,库存回落后再评估"
    assert "压缩婴儿纸尿裤" in desktop.find_element(By.ID, "task-comments").text
    screenshot(desktop, "hq-follow-up-closed")


def test_a_store_fills_in_the_sell_out_template_in_excel_and_uploads_it(server, phone):
    sign_in(phone, server, "S-NB001")
    phone.get(f"{server}/portal/stock/sell-out")
    cookies = {cookie["name"]: cookie["value"] for cookie in phone.get_cookies()}
    template = requests.get(f"{server}/portal/stock/sell-out-template.xlsx", cookies=cookies, timeout=30)
    template.raise_for_status()
    workbook = openpyxl.load_workbook(io.BytesIO(template.content))
    sheet = workbook.active
    assert [cell.value for cell in sheet[1]] == ["商品编码", "数量", "销售日期"]
    # the example's day of sale is a real date cell, not text
    assert isinstance(sheet["C2"].value, datetime.datetime) and sheet["C2"].number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "A2"

    # The store replaces the example with two of its products, one of them twice
    before = {item["sku"]: item["onHand"] for item in api(server, "S-NB001", "/api/v1/partner-stock")["items"]}
    sheet.delete_rows(2, sheet.max_row)
    sheet.append(["PC-3001", 2, None])
    sheet.append(["PC-3003", 1, None])
    sheet.append(["PC-3001", 1, None])
    path = pathlib.Path(tempfile.mkdtemp()) / "销售上报.xlsx"
    workbook.save(path)
    phone.find_element(By.ID, "file").send_keys(str(path))
    click_and_wait(phone, phone.find_element(By.ID, "upload-sell-out"))
    assert "文件已导入" in phone.find_element(By.CSS_SELECTOR, ".notice").text
    screenshot(phone, "portal-sell-out-imported-phone")
    after = {item["sku"]: item["onHand"] for item in api(server, "S-NB001", "/api/v1/partner-stock")["items"]}
    assert after["PC-3001"] == before["PC-3001"] - 3
    assert after["PC-3003"] == before["PC-3003"] - 1
