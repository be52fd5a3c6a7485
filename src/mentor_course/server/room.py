"""What a live check-in shows the room: the address phones can reach, its QR code, and
the counts as shares.

A server started with the defaults listens on 127.0.0.1, which a phone reads as
itself. The presenter page therefore names the address a phone in the room can
use: the one the presenter's browser reached, unless that is this computer's own
loopback, in which case the machine's network address when the server listens
on all of them (`--host 0.0.0.0`), or a warning when it does not.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
from dataclasses import dataclass

import psutil
import segno

WILDCARDS = {"0.0.0.0", "::", ""}


@dataclass(frozen=True)
class JoinAddress:
    base: str  # scheme://host:port, as a phone in the room should type it
    reachable: bool  # False: the server listens on this computer only


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def network_addresses() -> list[str]:
    """This machine's IPv4 addresses on its network interfaces, other than loopback and
    link-local ones. (Not by resolving the host name: on Debian that gives 127.0.1.1.)"""
    found = {
        address.address
        for addresses in psutil.net_if_addrs().values()
        for address in addresses
        if address.family == socket.AF_INET
    }
    return sorted(
        a for a in found if not (_is_loopback(a) or ipaddress.ip_address(a).is_link_local)
    )


def join_address(scheme: str, host: str, port: int | None, listen_host: str) -> JoinAddress:
    """Where phones join, given the address the presenter's browser used (`host`, `port`)."""

    def base(at: str) -> str:
        at = f"[{at}]" if ":" in at else at  # an IPv6 address in a URL
        return f"{scheme}://{at}{f':{port}' if port else ''}"

    if not _is_loopback(host):
        return JoinAddress(base(host), True)
    if listen_host not in WILDCARDS:
        return JoinAddress(base(listen_host), not _is_loopback(listen_host))
    addresses = network_addresses()
    if not addresses:
        return JoinAddress(base(host), False)
    return JoinAddress(base(addresses[0]), True)


def reachable_from_phones(listen_host: str) -> bool:
    return listen_host in WILDCARDS or not _is_loopback(listen_host)


def served_address(listen_host: str, port: int, https: bool) -> str:
    """The address `serve` tells mentors, when no base URL is set: where phones join as seen
    from this computer (the network address under `--host 0.0.0.0`)."""
    return join_address("https" if https else "http", "127.0.0.1", port, listen_host).base


def qr_svg(url: str) -> str:
    """`url` as an inline SVG QR code, drawn here (no network)."""
    return str(segno.make(url, error="m").svg_inline(scale=6, border=2, title=f"QR code: {url}"))


def shares(tallies: dict[str, int], choice_ids: list[str]) -> list[tuple[int, int]]:
    """(count, whole percent of those who answered) per choice; several picks count each."""
    answered = sum(tallies.values())
    return [
        (tallies.get(c, 0), round(100 * tallies.get(c, 0) / answered) if answered else 0)
        for c in choice_ids
    ]


def tally_version(question_index: int, tallies: dict[str, int], ended: bool) -> str:
    """Changes whenever what the presenter shows changes, a changed answer included."""
    counts = ",".join(f"{k}={v}" for k, v in sorted(tallies.items()))
    digest = hashlib.sha256(counts.encode("utf-8")).hexdigest()[:12]
    return f"{question_index}:{digest}:{int(ended)}"
