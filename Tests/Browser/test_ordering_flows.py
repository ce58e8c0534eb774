"""Ordering in three steps on a phone, HQ fulfilment, and the voucher timeline, in headless Chromium.
Time passes through the server's test clock (`--test-clock`), never by waiting."""
import datetime

import requests
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import ARTIFACTS, assert_fits_the_phone, click_and_wait, is_in_view, screenshot
from test_foundation_flows import sign_in


def api_token(server, username):
    response = requests.post(f"{server}/api/v1/auth/token", json={"username": username, "password": "qudao-demo"}, timeout=10)
    response.raise_for_status()
    return response.json()["token"]


def advance_clock(server, days):
    headers = {"Authorization": f"Bearer {api_token(server, 'hq-admin')}"}
    now = requests.get(f"{server}/api/v1/test-clock", headers=headers, timeout=10).json()["now"]
    target = datetime.datetime.fromisoformat(now) + datetime.timedelta(days=days)
    response = requests.post(f"{server}/api/v1/test-clock", headers=headers, json={"now": target.isoformat()}, timeout=30)
    response.raise_for_status()


def test_a_store_orders_in_three_steps_on_a_phone_and_follows_the_vouchers(server, phone, desktop):
    # step 1: choose products (level-3 prices, pack sizes)
    # from the home's quick action, like a store owner on a phone
    sign_in(phone, server, "S-GZ001")
    click_and_wait(phone, phone.find_element(By.ID, "action-order"))
    assert phone.current_url.endswith("/portal/order")
    # the category tab and the search narrow the catalogue in place
    phone.find_element(By.XPATH, "//nav[@id='category-tabs']/a[text()='护肤']").click()
    shown = [item for item in phone.find_elements(By.CSS_SELECTOR, ".catalogue-item") if item.is_displayed()]
    assert shown and all(item.get_attribute("data-sku").startswith("SK-") for item in shown)
    search = phone.find_element(By.ID, "q")
    search.send_keys("爽肤水")
    shown = [item for item in phone.find_elements(By.CSS_SELECTOR, ".catalogue-item") if item.is_displayed()]
    assert [item.get_attribute("data-sku") for item in shown] == ["SK-1006"]
    row = shown[0]
    assert "¥71.20" in row.text  # 80 % of ¥89.00
    # two taps on + add two packs of 12; the bar at the bottom keeps count and total, always in reach
    plus = row.find_element(By.CSS_SELECTOR, "button.step-up")
    plus.click()
    plus.click()
    assert row.find_element(By.CSS_SELECTOR, "input.quantity").get_attribute("value") == "24"
    assert phone.find_element(By.ID, "order-total").text == "¥1,708.80"
    assert "24" in phone.find_element(By.ID, "order-count").text
    assert is_in_view(phone, phone.find_element(By.ID, "to-confirm"))
    row.find_element(By.CSS_SELECTOR, "button.step-down").click()
    assert phone.find_element(By.ID, "order-total").text == "¥854.40"
    plus.click()
    assert_fits_the_phone(phone)
    # the phone's own screen, as the store sees it: the bar sits above the tab bar
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    phone.save_screenshot(str(ARTIFACTS / "portal-order-step1-phone.png"))
    click_and_wait(phone, phone.find_element(By.ID, "to-confirm"))
    # step 2: confirm quantities, discount, net and balance after
    assert phone.find_element(By.ID, "quote-gross").text == "¥1,708.80"
    assert phone.find_element(By.ID, "quote-net").text == "¥1,708.80"
    balance_after = phone.find_element(By.ID, "quote-balance-after").text
    Select(phone.find_element(By.ID, "addressId")).select_by_visible_text(
        [o.text for o in Select(phone.find_element(By.ID, "addressId")).options if "门店仓库" in o.text][0])
    screenshot(phone, "portal-order-step2-phone")
    # step 3: submit and pay from prepaid
    click_and_wait(phone, phone.find_element(By.ID, "submit-order"))
    alerts = [a.text for a in phone.find_elements(By.CSS_SELECTOR, ".alert")]
    assert "订单已提交并完成支付" in phone.page_source, alerts
    number = phone.find_element(By.ID, "order-number").text
    order_url = phone.current_url.split("?")[0]
    events = [item.get_attribute("data-event") for item in phone.find_elements(By.CSS_SELECTOR, "#voucher-timeline li")]
    assert events == ["create", "pay"]
    assert "天河路 208 号" in phone.find_element(By.ID, "order-summary").text
    screenshot(phone, "portal-order-paid-phone")
    phone.get(f"{server}/portal/prepaid")
    assert phone.find_element(By.ID, "prepaid-balance").text == balance_after

    # HQ ships and marks the order delivered
    sign_in(desktop, server, "hq-ops")
    desktop.get(f"{server}/hq/orders?number={number}")
    click_and_wait(desktop, desktop.find_element(By.LINK_TEXT, number))
    desktop.find_element(By.CSS_SELECTOR, "#ship-form #carrier").send_keys("顺丰速运")
    desktop.find_element(By.CSS_SELECTOR, "#ship-form #trackingNumber").send_keys("SF7788990011")
    click_and_wait(desktop, desktop.find_element(By.ID, "ship-order"))
    click_and_wait(desktop, desktop.find_element(By.ID, "deliver-order"))
    assert desktop.find_element(By.CSS_SELECTOR, "#order-status [data-status]").get_attribute("data-status") == "delivered"
    screenshot(desktop, "hq-order-delivered")

    # eleven days later the order has been received by itself; the store sees the whole chain
    advance_clock(server, 11)
    # Sessions idle out after 8 hours of platform time, so the store signs in again.
    sign_in(phone, server, "S-GZ001")
    phone.get(order_url)
    assert phone.find_element(By.CSS_SELECTOR, "#order-status [data-status]").get_attribute("data-status") == "received"
    events = [item.get_attribute("data-event") for item in phone.find_elements(By.CSS_SELECTOR, "#voucher-timeline li")]
    assert events == ["create", "pay", "ship", "deliver", "receive"]
    timeline = phone.find_element(By.ID, "voucher-timeline").text
    assert "SF7788990011" in timeline and "系统自动" in timeline
    screenshot(phone, "portal-order-timeline-phone")

    # the store asks to return 6 of the 24; HQ approves, receives them back, and finance refunds
    phone.find_element(By.ID, "return-1").clear()
    phone.find_element(By.ID, "return-1").send_keys("6")
    phone.find_element(By.CSS_SELECTOR, "#return-form #reason").send_keys("瓶身破损")
    click_and_wait(phone, phone.find_element(By.ID, "request-return"))
    assert "退货申请已提交" in phone.page_source
    sign_in(desktop, server, "hq-admin")
    desktop.get(f"{server}/hq/orders?number={number}")
    click_and_wait(desktop, desktop.find_element(By.LINK_TEXT, number))
    for action in ["approve", "receive", "refund"]:
        click_and_wait(desktop, desktop.find_element(By.CSS_SELECTOR, f'#order-returns button[data-action="{action}"]'))
    assert desktop.find_element(By.ID, "order-refunded").text == "¥427.20"
    screenshot(desktop, "hq-order-return-refunded")


