"""Monthly partner statements (对账单) in headless Chromium: a store owner finds last month's statement
from 我的 on a phone, reads it (opening balance, movements with their documents, closing balance and the
content's SHA-256, the same as the API's) and taps 确认; HQ finance then sees it confirmed on its board."""
import io
import subprocess
import tempfile

import openpyxl
import requests
from selenium.webdriver.common.by import By

from conftest import assert_fits_the_phone, click_and_wait, screenshot
from test_foundation_flows import sign_in
from test_ordering_flows import api_token


def test_a_store_confirms_its_monthly_statement_on_a_phone(server, phone, desktop):
    headers = {"Authorization": f"Bearer {api_token(server, 'hq-finance')}", "Accept-Language": "zh-CN"}
    response = requests.get(f"{server}/api/v1/partner-statements", params={"status": "issued", "pageSize": 200}, headers=headers, timeout=30)
    response.raise_for_status()
    statements = [item for item in response.json()["items"] if item["partnerCode"].startswith("S-") and item["partnerCode"] != "S-GZ001"]
    assert statements, "the demo issues statements for its settled months"
    latest = max(item["month"] for item in statements)
    chosen = next(item for item in statements if item["month"] == latest)

    sign_in(phone, server, chosen["partnerCode"])
    phone.get(f"{server}/portal/me")
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "#me-menu a[href='/portal/reconciliation']"))
    row = next(row for row in phone.find_elements(By.CSS_SELECTOR, "#statement-list tr[data-statement]")
               if row.get_attribute("data-statement") == chosen["number"])
    assert "待确认" in row.text
    click_and_wait(phone, row.find_element(By.CSS_SELECTOR, "a"))
    assert phone.find_element(By.ID, "statement-hash").text == chosen["contentHash"]
    prepaid = phone.find_element(By.ID, "account-prepaid")
    assert "期初余额" in prepaid.text and "期末余额" in prepaid.text
    assert_fits_the_phone(phone)
    screenshot(phone, "portal-statement-phone")
    click_and_wait(phone, phone.find_element(By.ID, "confirm-statement"))
    assert "已确认对账单" in phone.find_element(By.CSS_SELECTOR, "[role='status']").text
    assert phone.find_element(By.ID, "statement-status").text == "已确认"
    assert not phone.find_elements(By.ID, "confirm-statement")

    sign_in(desktop, server, "hq-finance")
    desktop.find_element(By.CSS_SELECTOR, "#nav-finance > summary").click()
    click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, "#nav-finance a[href='/hq/reconciliation']"))
    desktop.get(f"{server}/hq/reconciliation?month={latest}&status=confirmed")
    assert chosen["number"] in desktop.find_element(By.ID, "statement-board").text
    screenshot(desktop, "hq-reconciliation-board")

    # The files print the same hash: the workbook opened by openpyxl, the PDF read by pdftotext.
    detail = requests.get(f"{server}/api/v1/partner-statements/{chosen['id']}", headers=headers, timeout=30).json()
    workbook_response = requests.get(f"{server}/api/v1/partner-statements/{chosen['id']}/download?format=xlsx", headers=headers, timeout=30)
    assert workbook_response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_response.content))
    cells = [str(cell) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert any(chosen["contentHash"] in cell for cell in cells)
    prepaid = next(account for account in detail["accounts"] if account["kind"] == "prepaid")
    sheet = workbook["预存款"]
    values = [row for row in sheet.iter_rows(values_only=True)]
    closing_row = next(row for row in values if "期末余额" in [str(cell) for cell in row])
    assert round(closing_row[-1] * 100) == prepaid["closingFen"]
    pdf_response = requests.get(f"{server}/api/v1/partner-statements/{chosen['id']}/download?format=pdf", headers=headers, timeout=30)
    assert pdf_response.status_code == 200
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(pdf_response.content)
        pdf.flush()
        text = subprocess.run(["pdftotext", "-layout", pdf.name, "-"], check=True, capture_output=True, text=True).stdout
    assert chosen["contentHash"] in text.replace(" ", "").replace("\n", "") and chosen["number"] in text
