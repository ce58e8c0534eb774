"""The second HQ approver (双人复核) in headless Chromium: HQ finance points a partner's commission at
a bank account and is told it waits; finance cannot approve its own request; HQ's admin opens the
queue, sees the new account beside the one in force (masked) and approves it, and the partner's
payout page then shows the new account."""
import requests
from selenium.webdriver.common.by import By

from conftest import click_and_wait, fill_form, screenshot
from test_foundation_flows import sign_in
from test_ordering_flows import api_token


def partner_id(server, code):
    headers = {"Authorization": f"Bearer {api_token(server, 'hq-admin')}"}
    response = requests.get(f"{server}/api/v1/partners", params={"search": code}, headers=headers, timeout=30)
    response.raise_for_status()
    return next(item["id"] for item in response.json()["items"] if item["code"] == code)


def test_finance_asks_for_a_bank_account_change_and_the_admin_approves_it(server, desktop):
    partner = partner_id(server, "D-ZJ01")
    sign_in(desktop, server, "hq-finance")
    desktop.get(f"{server}/hq/partners/{partner}")
    click_and_wait(desktop, desktop.find_element(By.ID, "payout-settings"))
    fill_form(desktop, payoutMethod="bank", bankAccountName="浙江杭州总代理", bankName="中国农业银行杭州分行",
              bankAccountNumber="6228480000012345")
    click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, "#payout-form button[type='submit']"))
    # Nothing changed yet: the notice says it waits, and the account in force is still the old one.
    assert "已提交复核" in desktop.find_element(By.ID, "approval-notice").text
    assert "6228********2345" not in desktop.find_element(By.ID, "payout-current").text
    click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, "#approval-notice a"))
    cards = desktop.find_elements(By.CSS_SELECTOR, "#approval-list section[data-status='pending']")
    own = next(card for card in cards if "D-ZJ01" in card.text)
    # The requester may withdraw, never approve.
    assert own.find_elements(By.CSS_SELECTOR, "[data-action='withdraw']")
    assert not own.find_elements(By.CSS_SELECTOR, "[data-action='approve']")
    assert "6228********2345" in own.text and "6228480000012345" not in desktop.page_source
    number = own.get_attribute("data-approval")

    desktop.delete_all_cookies()
    sign_in(desktop, server, "hq-admin")
    desktop.find_element(By.CSS_SELECTOR, "#nav-finance > summary").click()
    click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, "#nav-finance a[href='/hq/approvals']"))
    card = desktop.find_element(By.ID, number)
    assert "修改收款账户" in card.text and "总部财务" in card.text
    # The payout in force, shown beside the new one.
    assert card.find_element(By.CSS_SELECTOR, ".payout-now").text == "转入预存款" and "<dt>" not in card.text
    screenshot(desktop, "hq-approvals")
    click_and_wait(desktop, card.find_element(By.CSS_SELECTOR, "[data-action='approve']"))
    assert "已批准" in desktop.find_element(By.CSS_SELECTOR, "[role='status']").text
    desktop.get(f"{server}/hq/partners/{partner}/payout")
    assert "6228********2345" in desktop.find_element(By.ID, "payout-current").text
    desktop.get(f"{server}/hq/approvals?status=approved")
    assert "总部管理员" in desktop.find_element(By.ID, number).text

    # The server is shared by every browser test: D-ZJ01 goes back to being paid to its prepaid
    # balance (a switch HQ makes without approval, since it pays the partner itself), as the demo
    # had it, so the settlement flow's bank payout file stays D-GD01's alone.
    headers = {"Authorization": f"Bearer {api_token(server, 'hq-finance')}"}
    restored = requests.put(f"{server}/api/v1/payout-settings", json={"partnerId": partner, "method": "prepaid"}, headers=headers, timeout=30)
    assert restored.status_code == 200 and restored.json()["method"] == "prepaid"
