"""Commission and settlement in headless Chromium: a partner opens a commission record's explanation,
and HQ finance previews and runs a month's settlement. Files are opened with openpyxl, a real reader.
Time passes through the server's test clock (`--test-clock`), never by waiting."""
import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from conftest import click_and_wait, fill_form, screenshot
from test_foundation_flows import sign_in
from test_ordering_flows import api_token

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def test_a_partner_opens_the_explanation_of_a_clawback_on_a_phone(server, phone):
    # The demo's history: A-FS01 earned ¥238.56 (5 % of ¥4,771.20) on its store's order; after the
    # month was settled, 6 × SK-1001 came back and ¥47.76 was clawed back (base ¥3,816.00 → ¥190.80).
    sign_in(phone, server, "A-FS01")
    phone.get(f"{server}/portal")
    phone.find_element(By.CSS_SELECTOR, "#commission-details > summary").click()
    assert phone.find_element(By.ID, "commission-settled-total").text == "¥390.24"
    click_and_wait(phone, phone.find_element(By.ID, "tab-commission"))
    rows = phone.find_elements(By.CSS_SELECTOR, "#commission-list tr[data-record]")
    clawback = next(row for row in rows if "-¥47.76" in row.text)
    assert "已结算" in clawback.text
    screenshot(phone, "portal-commissions-phone")
    click_and_wait(phone, clawback.find_element(By.CSS_SELECTOR, "a.explain"))
    assert phone.find_element(By.ID, "record-amount").text == "-¥47.76"
    # One plain sentence first; the arithmetic unfolds below it
    assert phone.find_element(By.ID, "plain-sentence").text == "退货后按保留数量重算:¥3,816.00 × 5% = ¥190.80;调整 ¥190.80 − ¥238.56 = -¥47.76"
    assert "第一顺位" in phone.find_element(By.ID, "record-facts").text
    phone.find_element(By.CSS_SELECTOR, "#arithmetic > summary").click()
    assert phone.find_element(By.ID, "rule-version").text == "v1"
    assert phone.find_element(By.ID, "explanation-total").text == "190800000"
    assert phone.find_element(By.ID, "explanation-amount").text == "19080"
    assert "¥190.80 − ¥238.56 = -¥47.76" in phone.find_element(By.ID, "adjustment-amount").text
    lines = phone.find_elements(By.CSS_SELECTOR, "#explanation-lines tbody tr")
    assert "18 × ¥159.20" in lines[0].text and "286560 × 500 = 143280000" in lines[0].text
    screenshot(phone, "portal-commission-explanation-phone")


def headers(token):
    # Files come in the caller's language; the API's default is English.
    return {"Authorization": f"Bearer {token}", "Accept-Language": "zh-CN"}


def hq_get(server, token, path):
    response = requests.get(f"{server}{path}", headers=headers(token), timeout=30)
    response.raise_for_status()
    return response


def set_clock(server, instant):
    headers = {"Authorization": f"Bearer {api_token(server, 'hq-admin')}"}
    response = requests.post(f"{server}/api/v1/test-clock", headers=headers, json={"now": instant.isoformat()}, timeout=60)
    response.raise_for_status()


