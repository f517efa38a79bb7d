"""CI: the production command, as a browser behind the TLS proxy would use it. Waits for
/health/ on the first server, logs in as `two` there (the CSRF token from the login page; the
password, then the code of the demo's authenticator app, which production asks for), and opens the fund page on the second server with the same session cookie: two gunicorn instances on
one database serve one session.

    python .ci/smoke.py http://127.0.0.1:PORT1 http://127.0.0.1:PORT2
"""

import base64
import hashlib
import hmac
import http.client
import json
import re
import struct
import sys
import time
import urllib.parse

# The reverse proxy ends TLS and says so; Django then treats the request as HTTPS (no redirect,
# Secure cookies, the CSRF origin check against https://host).
PROXY = {"X-Forwarded-Proto": "https"}
HEALTH_TIMEOUT = 180
SECURE_COOKIES: set[str] = set()


# The demo users' authenticator app (demo.organisations.DEMO_TOTP_SECRET, README "Two-factor login").
DEMO_TOTP_SECRET = "DEMODEMODEMODEMODEMODEMODEMODEMO"


def totp(secret: str, at: float | None = None) -> str:
    """The code an authenticator app shows (RFC 6238: HMAC-SHA1, 30 seconds, 6 digits)."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def request(
    base: str,
    method: str,
    path: str,
    cookies: dict,
    body: dict | None = None,
    headers: dict | None = None,
):
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    all_headers = {**PROXY, **(headers or {})}
    if cookies:
        all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    data = None
    if body is not None:
        data = urllib.parse.urlencode(body)
        all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=data, headers=all_headers)
    response = conn.getresponse()
    text = response.read().decode("utf-8", "replace")
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]
            if "secure" in [part.strip().lower() for part in rest.split(";")]:
                SECURE_COOKIES.add(name.strip())
    conn.close()
    return response.status, dict((k.lower(), v) for k, v in response.getheaders()), text


def wait_for_health(base: str) -> dict:
    deadline = time.monotonic() + HEALTH_TIMEOUT
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            status, _headers, text = request(
                base, "GET", "/health/", {}, headers={"X-Forwarded-Proto": "http"}
            )
            last = f"{status} {text}"
            if status == 200:
                return json.loads(text)
        except OSError as error:
            last = str(error)
        time.sleep(2)
    raise SystemExit(f"smoke: {base}/health/ not healthy within {HEALTH_TIMEOUT} s: {last}")


def main(first: str, second: str) -> None:
    print("smoke: health", wait_for_health(first))
    wait_for_health(second)
    cookies: dict = {}
    status, _h, html = request(first, "GET", "/accounts/login/", cookies)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert status == 200 and token and "csrftoken" in cookies, f"login page: {status}"
    origin = "https://" + urllib.parse.urlsplit(first).netloc
    login = {"Origin": origin, "Referer": origin + "/accounts/login/"}
    status, _h, html = request(
        first,
        "POST",
        "/accounts/login/?next=/",
        cookies,
        {
            "login_view-current_step": "auth",
            "auth-username": "two",
            "auth-password": "demo",
            "csrfmiddlewaretoken": token.group(1),
        },
        headers=login,
    )
    assert status == 200 and "Code uit uw authenticator-app" in html, (
        f"login as two: no second step ({status})"
    )
    status, headers, _ = request(
        first,
        "POST",
        "/accounts/login/?next=/",
        cookies,
        {
            "login_view-current_step": "token",
            "token-otp_token": totp(DEMO_TOTP_SECRET),
            "csrfmiddlewaretoken": token.group(1),
        },
        headers=login,
    )
    assert status == 302 and headers.get("location") == "/" and "sessionid" in cookies, (
        f"login as two: {status} {headers.get('location')}"
    )
    assert {"sessionid", "csrftoken"} <= SECURE_COOKIES, f"cookies not Secure: {SECURE_COOKIES}"
    status, headers, html = request(
        second, "GET", "/fondsen/tijdelijk-fonds-holland-rijnland/", cookies
    )
    assert status == 200, f"fund page on the second server: {status} {headers.get('location')}"
    assert "Tijdelijk Fonds Jeugdhulp Holland Rijnland" in html and "€ 7.000.000,00" in html, (
        "fund page without the fund"
    )
    assert "content-security-policy" in headers and "strict-transport-security" in headers
    print("smoke: logged in as two on the first server, fund page served by the second: ok")


if __name__ == "__main__":
    main(*sys.argv[1:3])
