"""Previs animatic: a camera move rendered low-sample as a PNG sequence and an MP4.

The move is planned in pure code (scout/moves.py) against the set folder's geometry
(the ray caster), shortened when it would pass through the set, keyed on a camera
frame by frame, rendered with Blender's stamp burned in (shot name, lens and move in
the note, timecode and frame number), then the PNGs are encoded to H.264 MP4 by
Blender's own FFmpeg through a throwaway sequencer scene.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import bpy

from ..core.errors import InputError
from ..core.fileio import write_json
from ..scout import moves
from ..scout.cameras import lens_label
from ..scout.daylight import sun_elevation
from ..scout.shots import shot_stem
from .camera import aim, burn_frame_lines, set_package
from .daylight import set_folder
from .steps import run_steps

CAMERA_NAME = "AI Sets Previs"
RECORD = "animatic.json"


@dataclass
class Animatic:
    frames: list[Path]
    mp4: Path | None
    move: moves.Move
    fraction: float
    notices: list[str] = field(default_factory=list)


def render_animatic(scene: bpy.types.Scene, move: moves.Move, location, target, out_dir: Path,
                    name: str = "previs", package: dict | None = None,
                    resolution: tuple[int, int] = (480, 270), samples: int = 4,
                    mp4: bool = True, world_mesh=None, progress=None) -> Animatic:
    """Render the whole take now (headless, tests); the panel steps `animatic_steps`."""
    return run_steps(animatic_steps(scene, move, location, target, out_dir, name, package,
                                    resolution, samples, mp4, world_mesh), progress)


def animatic_steps(scene: bpy.types.Scene, move: moves.Move, location, target, out_dir: Path,
                   name: str = "previs", package: dict | None = None,
                   resolution: tuple[int, int] = (480, 270), samples: int = 4,
                   mp4: bool = True, world_mesh=None) -> Iterator[tuple[float, str]]:
    """Render `move` from the mark (location, target) into OUT/STEM/STEM_####.png (+
    STEM.mp4 and animatic.json), one frame per step; returns the Animatic. STEM = the
    name as a file name; the name itself goes into the burn-in. OUT/STEM is whole or
    absent (locked, staged, swapped in), so a failed or stopped take leaves the
    previous take of that shot as it was, and other shots' takes in OUT are untouched."""
    from ..setfile import read_set, reading
    from ..setfile.folder import SetWriter
    from .scene.builder import current_set

    folder = set_folder(scene)
    if folder is None or current_set(scene) is None:
        raise InputError("the scene holds no AI set to move a camera through")
    doc = read_set(folder)
    world_mesh = world_mesh if world_mesh is not None else moves.world_mesh_of(doc)
    planned = moves.clear_move(world_mesh, move, location, target)
    package = package or {"body": "alexa35", "lens_mm": 32.0}
    stem = shot_stem(name)
    take = Path(out_dir).expanduser().absolute() / stem
    notices = [planned.notice] if planned.notice else []
    with reading(folder), SetWriter(take, owned=is_animatic) as writer, \
            _previs_camera(scene, doc, planned, name, package, resolution, writer) as size:
        frames = []
        for index in range(1, len(planned.frames) + 1):
            yield (index - 1) / len(planned.frames), \
                f"{name}: frame {index}/{len(planned.frames)}"
            frames.append(_render_frame(scene, index, writer.path / f"{stem}_{index:04d}.png",
                                        size, samples, package.get("frame_line", ""),
                                        companion=stem if index == 1 else ""))
        movie = None
        if mp4:
            yield 0.97, f"{name}: encoding the MP4"
            movie = encode_mp4(frames, writer.path / f"{stem}.mp4", move.fps, size)
        write_json(writer.path / RECORD, {
            "shot": name, "move": planned.move.label(), "fraction_kept": planned.fraction,
            "frames": len(frames), "fps": move.fps, "package": package,
            "mp4": movie.name if movie else None, "notices": notices,
            "render": _render_block(scene)})
        writer.commit({"kind": "animatic", "shot": name})
    return Animatic([take / f.name for f in frames], take / movie.name if movie else None,
                    planned.move, planned.fraction, notices)


def is_animatic(folder: Path) -> bool:
    """A take this module wrote (safe to replace with a new one)."""
    return (folder / RECORD).is_file()


