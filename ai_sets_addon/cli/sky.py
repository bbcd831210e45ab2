"""`ai-sets sky "PROMPT" --out sky.exr`: only the HDR environment (no Blender needed).

`--backend diffusers --model PATH` paints a 2:1 panorama that wraps at 0/360° with a
local diffusion model ("a misty Scottish glen") and lifts it to true HDR (the sun found,
the clear-sky model fitted, the disc restored: generation.hdr); SKY_ldr.png keeps what
the model painted."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core import limits
from . import _ai_options as ai_options
from . import common

YEARS = "1..6000"


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "sky", help="write an HDR sky (EXR + PNG preview + JSON) from a prompt",
        formatter_class=common.HelpFormatter,
        description="Physically based equirectangular sky from words (time of day, clouds, "
                    "haze; English or French) or from a real place and time. The sun disc "
                    "is in the map (float32 EXR), so the file lights a scene on its own; "
                    "use --no-sun beside a Sun lamp.")
    parser.add_argument("prompt", help='e.g. "golden hour, scattered clouds, light haze"')
    parser.add_argument("--out", required=True, type=common.output_path, metavar="SKY.exr",
                        help="the EXR to write; SKY.png and SKY.json go beside it")
    parser.add_argument("--width", type=limits.HDRI_WIDTH.argtype(), default=None,
                        help=f"{limits.HDRI_WIDTH.rules}; height is width/2 (default 4096; with "
                             "--backend diffusers 1024: the model paints at "
                             "most its own size, 1024 for SD 1.5, 2048 for SDXL, and the "
                             "panorama is resampled up to --width before the lift)")
    parser.add_argument("--lat", type=common.finite_float(-90.0, 90.0, "a latitude"),
                        metavar="DEG",
                        help="latitude, degrees north, -90..90 (default: none; with --lon "
                             "and --datetime for a real sun position)")
    parser.add_argument("--lon", type=common.finite_float(-180.0, 180.0, "a longitude"),
                        metavar="DEG",
                        help="longitude, degrees east, -180..180 (default: none)")
    parser.add_argument("--datetime", metavar="ISO8601",
                        help="date-time with timezone, e.g. 2024-06-21T18:30:00+02:00, "
                             f"years {YEARS} (default: none; the prompt's time of day)")
    parser.add_argument("--seed", type=common.seed, default=0,
                        help="same seed, same clouds, 0..2147483647 (default 0)")
    parser.add_argument("--north-offset", type=common.finite_float(-360.0, 360.0, "an angle"),
                        default=0.0, metavar="DEG",
                        help="geographic north, degrees clockwise from the scene's +Y, "
                             "-360..360 (default 0)")
    sun = parser.add_mutually_exclusive_group()
    sun.add_argument("--no-sun", dest="sun", action="store_false",
                     help="leave the sun (or moon) disc out, for use beside a Sun lamp "
                          "(default: the disc is in the map)")
    sun.add_argument("--keep-sun", dest="sun", action="store_true",
                     help=argparse.SUPPRESS)  # the old opt-in, now the default
    parser.set_defaults(sun=True)
    parser.add_argument("--city-glow", type=common.finite_float(0.0, 1.0, "a fraction"),
                        default=0.0, metavar="0..1",
                        help="light pollution at night, 0 countryside .. 1 big city "
                             "(default 0)")
    parser.add_argument("--backend", choices=ai_options.BACKENDS, default="procedural",
                        help="procedural (physical sky model) or diffusers (an AI "
                             "panorama lifted to HDR, needs --model)")
    ai = parser.add_argument_group("diffusers backend", "the model: a plain SD 1.5 / SDXL "
                                   "text-to-image (no depth model needed; options as in "
                                   "`ai-sets paint`)")
    ai_options.add_model_arguments(ai)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..generation.sky import ProceduralSky, SkyOptions
    from ..generation.sky import resolve_lights
    from ..generation.sky.equirect import check_width

    out = Path(args.out)
    if out.suffix.lower() != ".exr":
        out = out.with_suffix(".exr")
    if args.backend == "diffusers":
        return _diffusers(args, out)
    args.width = 4096 if args.width is None else args.width
    check_width(args.width)
    request = sky_request_for(args)
    resolve_lights(request)          # bad place/time -> a clear error before any work
    options = SkyOptions(sun_in_map=args.sun, city_glow=args.city_glow)
    progress = common.Progress()
    progress(0.05, f"computing a {args.width}x{args.width // 2} sky")
    asset = ProceduralSky(options).make_sky(request, args.width, out)
    progress(1.0, f"wrote {asset.exr_path}")
    print(f"{asset.exr_path}: {args.width}x{args.width // 2}, {asset.params['key_body']} at "
          f"azimuth {asset.sun_azimuth_deg:.2f} deg, elevation {asset.sun_elevation_deg:.2f} "
          f"deg, irradiance {asset.sun_irradiance_w_m2:.4g} W/m^2{_behind_cloud(asset)}, "
          f"suggested exposure {asset.params['exposure_ev']:+.2f} EV")
    return common.EXIT_OK


HIDDEN = 0.01      # a key light whose cloud lets less of it through casts no shadow to speak of


def _behind_cloud(asset) -> str:
    """' (behind a cloud: ...)' when a cloud stands in front of the key light: its
    irradiance is then that of a hidden sun (1e-13 W/m² for a thick cloud at sunset),
    not a dim one."""
    through = float(asset.params.get("key_transmittance", 1.0))
    if through >= HIDDEN:
        return ""
    return f" (behind a cloud that lets {through:.2g} of it through: no direct light)"


def _diffusers(args: argparse.Namespace, out: Path) -> int:
    """AI panorama -> lift -> EXR/PNG/JSON (+ SKY_ldr.png); the model is loaded (or
    refused) before any file is written."""
    from ..ai.backends import DiffusersSky
    from ..generation.sky import resolve_lights

    width = 1024 if args.width is None else args.width
    limits.HDRI_WIDTH.check(width)
    request = sky_request_for(args)
    resolve_lights(request)
    progress = common.Progress()
    model = ai_options.shared_model(args, progress)
    progress(0.1, f"painting a {width}x{width // 2} panorama")
    asset = DiffusersSky(model, args.prompt, sun_in_map=args.sun).make_sky(request, width, out)
    progress(1.0, f"wrote {asset.exr_path}")
    for warning in asset.params.get("warnings", ()):
        print(f"warning: {warning}", file=sys.stderr)
    found = asset.params["sun_found"]
    print(f"{asset.exr_path}: {width}x{width // 2} (painted at "
          f"{asset.params['generated_width']}), "
          + (f"sun at azimuth {asset.sun_azimuth_deg:.2f} deg, elevation "
             f"{asset.sun_elevation_deg:.2f} deg, irradiance "
             f"{asset.sun_irradiance_w_m2:.4g} W/m^2" if found else
             "no sun found (overcast or night: no sun was invented)")
          + f", confidence {asset.params['confidence']:.2f}, suggested exposure "
            f"{asset.params['exposure_ev']:+.2f} EV")
    return common.EXIT_OK


def sky_request_for(args: argparse.Namespace):
    """Prompt words -> SkyRequest (the same mapping `build` uses), plus place/time."""
    from ..core.errors import InputError
    from ..generation.prompt import parse_prompt

    if not args.prompt or not args.prompt.strip():
        raise InputError('the prompt is empty: describe the sky, e.g. "sunset, few clouds"')
    spec = parse_prompt(args.prompt, args.seed)
    request = _request_from_spec(spec)
    request.seed = args.seed
    request.latitude, request.longitude = args.lat, args.lon
    request.datetime_iso = args.datetime
    request.north_offset_deg = args.north_offset
    return request


def _request_from_spec(spec):
    from ..generation.sky.request import sky_request

    return sky_request(spec)