def test_hq_finance_previews_and_runs_a_settlement_then_exports_the_bank_payouts(server, desktop):
    token = api_token(server, "hq-finance")
    # The month to settle: the latest one holding settleable commission not yet settled.
    settleable = hq_get(server, token, "/api/v1/commissions?state=settleable&pageSize=200").json()["items"]
    assert settleable, "the demo leaves settleable commission waiting for the next run"
    latest = max(datetime.datetime.fromisoformat(item["settleableAt"].replace("Z", "+00:00")) for item in settleable)
    local = latest.astimezone(SHANGHAI)
    month = f"{local.year:04d}-{local.month:02d}"
    month_end = datetime.datetime(local.year + local.month // 12, local.month % 12 + 1, 1, tzinfo=SHANGHAI)
    now = datetime.datetime.fromisoformat(hq_get(server, api_token(server, "hq-admin"), "/api/v1/test-clock").json()["now"])
    if now < month_end + datetime.timedelta(hours=1):
        # An hour after the month ends: finance runs it before the automatic run on the 15th.
        set_clock(server, month_end + datetime.timedelta(hours=1))

    sign_in(desktop, server, "hq-finance")
    desktop.get(f"{server}/hq/settlements?month={month}")
    preview_rows = desktop.find_elements(By.CSS_SELECTOR, "#preview-lines tbody tr")
    assert preview_rows, "the preview lists the partners to settle"
    total = desktop.find_element(By.ID, "preview-total").text
    expected = hq_get(server, token, f"/api/v1/settlements/{month}/preview").json()
    assert expected["alreadySettled"] is False
    settling = [line for line in expected["lines"] if line["settles"]]
    screenshot(desktop, "hq-settlement-preview")

    page = desktop.find_element(By.TAG_NAME, "html")
    desktop.find_element(By.ID, "run-settlement").click()
    WebDriverWait(desktop, 10).until(expected_conditions.alert_is_present())
    assert desktop.switch_to.alert.text == f"确定立即结算 {month}?"
    desktop.switch_to.alert.accept()
    WebDriverWait(desktop, 60).until(expected_conditions.staleness_of(page))
    assert f"{month} 结算完成:生成结算单 {len(settling)} 张" in desktop.find_element(By.ID, "run-result").text
    assert desktop.find_element(By.ID, "run-state").text.startswith("该月已结算")
    statements = desktop.find_elements(By.CSS_SELECTOR, "#statement-list tbody tr")
    assert len(statements) == len(settling)
    screenshot(desktop, "hq-settlement-done")
    made = hq_get(server, token, f"/api/v1/statements?month={month}&pageSize=200").json()["items"]
    assert sum(item["netFen"] for item in made) == expected["totalFen"]
    assert f"¥{Decimal(expected['totalFen']) / 100:,.2f}" == total

    # Running it again is reported, not repeated.
    desktop.get(f"{server}/hq/settlements?month={month}")
    assert desktop.find_elements(By.ID, "run-settlement") == []
    again = requests.post(f"{server}/api/v1/settlements/{month}/run", headers=headers(token), timeout=30)
    assert again.status_code == 409

    # The bank payout file, opened by openpyxl: one row per statement awaiting payout, exact amounts.
    pending = hq_get(server, token, "/api/v1/statements?status=pending_payout&pageSize=200").json()["items"]
    assert pending, "D-GD01 is paid by bank"
    desktop.get(f"{server}/hq/payouts")
    screenshot(desktop, "hq-payouts")
    exported = requests.post(f"{server}/api/v1/payouts/export?format=xlsx", headers=headers(token), timeout=30)
    assert exported.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(exported.content))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "结算单号" and rows[0][6] == "银行账号"
    body = rows[1:-1]
    assert sorted(row[0] for row in body) == sorted(item["number"] for item in pending)
    by_number = {item["number"]: item for item in pending}
    for row in body:
        assert row[6] == "6222021001234567890"
        assert row[8] == by_number[row[0]]["netFen"]
        assert f"{row[7]:.2f}" == f"{Decimal(row[8]) / 100:.2f}"
    assert rows[-1][8] == sum(item["netFen"] for item in pending)
    exported_csv = requests.post(f"{server}/api/v1/payouts/export?format=csv", headers=headers(token), timeout=30)
    parsed = list(csv.reader(io.StringIO(exported_csv.content.decode("utf-8-sig"))))
    assert [row[0] for row in parsed[1:-1]] == [row[0] for row in body]

    # Finance marks the first payout paid on its statement page.
    first = pending[0]
    desktop.get(f"{server}/hq/statements/{first['id']}")
    click_and_wait(desktop, desktop.find_element(By.ID, "mark-paid"))
    assert desktop.find_element(By.CSS_SELECTOR, "#statement-summary [data-status]").get_attribute("data-status") == "paid"
    assert desktop.find_elements(By.ID, "mark-paid") == []


