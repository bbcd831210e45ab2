"""The light meter: expose for the set, protect the highlights, keep night dark."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ai_sets_addon.scene import render


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
