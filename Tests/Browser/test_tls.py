"""`qudao serve --tls-certificate --tls-key` serves HTTPS itself, with a throwaway self-signed certificate
made by openssl for 127.0.0.1: the handshake verifies against that certificate, answers carry HSTS,
cookies are `__Host-` prefixed and Secure, and plain HTTP to the same port is not served."""
import os
import subprocess
import tempfile

import pytest
import requests

from conftest import start_server, stop_server


@pytest.fixture(scope="module")
def certificate():
    folder = tempfile.mkdtemp(prefix="qudao-tls-")
    certificate_path, key_path = f"{folder}/server.crt", f"{folder}/server.key"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key_path, "-out", certificate_path],
        check=True, capture_output=True, timeout=60)
    return certificate_path, key_path


@pytest.fixture(scope="module")
def tls_server(certificate):
    certificate_path, key_path = certificate
    process, running = start_server(
        "qudao-tls-server-", ["--tls-certificate", certificate_path, "--tls-key", key_path], scheme="https", verify=certificate_path)
    yield running, certificate_path
    stop_server(process)


def test_https_with_hsts_and_host_prefixed_cookies(tls_server):
    base, certificate_path = tls_server
    assert base.startswith("https://")
    page = requests.get(f"{base}/login", verify=certificate_path, timeout=10)
    assert page.status_code == 200 and "登录" in page.text
    assert page.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    cookies = page.raw.headers.getlist("Set-Cookie")
    assert cookies and all(cookie.startswith("__Host-") and "Secure" in cookie for cookie in cookies), cookies
    # A signed-in session works over TLS: the form's CSRF cookie comes back and the session is set.
    # The certificate is passed on each call: a session-wide `verify` loses to REQUESTS_CA_BUNDLE.
    session = requests.Session()
    form = session.get(f"{base}/login", verify=certificate_path, timeout=10).text
    csrf = form.split('name="_csrf" value="', 1)[1].split('"', 1)[0]
    signed_in = session.post(
        f"{base}/login", data={"_csrf": csrf, "username": "hq-admin", "password": "qudao-demo", "next": ""}, allow_redirects=False,
        verify=certificate_path, timeout=10)
    assert signed_in.status_code == 302 and signed_in.headers["Location"] == "/hq"
    assert "__Host-qudao_session" in session.cookies.get_dict()
    assert session.get(f"{base}/hq", verify=certificate_path, timeout=10).status_code == 200
    # The API over TLS, with a certificate that does not verify refused by the client.
    token = requests.post(f"{base}/api/v1/auth/token", json={"username": "hq-admin", "password": "qudao-demo"}, verify=certificate_path,
                          timeout=10).json()["token"]
    assert requests.get(f"{base}/api/v1/me", headers={"Authorization": f"Bearer {token}"}, verify=certificate_path, timeout=10).status_code == 200
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f"{base}/readyz", timeout=10)


def test_plain_http_is_not_served_on_the_tls_port(tls_server):
    base, _ = tls_server
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(base.replace("https://", "http://") + "/readyz", timeout=5)


def test_a_certificate_without_its_key_stops_the_start(certificate):
    certificate_path, _ = certificate
    binary = os.path.abspath(os.environ.get("QUDAO_BINARY", ".build/debug/qudao"))
    folder = tempfile.mkdtemp(prefix="qudao-tls-refused-")
    result = subprocess.run(
        [binary, "serve", "--tls-certificate", certificate_path, "--database-url", f"sqlite://{folder}/qudao.sqlite"],
        capture_output=True, text=True, timeout=60, env=dict(os.environ, QUDAO_DATA_KEY_FILE=f"{folder}/data.key"))
    assert result.returncode != 0
    assert "--tls-certificate and --tls-key go together" in result.stdout + result.stderr
