"""Generate the shipped multiple-scattering tables
(ai_sets_addon/generation/sky/multiple_scattering.npy.gz): Hillaire's table for every
haze of two decimals (-0.10 .. 1.00: under 0, air cleaner than the weather's crisp
day, for the HDR lift) at the default ground albedo, so that neither a sky
render nor an HDR lift marches them at run time (~70 ms each; a cold lift needs six).

    python scripts/build_sky_tables.py

Run it after any change to the atmosphere (generation/sky/atmosphere.py): the file must
hold exactly what compute_ms_table returns, which tests/unit/test_sky_shipped_tables.py
checks. The bytes are deterministic (gzip mtime 0), so an unchanged atmosphere leaves
the file unchanged in git.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ai_sets_addon.core.fileio import write_bytes  # noqa: E402
from ai_sets_addon.generation.sky.atmosphere import SHIPPED_MS_PATH, ms_tables_file  # noqa: E402


def main() -> int:
    data = ms_tables_file()
    write_bytes(SHIPPED_MS_PATH, data)
    print(f"wrote {SHIPPED_MS_PATH} ({len(data) / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
