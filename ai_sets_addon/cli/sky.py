"""`ai-sets sky "PROMPT" --out sky.exr`: only the HDR environment (no Blender needed)."""

from __future__ import annotations

import argparse
from pathlib import Path

from . import common


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "sky", help="write an HDR sky (EXR + PNG preview + JSON) from a prompt",
        description="Physically based equirectangular sky from words (time of day, clouds, "
                    "haze; English or French) or from a real place and time.")
    parser.add_argument("prompt", help='e.g. "golden hour, scattered clouds, light haze"')
    parser.add_argument("--out", required=True, type=common.output_path, metavar="SKY.exr")
    parser.add_argument("--width", type=int, default=4096,
                        help="512..16384, even; height is width/2 (default 4096)")
    parser.add_argument("--lat", type=float, help="latitude, degrees north")
    parser.add_argument("--lon", type=float, help="longitude, degrees east")
    parser.add_argument("--datetime", metavar="ISO8601",
                        help="date-time with timezone, e.g. 2024-06-21T18:30:00+02:00")
    parser.add_argument("--seed", type=int, default=0, help="same seed, same clouds")
    parser.add_argument("--north-offset", type=float, default=0.0, metavar="DEG",
                        help="geographic north, degrees clockwise from the scene's +Y")
    parser.add_argument("--keep-sun", action="store_true",
                        help="leave the sun disc in the map (float32 EXR, no lamp needed)")
    parser.add_argument("--city-glow", type=float, default=0.0, metavar="0..1",
                        help="light pollution at night")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..generation.sky import ProceduralSky, SkyOptions
    from ..generation.sky import resolve_lights
    from ..generation.sky.equirect import check_width

    check_width(args.width)
    out = Path(args.out)
    if out.suffix.lower() != ".exr":
        out = out.with_suffix(".exr")
    request = sky_request_for(args)
    resolve_lights(request)          # bad place/time -> a clear error before any work
    options = SkyOptions(sun_in_map=args.keep_sun,
                         city_glow=min(max(args.city_glow, 0.0), 1.0))
    progress = common.Progress()
    progress(0.05, f"computing a {args.width}x{args.width // 2} sky")
    asset = ProceduralSky(options).make_sky(request, args.width, out)
    progress(1.0, f"wrote {asset.exr_path}")
    print(f"{asset.exr_path}: {args.width}x{args.width // 2}, {asset.params['key_body']} at "
          f"azimuth {asset.sun_azimuth_deg:.2f} deg, elevation {asset.sun_elevation_deg:.2f} "
          f"deg, irradiance {asset.sun_irradiance_w_m2:.4g} W/m^2, "
          f"suggested exposure {asset.params['exposure_ev']:+.2f} EV")
    return common.EXIT_OK


def sky_request_for(args: argparse.Namespace):
    """Prompt words -> SkyRequest (the same mapping `build` uses), plus place/time."""
    from ..generation.errors import InputError
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
    try:
        from ..generation.archetypes.common import sky_request
    except ImportError:
        from ..generation.plan import SkyRequest
        haze = max(spec.atmosphere.get("haze", 0.0), 0.6 * spec.atmosphere.get("fog", 0.0))
        return SkyRequest(time_of_day=spec.time_of_day, cloud_cover=spec.cloud_cover,
                          precipitation=spec.precipitation, haze=float(haze), seed=spec.seed)
    return sky_request(spec)
