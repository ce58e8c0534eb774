"""The foundation's flows as people use them, in headless Chromium against a real server."""
import os
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import click_and_wait, fill_form, open_menu, screenshot, wait_until_loaded


def sign_in(browser, base, username, password="qudao-demo"):
    browser.get(f"{base}/login")
    browser.find_element(By.ID, "username").send_keys(username)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.ID, "sign-in").click()
    # The form posts and redirects; wait until the signed-in page has loaded.
    WebDriverWait(browser, 15).until(lambda driver: "/login" not in driver.current_url)
    wait_until_loaded(browser)


def fill_partner_form(browser, **fields):
    fill_form(browser, **fields)
    click_and_wait(browser, browser.find_element(By.ID, "save-partner"))


def test_hq_admin_creates_a_partner_and_sees_it_in_the_tree(server, desktop):
    # given HQ's admin, signed in (Chinese by default)
    sign_in(desktop, server, "hq-admin")
    assert "总部概览" in desktop.page_source
    # when they create an agent under the Guangdong distributor
    open_menu(desktop, "channel", "/hq/partners")
    click_and_wait(desktop, desktop.find_element(By.ID, "new-partner"))
    fill_partner_form(desktop, name="厦门思明鹭岛代理", type="agent", code="A-XM01", parentId="D-GD01", province="福建省",
                      city="厦门市", contactName="林晓", contactPhone="13959201234",
                      businessLicenceNumber="91350203MA8UXXXX3P")
    # then its profile shows the new partner at level 2 with the phone masked
    assert desktop.find_element(By.ID, "partner-code").text == "A-XM01"
    assert "二级" in desktop.find_element(By.ID, "partner-level").text
    assert "139****1234" in desktop.find_element(By.ID, "contact-phone").text
    screenshot(desktop, "hq-partner-created")
    # and the tree lists it under D-GD01
    desktop.get(f"{server}/hq/partners/tree")
    node = desktop.find_element(By.CSS_SELECTOR, 'li[data-code="D-GD01"] li[data-code="A-XM01"]')
    assert "厦门思明鹭岛代理" in node.text
    screenshot(desktop, "hq-partner-tree")


def test_the_depth_guard_refuses_a_fourth_level_in_the_form(server, desktop):
    sign_in(desktop, server, "hq-admin")
    desktop.get(f"{server}/hq/partners/new")
    fill_partner_form(desktop, name="第四级门店", type="store", parentId="S-GZ001", province="广东省", city="广州市",
                      contactName="王五", contactPhone="13800001111")
    error = desktop.find_element(By.ID, "parentId-error")
    assert "层级超限" in error.text and "3" in error.text
    screenshot(desktop, "hq-depth-guard")
    desktop.get(f"{server}/hq/partners?q=%E7%AC%AC%E5%9B%9B%E7%BA%A7")
    assert "没有符合条件的渠道商" in desktop.page_source


def test_moving_a_distributor_under_its_own_store_is_refused(server, desktop):
    sign_in(desktop, server, "hq-admin")
    desktop.get(f"{server}/hq/partners?q=D-SC01")
    click_and_wait(desktop, desktop.find_element(By.LINK_TEXT, "D-SC01"))
    desktop.find_element(By.CSS_SELECTOR, "#move-form #parentId").send_keys("S-CD001")
    click_and_wait(desktop, desktop.find_element(By.ID, "move-partner"))
    assert "循环" in desktop.find_element(By.ID, "parentId-error").text
    assert "一级" in desktop.find_element(By.ID, "partner-level").text


def test_a_partner_owner_uses_the_portal_on_a_phone(server, phone):
    sign_in(phone, server, "A-GZ01")
    # the own profile is on 我的, reached from the tab bar
    click_and_wait(phone, phone.find_element(By.ID, "tab-me"))
    assert phone.find_element(By.ID, "partner-code").text == "A-GZ01"
    screenshot(phone, "portal-me-phone")
    phone.get(f"{server}/portal/team")
    team = phone.find_element(By.ID, "team-tree").text
    assert "S-GZ001" in team and "S-SZ001" not in team
    screenshot(phone, "portal-team-phone")
    # the owner creates a sub-account that may only order
    phone.get(f"{server}/portal/accounts/new?kind=partner")
    phone.find_element(By.ID, "username").send_keys("a-gz01-clerk")
    phone.find_element(By.ID, "displayName").send_keys("下单员")
    phone.find_element(By.ID, "password").send_keys("clerk-password")
    phone.find_element(By.CSS_SELECTOR, 'input[name="permissions"][value="ordering"]').click()
    click_and_wait(phone, phone.find_element(By.ID, "save-account"))
    assert phone.find_element(By.ID, "account-username").text == "a-gz01-clerk"


def test_the_interface_switches_to_english(server, desktop):
    sign_in(desktop, server, "hq-viewer")
    click_and_wait(desktop, desktop.find_element(By.ID, "language-switch"))
    assert desktop.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    desktop.get(f"{server}/hq/partners")
    assert "Partners" in desktop.page_source and "Distributor" in desktop.page_source
    screenshot(desktop, "hq-partners-english")


def test_verify_finds_the_served_database_consistent(server):
    """`qudao verify` checks the database the server wrote (audit chain, tree paths, owners). The chains
    are keyed with the data key, so verify is given the server's key; without it, it refuses to vouch."""
    command = [server.binary, "verify", "--database-url", f"sqlite://{server.folder}/qudao.sqlite"]
    keyed = dict(os.environ, QUDAO_DATA_KEY_FILE=f"{server.folder}/data.key")
    result = subprocess.run(command, capture_output=True, text=True, timeout=60, env=keyed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "audit log chain intact" in result.stdout and "OK: every invariant holds." in result.stdout
    keyless = dict(os.environ, QUDAO_DATA_KEY_FILE=f"{server.folder}/no-such.key")
    keyless.pop("QUDAO_DATA_KEY", None)
    without_key = subprocess.run(command, capture_output=True, text=True, timeout=60, env=keyless)
    assert without_key.returncode == 1 and "without the data key" in without_key.stdout, without_key.stdout