@contextmanager
def _previs_camera(scene: bpy.types.Scene, doc, planned: moves.ClearMove, name: str,
                   package: dict, resolution: tuple[int, int], writer
                   ) -> Iterator[tuple[int, int]]:
    """A previs camera keyed on the planned frames, metered, with the burn-in; yields
    the frame size. The scene's camera, frame range and render settings are put back
    however the block ends."""
    from .scene import render
    from .scene.builder import EXPOSURE_BIAS, current_set

    cam = bpy.data.objects.new(CAMERA_NAME, bpy.data.cameras.new(CAMERA_NAME))
    cam.data.clip_start, cam.data.clip_end = 0.05, 5000.0
    scene.collection.objects.link(cam)
    cap = set_package(cam, None, **package)
    _key(cam, planned.frames)
    saved = _snapshot(scene)
    try:
        scene.camera = cam
        scene.frame_start, scene.frame_end = 1, len(planned.frames)
        scene.render.fps = planned.move.fps
        scene.frame_set(1)
        render.meter_exposure(scene, sun_elevation(doc.sky),
                              current_set(scene).get(EXPOSURE_BIAS, 0.0), writer.work_dir)
        w, h = cap.desqueezed_resolution(resolution[0])
        if h > resolution[1]:
            w, h = max(2, int(round(resolution[1] * cap.aspect / 2)) * 2), resolution[1]
        scene.render.resolution_y = h
        _burn_in(scene, f"{name}  {lens_label(cap.lens_mm, cap.squeeze)}  "
                        f"{planned.move.short_label()}")
        yield w, h
    finally:
        _restore(scene, saved)
        data = cam.data
        bpy.data.objects.remove(cam)
        bpy.data.cameras.remove(data)


def _render_block(scene: bpy.types.Scene) -> dict:
    from .scene.render import render_block

    return render_block(scene)


def _render_frame(scene: bpy.types.Scene, index: int, png: Path, size: tuple[int, int],
                  samples: int, frame_line: str, companion: str = "") -> Path:
    """One frame of the take, stamped (timecode of `index`) and with its frame lines;
    with `companion`, its false-colour companion as COMPANION_falsecolour.png (the
    take's, made from its first frame)."""
    from .scene import render

    scene.frame_set(index)
    render.render_still(scene, png, size, samples, companions=False)
    if companion:
        render.write_companions(scene, png, companion)
    burn_frame_lines(png, frame_line)
    return png


def _key(cam: bpy.types.Object, frames: list[moves.Frame]) -> None:
    for index, frame in enumerate(frames, 1):
        aim(cam, tuple(frame.location), tuple(frame.target), frame.roll_deg)
        cam.keyframe_insert("location", frame=index)
        cam.keyframe_insert("rotation_euler", frame=index)


def _burn_in(scene: bpy.types.Scene, note: str) -> None:
    r = scene.render
    r.use_stamp = True
    for flag in ("date", "render_time", "filename", "scene", "camera", "memory",
                 "hostname", "marker", "frame_range", "sequencer_strip", "lens"):
        setattr(r, f"use_stamp_{flag}", False)
    r.use_stamp_time = True        # timecode HH:MM:SS:FF
    r.use_stamp_frame = True
    r.use_stamp_note = True
    r.use_stamp_labels = False
    r.stamp_note_text = note
    r.stamp_font_size = max(10, scene.render.resolution_y // 14)
    r.stamp_background = (0.0, 0.0, 0.0, 0.6)


def encode_mp4(frames: list[Path], mp4: Path, fps: int, size: tuple[int, int]) -> Path:
    """PNGs -> H.264 MP4 with Blender's FFmpeg (a temporary sequencer scene)."""
    from ..core.fileio import atomic_path

    enc = bpy.data.scenes.new("AI Sets animatic encode")
    try:
        enc.sequence_editor_create()
        strip = enc.sequence_editor.strips.new_image("frames", str(frames[0]), 1, 1)
        for frame in frames[1:]:
            strip.elements.append(frame.name)
        r = enc.render
        r.resolution_x, r.resolution_y = size
        r.resolution_percentage = 100
        r.fps = fps
        enc.frame_start, enc.frame_end = 1, len(frames)
        r.use_sequencer = True
        if hasattr(r.image_settings, "media_type"):     # Blender 5: video is a media type
            r.image_settings.media_type = "VIDEO"
        r.image_settings.file_format = "FFMPEG"
        r.ffmpeg.format = "MPEG4"
        r.ffmpeg.codec = "H264"
        r.ffmpeg.constant_rate_factor = "MEDIUM"
        r.use_stamp = False
        with atomic_path(mp4) as tmp:
            r.filepath = str(tmp)
            r.use_file_extension = False
            bpy.ops.render.render(animation=True, scene=enc.name)
    finally:
        bpy.data.scenes.remove(enc)
    return mp4


def _snapshot(scene: bpy.types.Scene) -> dict:
    r = scene.render
    keys = ("resolution_x", "resolution_y", "resolution_percentage", "pixel_aspect_x",
            "filepath", "use_stamp", "fps", "use_file_extension")
    return {"render": {k: getattr(r, k) for k in keys}, "camera": scene.camera,
            "range": (scene.frame_start, scene.frame_end, scene.frame_current),
            "samples": scene.cycles.samples, "format": r.image_settings.file_format}


def _restore(scene: bpy.types.Scene, saved: dict) -> None:
    for key, value in saved["render"].items():
        setattr(scene.render, key, value)
    scene.camera = saved["camera"]
    scene.frame_start, scene.frame_end, current = saved["range"]
    scene.frame_set(current)
    scene.cycles.samples = saved["samples"]
    scene.render.image_settings.file_format = saved["format"]
