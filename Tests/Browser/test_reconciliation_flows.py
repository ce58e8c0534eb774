"""Monthly partner statements (对账单) in headless Chromium: a store owner finds last month's statement
from 我的 on a phone, reads it (opening balance, movements with their documents, closing balance and the
content's SHA-256, the same as the API's) and taps 确认; HQ finance then sees it confirmed on its board."""
import io
import os
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


# The PNG signature and a little more: the upload check recognises the file by its first bytes.
PICTURE = b"\x89PNG\r\n\x1a\n" + bytes(64)


def test_an_agent_disputes_a_line_and_hq_finance_answers_it_with_a_correction(server, phone, desktop):
    headers = {"Authorization": f"Bearer {api_token(server, 'hq-finance')}", "Accept-Language": "zh-CN"}
    response = requests.get(f"{server}/api/v1/partner-statements", params={"status": "issued", "pageSize": 200}, headers=headers, timeout=30)
    response.raise_for_status()
    candidates = [item for item in response.json()["items"] if item["partnerCode"].startswith("A-")]
    chosen = None
    for item in candidates:
        detail = requests.get(f"{server}/api/v1/partner-statements/{item['id']}", headers=headers, timeout=30).json()
        prepaid = next(account for account in detail["accounts"] if account["kind"] == "prepaid")
        if prepaid["movements"]:
            chosen, movement = detail, prepaid["movements"][0]
            break
    assert chosen, "the demo's agents have prepaid movements on their statements"

    # On the phone the agent ticks the movement, says what it should be, explains and attaches the bank slip.
    sign_in(phone, server, chosen["partnerCode"])
    phone.get(f"{server}/portal/reconciliation/{chosen['id']}")
    click_and_wait(phone, phone.find_element(By.ID, "dispute-statement"))
    line = phone.find_element(By.CSS_SELECTOR, f"li[data-line='e{movement['entryId']}']")
    line.find_element(By.CSS_SELECTOR, "input[type='checkbox']").click()
    claimed_fen = movement["amountFen"] + 1_000
    line.find_element(By.CSS_SELECTOR, "input[type='text']").send_keys(f"{claimed_fen / 100:.2f}")
    phone.find_element(By.ID, "comment").send_keys("银行回单多 10 元,请核对")
    with tempfile.NamedTemporaryFile(suffix=".png") as slip:
        slip.write(PICTURE)
        slip.flush()
        phone.find_element(By.ID, "attachment").send_keys(slip.name)
        assert_fits_the_phone(phone)
        screenshot(phone, "portal-dispute-phone")
        click_and_wait(phone, phone.find_element(By.ID, "submit-dispute"))
    assert "已提交异议" in phone.find_element(By.CSS_SELECTOR, "[role='status']").text
    assert phone.find_element(By.ID, "statement-status").text == "有异议"
    assert "待处理" in phone.find_element(By.ID, "dispute-lines").text

    # HQ finance sees it urgently, finds it on the board and accepts the line with the correction offered.
    sign_in(desktop, server, "hq-finance")
    assert desktop.find_elements(By.ID, "urgent-banner")
    desktop.get(f"{server}/notifications?priority=urgent&unread=1")
    assert f"{chosen['partnerCode']}" in desktop.page_source and "对账单有异议" in desktop.page_source
    desktop.get(f"{server}/hq/reconciliation?status=disputed")
    click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, f"#statement-board tr[data-statement='{chosen['number']}'] a"))
    assert desktop.find_element(By.ID, "dispute-attachment")
    form = desktop.find_element(By.CSS_SELECTOR, "form.answer-form[data-line='1']")
    assert form.find_element(By.ID, "adjustmentFen").get_attribute("value") == "10.00"
    form.find_element(By.ID, "reply").send_keys("已补记差额")
    screenshot(desktop, "hq-dispute-answer")
    click_and_wait(desktop, form.find_element(By.CSS_SELECTOR, "button[type='submit']"))
    assert "已重新出具" in desktop.find_element(By.CSS_SELECTOR, "[role='status']").text
    assert desktop.find_element(By.ID, "statement-previous")
    reissued_id = desktop.current_url.split("/hq/reconciliation/")[1].split("?")[0]
    reissued = requests.get(f"{server}/api/v1/partner-statements/{reissued_id}", headers=headers, timeout=30).json()
    assert reissued["version"] == 2 and reissued["status"] == "issued"
    prepaid = next(account for account in reissued["accounts"] if account["kind"] == "prepaid")
    old_prepaid = next(account for account in chosen["accounts"] if account["kind"] == "prepaid")
    assert prepaid["closingFen"] == old_prepaid["closingFen"] + 1_000
    assert prepaid["openingFen"] + sum(m["amountFen"] for m in prepaid["movements"]) == prepaid["closingFen"]
    assert prepaid["movements"][-1]["documentNumber"].startswith("DS-")

    # The agent is told urgently, reads the new version and confirms it; the old one says it was replaced.
    phone.get(f"{server}/portal/reconciliation")
    assert phone.find_elements(By.ID, "urgent-banner")
    phone.get(f"{server}/notifications?priority=urgent&unread=1")
    assert "对账单异议已处理" in phone.page_source
    phone.get(f"{server}/portal/reconciliation/{chosen['id']}")
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "#statement-replaced a"))
    assert "对账差异调整" in phone.find_element(By.ID, "account-prepaid").text
    click_and_wait(phone, phone.find_element(By.ID, "confirm-statement"))
    assert phone.find_element(By.ID, "statement-status").text == "已确认"

    # The agent keeps the account it pays from on its prepaid page, shown by its last four digits.
    phone.get(f"{server}/portal/prepaid")
    phone.find_element(By.ID, "payerName").send_keys("广州悦己代理有限公司")
    phone.find_element(By.ID, "payerAccount").send_keys("6222 0210 0000 4321")
    click_and_wait(phone, phone.find_element(By.ID, "add-payer"))
    payers = phone.find_element(By.ID, "payer-list").text
    assert "广州悦己代理有限公司" in payers and "**** 4321" in payers and "62220210" not in payers
    assert_fits_the_phone(phone)

    # qudao verify: the reissued statement balances, and its correction answers the accepted line.
    keyed = dict(os.environ, QUDAO_DATA_KEY_FILE=f"{server.folder}/data.key")
    result = subprocess.run([server.binary, "verify", "--database-url", f"sqlite://{server.folder}/qudao.sqlite"],
                            capture_output=True, text=True, timeout=120, env=keyed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every accepted dispute line has its correction posted for its amount" in result.stdout
