"""Previs moves: marks hit, real units, never through the set (the set's ray caster),
and a handheld shake that is seeded and band-limited as documented."""

from __future__ import annotations

import numpy as np
import pytest

from ai_sets_addon.core.errors import InputError
from ai_sets_addon.ai.paint.testset import demo_scene
from ai_sets_addon.ai.paint.views import WorldMesh
from ai_sets_addon.scout import moves
from ai_sets_addon.scout.moves import Move

START, AIM = (0.5, -6.0, 1.6), (0.0, 0.5, 1.0)     # south of the demo set, looking north


@pytest.fixture(scope="module")
def world():
    return WorldMesh.build(demo_scene()).mesh


@pytest.mark.parametrize("kind, amount", [("dolly", 1.5), ("truck", -1.2), ("pedestal", 0.8),
                                          ("pan", 25.0), ("tilt", -10.0), ("orbit", 20.0),
                                          ("push_in", 1.5), ("handheld", 0.0)])
def test_every_move_hits_its_marks_and_stays_clear(world, kind: str, amount: float) -> None:
    move = Move(kind, duration_s=2.0, distance=amount, fps=24, seed=3)
    result = moves.clear_move(world, move, START, AIM)
    assert result.fraction == 1.0, result.notice
    frames = result.frames
    assert len(frames) == 49
    end = moves.pose(kind, START, AIM, 0.0 if kind == "handheld" else amount)
    np.testing.assert_allclose(frames[0].location, START, atol=1e-9)
    np.testing.assert_allclose(frames[-1].location, end.location, atol=1e-9)
    start_dir = np.subtract(AIM, START) / np.linalg.norm(np.subtract(AIM, START))
    first_dir = (frames[0].target - frames[0].location)
    np.testing.assert_allclose(first_dir / np.linalg.norm(first_dir), start_dir, atol=1e-9)
    last_dir = frames[-1].target - frames[-1].location
    want_dir = end.target - end.location
    np.testing.assert_allclose(last_dir / np.linalg.norm(last_dir),
                               want_dir / np.linalg.norm(want_dir), atol=1e-9)
    assert moves.blocked_frames(world, frames) == []


def test_speed_is_in_metres_per_second() -> None:
    move = Move("truck", duration_s=3.0, speed=0.5, easing="linear")
    frames = moves.path(move, START, AIM)
    travelled = np.linalg.norm(frames[-1].location - frames[0].location)
    assert travelled == pytest.approx(1.5)
    steps = np.linalg.norm(np.diff([f.location for f in frames], axis=0), axis=1)
    assert steps * move.fps == pytest.approx(np.full(len(steps), 0.5))   # constant 0.5 m/s


def test_ease_in_out_starts_and_stops_gently() -> None:
    frames = moves.path(Move("dolly", 2.0, 2.0), START, AIM)
    steps = np.linalg.norm(np.diff([f.location for f in frames], axis=0), axis=1)
    assert steps[0] < steps[len(steps) // 2] / 10 and steps[-1] < steps[len(steps) // 2] / 10


def test_orbit_keeps_its_distance_and_pan_its_place() -> None:
    orbit = moves.path(Move("orbit", 2.0, 90.0), START, AIM)
    radius = [np.linalg.norm((f.location - f.target)[:2]) for f in orbit]
    assert np.ptp(radius) < 1e-9
    pan = moves.path(Move("pan", 2.0, 30.0), START, AIM)
    assert all(np.allclose(f.location, START) for f in pan)


def test_a_dolly_into_the_wall_stops_short_of_it(world) -> None:
    # the back wall's south face is at y = 2.85; from y = -6 a 12 m dolly would cross it
    move = Move("dolly", 4.0, 12.0)
    through = moves.path(move, (-3.0, -6.0, 1.6), (-3.0, 0.0, 1.6))
    assert moves.blocked_frames(world, through), "the test move should hit the wall"
    result = moves.clear_move(world, move, (-3.0, -6.0, 1.6), (-3.0, 0.0, 1.6))
    assert result.fraction < 1.0 and "shortened" in result.notice
    assert moves.blocked_frames(world, result.frames) == []
    assert result.frames[-1].location[1] < 2.85 - moves.CLEARANCE_M + 1e-6
    assert result.frames[-1].location[1] > 2.85 - moves.CLEARANCE_M - 0.2   # not far short


def test_a_start_inside_geometry_is_refused(world) -> None:
    with pytest.raises(InputError, match="start mark"):
        moves.clear_move(world, Move("dolly", 1.0, 1.0), (1.8, 1.0, 1.0), (1.8, 5.0, 1.0))


def test_handheld_is_seeded_band_limited_and_sized() -> None:
    n, fps = 24 * 60, 24
    a = moves.shake(n, fps, 7, "pan", 0.35)
    assert np.array_equal(a, moves.shake(n, fps, 7, "pan", 0.35))
    assert not np.allclose(a, moves.shake(n, fps, 8, "pan", 0.35))
    assert a[0] == pytest.approx(0.0) and a[-1] == pytest.approx(0.0, abs=1e-12)
    assert np.sqrt(np.mean(a ** 2)) == pytest.approx(0.35, rel=0.05)
    power = np.abs(np.fft.rfft(a)) ** 2
    freqs = np.fft.rfftfreq(n, 1 / fps)
    band = power[(freqs >= 0.15) & (freqs <= 6.0)].sum() / power[1:].sum()
    assert band > 0.9
    assert power[(freqs > 8.0)].sum() / power[1:].sum() < 0.06
    # tremor (3-6 Hz) at about a third of the sway's (0.5-1.5 Hz) amplitude: 1/f above 1.5 Hz
    amp = np.sqrt(power)
    ratio = amp[(freqs >= 3) & (freqs <= 6)].mean() / amp[(freqs >= 0.5) & (freqs <= 1.5)].mean()
    assert 0.2 < ratio < 0.5
    assert moves.shake_spectrum(np.array([0.1, 1.0, 3.0]))[0] == 0.0
    assert moves.shake_spectrum(np.array([3.0]))[0] == pytest.approx(0.5)


def test_bad_moves_say_what_to_use() -> None:
    with pytest.raises(InputError, match="dolly"):
        moves.path(Move("zoom"), START, AIM)
    with pytest.raises(InputError, match="easing"):
        moves.path(Move("dolly", easing="bouncy"), START, AIM)
