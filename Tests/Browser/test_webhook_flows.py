"""Webhooks from a real `qudao serve` to a real receiver (issue 15): an order's whole life arrives
signed, each event once although the first three attempts fail; and an event committed before the
process is killed with SIGKILL, while its delivery is in flight or before it starts, still arrives
after a restart."""
import hashlib
import hmac
import http.server
import json
import os
import signal
import threading
import time
from datetime import datetime, timedelta

import pytest
import requests

from conftest import free_port, start_server, stop_server

ENVIRONMENT = {"QUDAO_WEBHOOK_ALLOW_INTERNAL": "1"}


def verify(secret: str, header: str, body: bytes) -> bool:
    """The check docs/API.md shows a receiver (without the five-minute window: the server runs on a test clock)."""
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    timestamp, signature = parts.get("t", ""), parts.get("v1", "")
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return timestamp.isdigit() and hmac.compare_digest(expected, signature)


class Receiver:
    """An HTTP server on a free port: answers 500 to the first `fail_first` requests, holds requests
    while `holding` is set, answers 200 otherwise, and records every request."""

    def __init__(self, fail_first: int = 0):
        self.secret = ""
        self.fail_first = fail_first
        self.requests = []  # (event id, type, signature valid, status, body)
        self.holding = threading.Event()
        self.held = threading.Event()
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if receiver.holding.is_set():
                    receiver.held.set()
                    # Never answered: the sender is killed meanwhile (bounded, so the thread ends).
                    time.sleep(15)
                    return
                with receiver.lock:
                    status = 500 if receiver.fail_first > 0 else 200
                    receiver.fail_first = max(0, receiver.fail_first - 1)
                    receiver.requests.append((
                        self.headers.get("Qudao-Event-Id", ""), self.headers.get("Qudao-Event-Type", ""),
                        verify(receiver.secret, self.headers.get("Qudao-Signature", ""), body), status, body))
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *arguments):
                pass

        self.port = free_port()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def accepted(self) -> dict:
        with self.lock:
            counts = {}
            for event_id, _, _, status, _ in self.requests:
                if status == 200:
                    counts[event_id] = counts.get(event_id, 0) + 1
            return counts

    def close(self):
        self.server.shutdown()


