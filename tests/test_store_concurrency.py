"""Two processes writing at once lose nothing; a process killed mid-import changes nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from certwise.store import Store

pytestmark = pytest.mark.slow


WRITER = textwrap.dedent(
    """
    import sys, time
    from datetime import date
    from certwise.store import Store
    url, tag, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
    while time.time() < go:
        time.sleep(0.001)
    s = Store(url)  # both open (and migrate) at the same moment
    for i in range(n):
        s.add_entry(None, name=f"{tag}-{i}", issuer="Writer", earned=date(2025, 1, 1))
    s.close()
    """
)


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("CERTWISE_DATABASE")}


def test_two_writers_at_once_lose_nothing(url):
    go = time.time() + 1.5
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, url, tag, "60", str(go)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
        for tag in ("a", "b")
    ]
    errors = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        if p.returncode:
            errors.append(err)
    assert not errors, errors
    assert not any("database is locked" in e for e in errors)
    names = {e.name for e in Store(url).list_entries()}
    assert names == {f"{t}-{i}" for t in "ab" for i in range(60)}


KILLED = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from certwise.catalog.model import EXAMPLE, Credential
    from certwise.store import Store
    url, marker = sys.argv[1], Path(sys.argv[2])

    def creds():
        for i in range(1_000_000):
            if i == 5000:
                marker.write_text("half way")
                time.sleep(120)  # the test kills us here, mid-transaction
            yield Credential.model_validate({**EXAMPLE, "id": f"big-{i}", "origin": "overlay"})

    Store(url).add_overlay(creds(), batch_size=500)
    """
)


def test_killed_import_leaves_the_database_as_it_was(url, tmp_path: Path):
    from certwise.catalog.model import EXAMPLE, Credential

    s = Store(url)
    s.add_overlay([Credential.model_validate({**EXAMPLE, "id": "before", "origin": "overlay"})])
    s.close()
    marker = tmp_path / "marker"
    p = subprocess.Popen([sys.executable, "-c", KILLED, url, str(marker)], env=_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 90
    while not marker.exists():
        assert p.poll() is None, p.communicate()[1].decode()
        assert time.time() < deadline, "the importer never got half way"
        time.sleep(0.05)
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=30)
    s = Store(url)
    assert s.overlay_ids() == {"before"}
    # and the database is not left locked: a new write goes through at once
    t = time.time()
    s.add_overlay([Credential.model_validate({**EXAMPLE, "id": "after", "origin": "overlay"})])
    assert time.time() - t < 10
    assert s.overlay_ids() == {"before", "after"}
    s.close()
