"""Bank statement import (银行流水) in headless Chromium: HQ finance uploads a workbook laid out like
招商银行's corporate export (written here by openpyxl, as a third party's file), the demo's pending
top-ups are matched (by reference, and S-HZ001's by its payer on file), every exact match is accepted
at once and the suggestion by hand, each top-up is credited once, and importing the file again adds
nothing."""
import io
import os
import subprocess
from datetime import datetime, timedelta

import openpyxl
import requests
from selenium.webdriver.common.by import By

from conftest import assert_fits_the_phone, click_and_wait, open_menu, screenshot
from test_foundation_flows import sign_in
from test_ordering_flows import api_token


def workbook(lines):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "交易明细"
    sheet.append(["招商银行交易明细"])
    sheet.append(["账号:6225880200018866", "币种:人民币"])
    sheet.append(["交易日", "交易时间", "借贷标志", "交易金额", "余额", "收(付)方名称", "收(付)方账号", "摘要", "用途"])
    for line in lines:
        sheet.append(line)
    sheet.append([])
    sheet.append(["合计", "", "", sum(row[3] for row in lines), "", "", "", "", ""])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_hq_finance_imports_a_bank_statement_and_credits_each_top_up_once(server, desktop, phone, tmp_path):
    headers = {"Authorization": f"Bearer {api_token(server, 'hq-finance')}", "Accept-Language": "zh-CN"}
    pending = requests.get(f"{server}/api/v1/top-ups", params={"status": "pending", "pageSize": 200}, headers=headers, timeout=30).json()["items"]
    assert len(pending) >= 3, "the demo keeps three top-ups waiting"
    # S-GZ002's ¥2,000.00 has not arrived: it stays pending, listed as a top-up without a line.
    waiting = next(topUp for topUp in pending if topUp["amountFen"] == 200_000)
    paid = [topUp for topUp in pending if topUp["id"] != waiting["id"]]
    lines = []
    for topUp in paid:
        day = (datetime.fromisoformat(topUp["requestedAt"].replace("Z", "+00:00")) + timedelta(hours=8, days=1)).strftime("%Y%m%d")
        if topUp["amountFen"] == 350_000:
            # S-HZ001 pays from the account it keeps on file, without a reference.
            lines.append([day, "09:20:00", "贷", 3500.00, "", "杭州西湖区悦己日用品店", "6228480012345678", "转账", "货款"])
        else:
            lines.append([day, "09:10:00", "贷", topUp["amountFen"] / 100, "", "付款单位", "6222021000001111", "转账", f"预存款 {topUp['bankReference']}"])
    lines.append([day, "10:00:00", "借", 880.00, "", "顺丰速运", "6217000010001234", "代发", "运费"])
    path = tmp_path / "招商银行流水.xlsx"
    path.write_bytes(workbook(lines))

    sign_in(desktop, server, "hq-finance")
    open_menu(desktop, "finance", "/hq/bank")
    assert "招商银行 基本户" in desktop.find_element(By.ID, "bank-accounts").text
    desktop.find_element(By.ID, "file").send_keys(str(path))
    click_and_wait(desktop, desktop.find_element(By.ID, "bank-import-submit"))
    first_result = desktop.current_url.split("?")[0]
    exact_count = int(desktop.find_element(By.CSS_SELECTOR, "#bucket-exact .count").text)
    assert exact_count == len(paid) - 1
    assert desktop.find_element(By.CSS_SELECTOR, "#bucket-suggested .count").text == "1"
    assert desktop.find_element(By.CSS_SELECTOR, "#bucket-debit .count").text == "1"
    screenshot(desktop, "hq-bank-import-result")
    click_and_wait(desktop, desktop.find_element(By.ID, "accept-all"))
    assert f"已确认入账 {exact_count} 笔充值" in desktop.find_element(By.ID, "accepted-notice").text
    click_and_wait(desktop, desktop.find_element(By.ID, "bucket-suggested"))
    row = desktop.find_element(By.CSS_SELECTOR, "#bank-lines tr[data-status='suggested']")
    assert "S-HZ001" in row.text and "尾号 5678" in row.text
    click_and_wait(desktop, row.find_element(By.CSS_SELECTOR, "button.accept-line"))
    click_and_wait(desktop, desktop.find_element(By.ID, "bucket-matched"))
    assert desktop.find_element(By.CSS_SELECTOR, "#bucket-matched .count").text == str(len(paid))
    click_and_wait(desktop, desktop.find_element(By.ID, "bucket-pending"))
    assert waiting["number"] in desktop.find_element(By.ID, "pending-top-ups").text

    # Every paid top-up is confirmed once, the other still waits; the same file again adds nothing.
    after = requests.get(f"{server}/api/v1/top-ups", params={"status": "pending", "pageSize": 200}, headers=headers, timeout=30).json()["items"]
    assert [item["id"] for item in after if item["id"] in {topUp["id"] for topUp in pending}] == [waiting["id"]]
    open_menu(desktop, "finance", "/hq/bank")
    desktop.find_element(By.ID, "file").send_keys(str(path))
    click_and_wait(desktop, desktop.find_element(By.ID, "bank-import-submit"))
    summary = desktop.find_element(By.ID, "import-summary").text
    assert f"新增 0 笔,重复跳过 {len(lines)} 笔" in summary
    assert desktop.find_element(By.CSS_SELECTOR, "#bucket-exact .count").text == "0"
    click_and_wait(desktop, desktop.find_element(By.ID, "bucket-duplicates"))
    assert "以下文件行已在以前导入" in desktop.find_element(By.ID, "duplicate-rows").text
    for topUp in paid:
        confirmed = requests.get(f"{server}/api/v1/top-ups/{topUp['id']}", headers=headers, timeout=30).json()
        assert confirmed["status"] == "confirmed"

    # The result and the bank page also read on a phone.
    sign_in(phone, server, "hq-finance")
    phone.get(first_result + "?bucket=matched")
    assert phone.find_elements(By.CSS_SELECTOR, "#bank-lines tr[data-status='matched']")
    assert_fits_the_phone(phone)
    phone.get(f"{server}/hq/bank")
    assert_fits_the_phone(phone)

    # qudao verify finds every matched line crediting one confirmed top-up.
    keyed = dict(os.environ, QUDAO_DATA_KEY_FILE=f"{server.folder}/data.key")
    result = subprocess.run([server.binary, "verify", "--database-url", f"sqlite://{server.folder}/qudao.sqlite"],
                            capture_output=True, text=True, timeout=120, env=keyed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "every matched bank line credits a confirmed top-up of its amount" in result.stdout