def test_a_partner_downloads_its_statement_as_excel(server):
    token = api_token(server, "A-FS01")
    statements = hq_get(server, token, "/api/v1/statements").json()["items"]
    clawback_month = next(item for item in statements if item["netFen"] == 14256 - 4776)
    response = hq_get(server, token, f"/api/v1/statements/{clawback_month['id']}/download?format=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [sheet.title for sheet in workbook.worksheets] == ["结算单", "明细"]
    # Each sheet names the statement, the partner and the month above its frozen header row.
    def below_header(sheet, first_heading):
        rows = list(sheet.iter_rows(values_only=True))
        header = next(index for index, row in enumerate(rows) if row[0] == first_heading)
        assert sheet.freeze_panes == f"A{header + 2}"
        return rows[:header], rows[header + 1:]
    notes, summary_rows = below_header(workbook["结算单"], "项目")
    assert notes[0][0] == f"佣金结算单 {clawback_month['number']} · 结算单" and any("A-FS01" in (row[0] or "") for row in notes)
    summary = {row[0]: row[1] for row in summary_rows}
    assert summary["结算单号"] == clawback_month["number"]
    assert f"{summary['实发金额(元)']:.2f}" == "94.80"
    _, records = below_header(workbook["明细"], "序号")
    assert sorted(row[6] for row in records[:-1]) == [-4776, 14256]
    # the chain position in words, never an internal record id
    assert all(row[3] == "第一顺位" for row in records[:-1]) and [row[0] for row in records[:-1]] == [1, 2]
    assert records[-1][6] == 9480


def test_a_store_owner_sets_a_payment_password_and_needs_it_to_change_the_payout_method(server, phone):
    sign_in(phone, server, "S-SZ001")
    phone.get(f"{server}/portal/security")
    assert phone.find_element(By.ID, "payment-password-state").text.startswith("已设置")
    # A too simple one is refused beside its field; nothing is saved.
    fill_form(phone, currentPassword="qudao-demo", newPaymentPassword="123456", paymentPasswordConfirmation="123456")
    click_and_wait(phone, phone.find_element(By.ID, "save-payment-password"))
    assert "过于简单" in phone.find_element(By.ID, "newPaymentPassword-error").text
    fill_form(phone, currentPassword="qudao-demo", newPaymentPassword="908172", paymentPasswordConfirmation="908172")
    click_and_wait(phone, phone.find_element(By.ID, "save-payment-password"))
    assert "支付密码已保存" in phone.page_source
    screenshot(phone, "portal-security-phone")

    # The payout form asks for it: the old one is wrong now, the new one saves.
    phone.get(f"{server}/portal/payout")
    fill_form(phone, payoutMethod="bank", bankAccountName="深圳南山旗舰店", bankName="招商银行深圳分行",
              bankAccountNumber="6225880012345678", paymentPassword="135790")
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "#payout-form button[type='submit']"))
    assert phone.find_element(By.ID, "paymentPassword-error").is_displayed()
    assert "6225********5678" not in phone.find_element(By.ID, "payout-current").text
    fill_form(phone, payoutMethod="bank", bankAccountName="深圳南山旗舰店", bankName="招商银行深圳分行",
              bankAccountNumber="6225880012345678", paymentPassword="908172")
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "#payout-form button[type='submit']"))
    assert "6225********5678" in phone.find_element(By.ID, "payout-current").text

    # PIPL Art. 45: the owner downloads a copy of its contact's data, opened by a real reader.
    phone.get(f"{server}/portal/security")
    link = phone.find_element(By.ID, "own-personal-data").get_attribute("href")
    cookies = {c["name"]: c["value"] for c in phone.get_cookies()}
    response = requests.get(link, cookies=cookies, timeout=30)
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [sheet.title for sheet in workbook.worksheets] == ["渠道联系人", "登录账号", "订单收货信息", "收货地址"]
    contacts = list(workbook["渠道联系人"].iter_rows(values_only=True))
    header = next(index for index, row in enumerate(contacts) if row[0] == "渠道编码")
    rows = contacts[header + 1:]
    assert [row[0] for row in rows] == ["S-SZ001"]
    assert rows[0][10] == "6225880012345678"
    assert any("个人信息保护法" in (row[0] or "") for row in contacts[:header])