def token(base: str, username: str) -> str:
    response = requests.post(f"{base}/api/v1/auth/token", json={"username": username, "password": "qudao-demo"}, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()["token"]


def clock_now(base: str, admin: str) -> datetime:
    now = requests.get(f"{base}/api/v1/test-clock", headers={"Authorization": f"Bearer {admin}"}, timeout=10).json()["now"]
    return datetime.fromisoformat(now.replace("Z", "+00:00"))


def move_clock(base: str, admin: str, to: datetime):
    answer = requests.post(
        f"{base}/api/v1/test-clock", headers={"Authorization": f"Bearer {admin}"},
        json={"now": to.strftime("%Y-%m-%dT%H:%M:%SZ")}, timeout=120)
    assert answer.status_code == 200, answer.text


def subscribe(base: str, admin: str, receiver: Receiver, types) -> str:
    created = requests.post(
        f"{base}/api/v1/webhooks", headers={"Authorization": f"Bearer {admin}"}, json={"url": receiver.url, "eventTypes": types}, timeout=10)
    assert created.status_code == 201, created.text
    receiver.secret = created.json()["secret"]
    return created.json()["subscription"]["id"]


def place_order(base: str, store: str) -> str:
    placed = requests.post(
        f"{base}/api/v1/orders", headers={"Authorization": f"Bearer {store}"},
        json={"lines": [{"productId": "SK-1003", "quantity": 12}]}, timeout=10)
    assert placed.status_code == 201, placed.text
    return placed.json()["id"]


def wait_until(condition, base=None, admin=None, step_seconds=0, limit_seconds=90):
    """Waits (bounded) for `condition`, moving the server's clock on by `step_seconds` each round so retries fall due."""
    deadline = time.monotonic() + limit_seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        if step_seconds:
            move_clock(base, admin, clock_now(base, admin) + timedelta(seconds=step_seconds))
        time.sleep(0.3)


def test_an_orders_life_arrives_signed_and_once_after_three_failures():
    receiver = Receiver(fail_first=3)
    process, base = start_server("qudao-webhooks-", extra_environment=ENVIRONMENT)
    try:
        admin = token(base, "hq-admin")
        store = token(base, "S-GZ001")
        subscribe(base, admin, receiver, ["order.paid", "order.shipped", "order.delivered", "order.completed"])
        order_id = place_order(base, store)
        headers = {"Authorization": f"Bearer {admin}"}
        assert requests.post(f"{base}/api/v1/orders/{order_id}/ship", headers=headers,
                             json={"carrier": "顺丰速运", "trackingNumber": "SF8880001"}, timeout=10).status_code == 200
        assert requests.post(f"{base}/api/v1/logistics/delivered", headers=headers, json={"trackingNumber": "SF8880001"}, timeout=10).status_code == 200
        move_clock(base, admin, clock_now(base, admin) + timedelta(days=11))
        move_clock(base, admin, clock_now(base, admin) + timedelta(days=8))
        assert requests.get(f"{base}/api/v1/orders/{order_id}", headers=headers, timeout=10).json()["status"] == "completed"

        def own_types():
            with receiver.lock:
                return sorted(kind for _, kind, _, status, body in receiver.requests if status == 200 and order_id.encode() in body)
        wait_until(lambda: len(own_types()) == 4, base, admin, step_seconds=600)
        assert own_types() == ["order.completed", "order.delivered", "order.paid", "order.shipped"]
        with receiver.lock:
            statuses = [status for _, _, _, status, _ in receiver.requests]
            assert all(valid for _, _, valid, _, _ in receiver.requests)
        assert statuses.count(500) == 3
        assert all(count == 1 for count in receiver.accepted().values())
        body = next(body for _, kind, _, status, body in receiver.requests if kind == "order.paid" and status == 200 and order_id.encode() in body)
        envelope = json.loads(body)
        assert envelope["type"] == "order.paid" and envelope["data"]["orderId"] == order_id and envelope["data"]["partnerCode"] == "S-GZ001"
    finally:
        stop_server(process)
        receiver.close()


@pytest.mark.parametrize("moment", ["in flight", "before the first attempt"])
def test_an_event_committed_before_a_sigkill_arrives_after_the_restart(moment):
    receiver = Receiver()
    environment = dict(ENVIRONMENT)
    if moment == "before the first attempt":
        # This instance commits but never sends: the kill comes between the commit and any delivery.
        environment["QUDAO_WEBHOOK_DELIVERY"] = "off"
    else:
        receiver.holding.set()
    process, base = start_server("qudao-webhooks-kill-", extra_environment=environment)
    folder = base.folder
    admin = token(base, "hq-admin")
    subscribe(base, admin, receiver, ["order.paid"])
    order_id = place_order(base, token(base, "S-GZ001"))
    if moment == "in flight":
        assert receiver.held.wait(30), "the delivery never started"
    else:
        time.sleep(0.5)
    stopped_at = clock_now(base, admin)
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    assert receiver.accepted() == {}
    receiver.holding.clear()

    process, base = start_server("qudao-webhooks-kill-", folder=folder, extra_environment=ENVIRONMENT, demo=False)
    try:
        admin = token(base, "hq-admin")
        # A claim held by the killed process ends with its lease (60 s on the platform's clock).
        move_clock(base, admin, max(stopped_at, clock_now(base, admin)) + timedelta(seconds=120))
        wait_until(lambda: len(receiver.accepted()) == 1, limit_seconds=60)
        with receiver.lock:
            accepted = [(kind, valid, body) for _, kind, valid, status, body in receiver.requests if status == 200]
        assert len(accepted) == 1 and accepted[0][0] == "order.paid" and accepted[0][1] and order_id.encode() in accepted[0][2]
    finally:
        stop_server(process)
        receiver.close()


def test_a_store_owner_makes_a_key_for_its_till_on_a_phone_and_the_till_reports_a_sale(server, phone):
    from selenium.webdriver.common.by import By

    from conftest import assert_fits_the_phone, click_and_wait, screenshot
    from test_foundation_flows import sign_in

    sign_in(phone, server, "S-GZ001")
    phone.get(f"{server}/portal/me")
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "#me-menu a[href='/portal/integrations']"))
    assert_fits_the_phone(phone)
    # HQ's scopes are not offered to a store.
    assert not phone.find_elements(By.CSS_SELECTOR, "input[value='logistics:write']")
    phone.find_element(By.ID, "name").send_keys("门店收银")
    for scope in ["stock:read", "stock:write"]:
        box = phone.find_element(By.CSS_SELECTOR, f"input[name='scopes'][value='{scope}']")
        phone.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
    click_and_wait(phone, phone.find_element(By.ID, "create-api-key"))
    secret = phone.find_element(By.ID, "api-key-secret").text
    assert secret.startswith("qd_live_")
    assert_fits_the_phone(phone)
    screenshot(phone, "portal-api-key-secret")

    # The till uses it: its own stock, then a sale reported as the store's.
    till = {"Authorization": f"Bearer {secret}"}
    stock = requests.get(f"{server}/api/v1/partner-stock?pageSize=100", headers=till, timeout=10)
    assert stock.status_code == 200, stock.text
    sku = next(item["sku"] for item in stock.json()["items"] if item["onHand"] >= 1)
    report = requests.post(f"{server}/api/v1/sell-out-reports", headers=till, json={"lines": [{"productId": sku, "quantity": 1}]}, timeout=10)
    assert report.status_code == 201, report.text
    # Orders are not its scope.
    assert requests.get(f"{server}/api/v1/orders", headers=till, timeout=10).status_code == 403

    # Its page shows the last use; revoking it stops the till at once.
    click_and_wait(phone, phone.find_element(By.CSS_SELECTOR, "#api-key-secret-card a.button"))
    assert "从未使用" not in phone.find_element(By.ID, "api-key-facts").text
    click_and_wait(phone, phone.find_element(By.ID, "revoke-key"))
    assert "已停用" in phone.find_element(By.ID, "api-key-facts").text
    assert_fits_the_phone(phone)
    assert requests.get(f"{server}/api/v1/partner-stock", headers=till, timeout=10).status_code == 401
