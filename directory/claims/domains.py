"""Does an email address belong to an organization's own web domain?

Used to approve claims without an admin. The rule is strict on purpose: the email's host must be
the website's host (``www.`` stripped) or a subdomain of it, compared label by label, so a
lookalike such as ``example.org.evil.com`` never matches ``example.org``. Shared hosts (free mail,
social networks, site builders) never match, since anyone can have an address or page there.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import idna

#: Hosts where anyone may have an address or a page: never proof of belonging.
SHARED_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "outlook.com", "hotmail.com", "live.com",
    "msn.com", "aol.com", "icloud.com", "me.com", "mail.com", "gmx.com", "proton.me",
    "protonmail.com", "zoho.com", "yandex.com", "comcast.net", "att.net", "verizon.net",
    "facebook.com", "instagram.com", "linkedin.com", "twitter.com", "x.com", "google.com",
    "sites.google.com", "wixsite.com", "wordpress.com", "blogspot.com", "squarespace.com",
    "weebly.com", "godaddysites.com", "github.io",
})


def _normalise_host(host: str | None) -> str | None:
    """Lower-case ASCII (IDNA) host without a trailing dot or ``www.``; None when unusable."""
    if not host:
        return None
    host = host.strip().rstrip(".").lower()
    try:
        host = idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError:
        return None
    if host.startswith("www."):
        host = host[4:]
    labels = host.split(".")
    if len(labels) < 2 or not all(labels):
        return None
    return host


def website_domain(website: str | None) -> str | None:
    """The host of an organization's website (``https://www.example.org/x`` → ``example.org``)."""
    if not website:
        return None
    text = website.strip()
    if "://" not in text:
        text = "https://" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    return _normalise_host(host)


def email_domain(email: str | None) -> str | None:
    """The host part of an email address, normalised like :func:`website_domain`."""
    if not email or email.count("@") != 1:
        return None
    return _normalise_host(email.rsplit("@", 1)[1])


def is_shared(domain: str) -> bool:
    """Whether ``domain`` is (under) a host where anyone may have an address or page."""
    return any(domain == shared or domain.endswith("." + shared) for shared in SHARED_DOMAINS)


def email_matches_website(email: str | None, website: str | None) -> bool:
    """Whether ``email``'s domain is the website's domain or one of its subdomains."""
    mail_host, site_host = email_domain(email), website_domain(website)
    if mail_host is None or site_host is None or is_shared(site_host):
        return False
    return mail_host == site_host or mail_host.endswith("." + site_host)
