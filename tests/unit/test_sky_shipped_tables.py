"""The shipped multiple-scattering tables (generation/sky/multiple_scattering.npy.gz,
made by scripts/build_sky_tables.py) are exactly what the atmosphere marches, cover every
two-decimal haze, are looked up rather than marched, and a missing or damaged file only
costs time: the tables are then marched, with the same values."""

from __future__ import annotations

import gzip
import io

import numpy as np
import pytest

from ai_sets_addon.generation.sky import atmosphere as atm_mod
from ai_sets_addon.generation.sky.atmosphere import (SHIPPED_HAZES, atmosphere_for_haze,
                                                     compute_ms_table,
                                                     multiple_scattering_table,
                                                     shipped_ms_tables)


@pytest.fixture
def fresh_caches():
    """Clear the table caches before and after (other tests share the process)."""
    def clear() -> None:
        atm_mod._ms_table_cached.cache_clear()
        atm_mod.shipped_ms_tables.cache_clear()
    clear()
    yield
    clear()


@pytest.mark.parametrize("haze", [-0.1, -0.04, 0.0, 0.1, 0.17, 0.3, 0.53, 0.6, 1.0])
def test_shipped_table_is_the_marched_one(haze: float, fresh_caches) -> None:
    """A change to the atmosphere without re-running scripts/build_sky_tables.py fails
    here: skies and HDR lifts would use a stale table."""
    atm = atmosphere_for_haze(haze)
    shipped = shipped_ms_tables()[atm.key()]
    assert np.array_equal(shipped, compute_ms_table(atm)), (
        "the shipped multiple-scattering tables are stale: run "
        "python scripts/build_sky_tables.py")


def test_every_two_decimal_haze_is_looked_up_not_marched(fresh_caches, monkeypatch) -> None:
    assert SHIPPED_HAZES == tuple(round(0.01 * i, 2) for i in range(-10, 101))
    assert set(shipped_ms_tables()) == {atmosphere_for_haze(h).key() for h in SHIPPED_HAZES}

    def no_march(atm):
        raise AssertionError(f"marched a shipped table ({atm.key()})")

    monkeypatch.setattr(atm_mod, "compute_ms_table", no_march)
    for haze in (0.0, 0.1, 0.2, 0.3, 0.4, 0.6, 0.37, 0.95):
        table = multiple_scattering_table(atmosphere_for_haze(haze))
        assert table.shape == (10, 20, len(atm_mod.WAVELENGTHS))
        assert not table.flags.writeable          # one shared copy: nobody may edit it
    # another ground albedo (snow) is not shipped: it is marched
    with pytest.raises(AssertionError, match="marched a shipped table"):
        multiple_scattering_table(atmosphere_for_haze(0.3, ground_albedo=0.8))


def _wrong_shape() -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, np.array(SHIPPED_HAZES))
    np.save(buffer, np.zeros((len(SHIPPED_HAZES), 3, 3, 3)))
    return gzip.compress(buffer.getvalue())


@pytest.mark.parametrize("content", [None, b"not a table", b"\x1f\x8b\x08\x00broken gzip",
                                     _wrong_shape()])
def test_missing_or_damaged_file_marches_the_same_table(content, tmp_path, fresh_caches,
                                                         monkeypatch) -> None:
    path = tmp_path / "multiple_scattering.npy.gz"
    if content is not None:
        path.write_bytes(content)
    monkeypatch.setattr(atm_mod, "SHIPPED_MS_PATH", path)
    assert shipped_ms_tables() == {}
    atm = atmosphere_for_haze(0.3)
    marched = multiple_scattering_table(atm)
    atm_mod.shipped_ms_tables.cache_clear()
    monkeypatch.undo()
    assert np.array_equal(marched, shipped_ms_tables()[atm.key()])
