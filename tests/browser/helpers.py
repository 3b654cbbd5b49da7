"""Steps the browser tests share."""

from __future__ import annotations

#: The password of the accounts browser tests make.
PASSWORD = "browser-test-password-42"


def sign_in(page, live_server: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through the real form and wait for the start page."""
    page.goto(live_server + "/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, page.locator("main").inner_text()


def no_horizontal_scroll(page) -> bool:
    """The page fits its viewport's width (nothing to scroll sideways on a phone)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
