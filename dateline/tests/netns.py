"""Test hosts: network namespaces on this machine, each with its own address, linked to
the machine by a veth pair (iproute2; needs root)."""

from __future__ import annotations

import os
import shutil
import subprocess

from deploy.scale import Host


def netns_available() -> bool:
    return os.geteuid() == 0 and shutil.which("ip") is not None


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True)  # noqa: S603 S607


def hosts_make(count: int, *, tag: str) -> list[Host]:
    """`count` hosts: host N is 10.X.N.2, and reaches this machine at 10.X.N.1, where X
    comes from `tag`, so that two test processes making hosts at once never share one."""
    subnet = 100 + int(tag) % 150
    hosts = []
    for number in range(1, count + 1):
        name, outside, inside = f"dl{tag}{number}", f"dl{tag}{number}o", f"dl{tag}{number}i"
        hosts_remove([Host(netns=name)])
        _ip("netns", "add", name)
        _ip("link", "add", outside, "type", "veth", "peer", "name", inside)
        _ip("link", "set", inside, "netns", name)
        _ip("addr", "add", f"10.{subnet}.{number}.1/24", "dev", outside)
        _ip("link", "set", outside, "up")
        _ip("-n", name, "addr", "add", f"10.{subnet}.{number}.2/24", "dev", inside)
        _ip("-n", name, "link", "set", inside, "up")
        _ip("-n", name, "link", "set", "lo", "up")
        hosts.append(
            Host(
                address=f"10.{subnet}.{number}.2",
                gateway=f"10.{subnet}.{number}.1",
                netns=name,
            )
        )
    return hosts


def hosts_remove(hosts: list[Host]) -> None:
    for host in hosts:
        # Deleting the namespace deletes its end of the pair, and so the pair.
        subprocess.run(["ip", "netns", "del", host.netns], capture_output=True, check=False)  # noqa: S603 S607