def test_a_consumer_orders_through_a_referral_link(server, phone):
    sign_in(phone, server, "S-HZ001")
    phone.get(f"{server}/portal/me")
    code = phone.find_element(By.ID, "referral-code").text
    phone.delete_all_cookies()
    phone.get(f"{server}/r/{code}")
    # a small shop under the brand and the store, with search and a running total
    assert "湖滨银泰美妆专柜" in phone.find_element(By.ID, "shop-head").text
    phone.find_element(By.ID, "q").send_keys("维生素")
    item = phone.find_element(By.CSS_SELECTOR, 'li[data-sku="HF-5001"]')
    assert item.is_displayed() and not phone.find_element(By.CSS_SELECTOR, 'li[data-sku="SK-1001"]').is_displayed()
    item.find_element(By.CSS_SELECTOR, "button.step-up").click()
    assert phone.find_element(By.ID, "order-total").text == "¥1,176.00"
    assert_fits_the_phone(phone)
    for field, value in {"name": "周先生", "phone": "13600001234", "city": "杭州市", "district": "西湖区", "detail": "文三路 90 号"}.items():
        phone.find_element(By.ID, field).send_keys(value)
    Select(phone.find_element(By.ID, "province")).select_by_value("浙江省")
    click_and_wait(phone, phone.find_element(By.ID, "place-consumer-order"))
    assert "/r/orders/" in phone.current_url, [a.text for a in phone.find_elements(By.CSS_SELECTOR, ".alert, .error")]
    assert "¥1,176.00" in phone.page_source  # 12 × list price ¥98.00
    screenshot(phone, "consumer-referral-order-phone")
