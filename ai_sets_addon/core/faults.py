"""Named stage boundaries where tests inject faults (kill, signal, disk full).

`checkpoint("assets")` does nothing unless AISETS_FAULT_AT names that stage; then it
prints `AISETS_FAULT_POINT <stage>` on stderr and, per AISETS_FAULT_ACTION, waits to be
killed ("hang", the default), raises OSError(ENOSPC) ("enospc"), or raises a bug
("bug"). Production runs never set these variables; the cost is one dict lookup.
"""

from __future__ import annotations

import errno
import os
import sys
import time

STAGES = ("parse", "layout", "assets", "write", "meter", "scene", "render", "blend",
          "manifest", "swap", "publish")


def checkpoint(stage: str) -> None:
    if os.environ.get("AISETS_FAULT_AT") != stage:
        return
    print(f"AISETS_FAULT_POINT {stage}", file=sys.stderr, flush=True)
    action = os.environ.get("AISETS_FAULT_ACTION", "hang")
    if action == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if action == "bug":
        raise RuntimeError(f"injected bug at stage '{stage}'")
    deadline = time.monotonic() + float(os.environ.get("AISETS_FAULT_HANG_S", "120"))
    while time.monotonic() < deadline:
        time.sleep(0.05)
