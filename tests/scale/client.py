"""A tiny HTTP client for the scale tests: one signed-in partner posting forms over loopback."""
from __future__ import annotations

import http.client
import secrets
from urllib.parse import urlencode


class Partner:
    """Send requests as one partner (session cookie, CSRF cookie and header); never retry."""

    def __init__(self, port: int, session: str):
        self.port = port
        self.csrf = secrets.token_hex(16)
        self.cookie = f"sessionid={session}; csrftoken={self.csrf}"

    def send(self, method: str, path: str, form: dict | None = None, timeout: float = 10):
        """Return (status, body) or (0, b"") when the connection failed."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        headers = {"Cookie": self.cookie, "X-CSRFToken": self.csrf, "Host": "127.0.0.1"}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        except (http.client.HTTPException, OSError):
            return 0, b""
        finally:
            conn.close()

    def autosave(self, injury: int, marker: str) -> bool:
        """Autosave a statement draft carrying ``marker``; True when the server acknowledged it."""
        status, body = self.send("POST", f"/journey/{injury}/statement/autosave/", {
            "what_happened": f"You hid the messages ({marker}).", "impact": "I felt alone."})
        return status == 200 and b'"saved": true' in body
