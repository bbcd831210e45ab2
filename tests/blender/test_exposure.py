"""The light meter: expose for the set, protect the highlights, keep night dark."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ai_sets_addon.blender.scene import render


def test_median_ignores_a_bright_window_and_noise():
    rng = np.random.default_rng(0)
    frame = np.full((54, 96), 0.05, np.float32) * rng.uniform(0, 2, (54, 96))  # noisy room
    frame[10:30, 20:50] = 8.0                                                   # the window
    median, highlight = render.metered_levels(frame)
    assert median == pytest.approx(0.05, rel=0.15)
    assert highlight == pytest.approx(8.0, rel=0.05)


def _meter(monkeypatch, empty_scene, frame, sun_elevation):
    monkeypatch.setattr(render, "_meter_luminance", lambda scene, temp_dir=None: frame)
    return render.meter_exposure(empty_scene, sun_elevation)


def test_exposure_places_the_median_on_middle_grey(monkeypatch, empty_scene):
    frame = np.full((54, 96), 0.045, np.float32)
    assert _meter(monkeypatch, empty_scene, frame, 45.0) == pytest.approx(2.0, abs=0.01)
    assert empty_scene.view_settings.exposure == pytest.approx(2.0, abs=0.01)


def test_highlights_cap_the_exposure(monkeypatch, empty_scene):
    frame = np.full((54, 96), 0.045, np.float32)
    frame[:, :30] = 20.0                      # a third of the frame is sunlit exterior
    ev = _meter(monkeypatch, empty_scene, frame, 45.0)
    assert ev == pytest.approx(math.log2(render.HIGHLIGHT_LIMIT / 20.0), abs=0.01)


def test_night_is_exposed_darker_than_the_same_frame_by_day(monkeypatch, empty_scene):
    frame = np.full((54, 96), 0.01, np.float32)
    day = _meter(monkeypatch, empty_scene, frame, 30.0)
    night = _meter(monkeypatch, empty_scene, frame, -20.0)
    assert day - night == pytest.approx(1.5)


def test_a_render_that_cannot_be_saved_on_a_full_disk_is_an_oserror(monkeypatch, empty_scene,
                                                                      tmp_path):
    """Blender only says "cannot save"; the disk's free space says why (exit 2, not 1)."""
    import errno
    import shutil
    from collections import namedtuple

    def cannot_save(**kwargs):
        raise RuntimeError("Error: Render error (Success) cannot save: 'x.png'\n")

    from types import SimpleNamespace

    usage = namedtuple("usage", "total used free")
    fake_ops = SimpleNamespace(render=SimpleNamespace(render=cannot_save))
    monkeypatch.setattr(render, "bpy", SimpleNamespace(ops=fake_ops))
    monkeypatch.setattr(shutil, "disk_usage", lambda path: usage(10**9, 10**9, 0))
    with pytest.raises(OSError) as info:
        render.render_to_file(empty_scene, tmp_path / "x.png")
    assert info.value.errno == errno.ENOSPC
