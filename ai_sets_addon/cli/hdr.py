"""`ai-sets hdr PANO --out sky.exr`: lift an LDR 360° panorama to a true-HDR sky."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from ..core import limits
from . import common

# --response -> the LiftOptions.response tone curve (generation/hdr/response.py FAMILY):
# 'filmic' is the family's AgX-range member at contrast 2 (the test camera, close to
# Blender's Filmic view); 'agx' and 'pbr-neutral' are Blender's views of those names
RESPONSES = {"auto": "auto", "srgb": "srgb", "gamma": "gamma 2.2", "filmic": "filmic 2",
             "agx": "agx", "pbr-neutral": "pbr-neutral"}
# Blender's view names, as its Color Management panel spells them (any case)
VIEW_NAMES = {"standard": "srgb", "khronos pbr neutral": "pbr-neutral",
              "khronos-pbr-neutral": "pbr-neutral"}


def response_name(text: str) -> str:
    """--response's value in any case, Blender's view names taken for their curves."""
    name = " ".join(text.lower().split())
    return VIEW_NAMES.get(name, name)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "hdr", help="lift an LDR 360° panorama (PNG, JPEG, EXR) to a true-HDR sky",
        formatter_class=common.HelpFormatter,
        description="Linearise an equirectangular 2:1 panorama, find the sun (or decide "
                    "there is none: overcast, night), fit our clear-sky model to the "
                    "unclipped sky, restore the 0.53° sun disc at the irradiance the fit "
                    "implies and expand the other highlights. Writes SKY.exr (W/m²/sr), "
                    "SKY.png (preview) and SKY.json (sun, fit, confidence).")
    parser.add_argument("panorama", type=common.output_path, metavar="PANO",
                        help=f"PNG (8 or 16 bit), JPEG or EXR, 2:1, {limits.HDRI_WIDTH.rules} wide")
    parser.add_argument("--out", required=True, type=common.output_path, metavar="SKY.exr",
                        help="the EXR to write; SKY.png and SKY.json go beside it")
    parser.add_argument("--sun", default="auto", type=sun_argument, metavar="auto|AZ,EL",
                        help="'auto' finds it in the image; AZ,EL in degrees (azimuth "
                             "clockwise from +Y/north, elevation above the horizon) puts "
                             "it there (default auto)")
    parser.add_argument("--datetime", metavar="ISO8601",
                        help="with --lat and --lon: the sun's position at that place and "
                             "time, e.g. 2024-06-21T18:30:00+02:00 (default: none)")
    parser.add_argument("--lat", type=common.finite_float(-90.0, 90.0, "a latitude"),
                        metavar="DEG", help="latitude, -90..90, north positive (default: none)")
    parser.add_argument("--lon", type=common.finite_float(-180.0, 180.0, "a longitude"),
                        metavar="DEG", help="longitude, -180..180, east positive "
                                            "(default: none)")
    parser.add_argument("--north-offset", type=common.finite_float(-360.0, 360.0, "an angle"),
                        default=0.0, metavar="DEG",
                        help="with --datetime: geographic north, degrees clockwise from the "
                             "panorama's north (u = 0.25), -360..360 (default 0)")
    parser.add_argument("--expand-ev", type=common.finite_float(0.0, 8.0, "a number of stops"),
                        default=2.0, metavar="EV",
                        help="how far clipped highlights other than the sun are expanded, "
                             "0..8 stops (default 2: 4x the clip level)")
    parser.add_argument("--response", default="auto", choices=sorted(RESPONSES),
                        type=response_name,
                        help="the file's tone curve: 'auto' estimates it from the sky; "
                             "'srgb', 'gamma' (2.2), 'filmic' (an AgX-like log curve), "
                             "'agx' (Blender's AgX view) or 'pbr-neutral' (Khronos PBR "
                             "Neutral, Blender's view of that name) decode it with that "
                             "curve instead; Blender's view names are taken too ('AgX', "
                             "'Khronos PBR Neutral', 'Standard' = sRGB) (8/16-bit files "
                             "only; default auto)")
    parser.add_argument("--white-balance", type=common.kelvin, default=None,
                        metavar="K", help="the white balance the camera shot it at, in "
                        "kelvin, 1800..15000 (5600 for daylight): undone, so the sky "
                        "comes back in the light's own colours; a low sun is read from "
                        "its colour (default: none, the file's colours as they are)")
    parser.add_argument("--tint", type=common.finite_float(-150.0, 150.0, "a tint"),
                        default=0.0, help="with --white-balance: its tint, -150..150, + is "
                                          "green (default: 0)")
    parser.set_defaults(func=run)


def sun_argument(text: str) -> tuple[float, float] | str:
    """'auto' or 'AZ,EL' (degrees, finite, elevation -90..90)."""
    if text.strip().lower() == "auto":
        return "auto"
    try:
        az, el = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is not 'auto' or AZ,EL in degrees, e.g. 250,6") from None
    if not (math.isfinite(az) and math.isfinite(el)) or not -90.0 <= el <= 90.0:
        raise argparse.ArgumentTypeError(f"'{text}': azimuth must be finite and elevation "
                                         "-90..90 degrees")
    return az % 360.0, el


def run(args: argparse.Namespace) -> int:
    from ..generation.hdr import lift, read_panorama, write_lift

    from ..core.fileio import check_apart
    from ..generation.sky.output import check_outputs, outputs_of

    out = Path(args.out)
    if out.suffix.lower() != ".exr":
        out = out.with_suffix(".exr")
    check_apart(outputs_of(out), inputs=[args.panorama], option=f"--out '{args.out}'")
    check_outputs(out)
    options = _options(args)
    progress = common.Progress()
    pano = read_panorama(args.panorama)
    if pano.source == "exr" and args.response != "auto":
        from ..core.errors import InputError
        raise InputError(f"--response {args.response}: {args.panorama} is an EXR, read as "
                         "linear light; a tone curve applies only to an 8- or 16-bit PNG "
                         "or JPEG. Leave --response out for an EXR.")
    progress(0.2, f"read {args.panorama} ({pano.width}x{pano.width // 2}, {pano.source})")
    result = lift(pano, options)
    progress(0.8, "lifted; writing")
    exr, _, _, pixel_type = write_lift(out, result, pano, args.expand_ev)
    progress(1.0, f"wrote {exr}")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(_summary(exr, result, pixel_type))
    return common.EXIT_OK


def _options(args: argparse.Namespace):
    from ..core.errors import InputError
    from ..generation.hdr import LiftOptions

    common_ = {"expand_ev": args.expand_ev, "response": RESPONSES[args.response],
               "white_balance": None if args.white_balance is None
               else (args.white_balance, args.tint)}
    if args.tint and args.white_balance is None:
        raise InputError(f"--tint {args.tint:g} needs --white-balance K: the tint is the "
                         "camera white balance's. Give both, or neither.")
    place = [args.datetime, args.lat, args.lon]
    if any(v is not None for v in place):
        if args.sun != "auto":
            raise InputError("give either --sun AZ,EL or --datetime/--lat/--lon, not both.")
        el, az = _sun_at(args)
        return LiftOptions(sun=(az, el), sun_source="place_time", **common_)
    if args.sun == "auto":
        return LiftOptions(**common_)
    return LiftOptions(sun=args.sun, sun_source="given", **common_)


def _sun_at(args: argparse.Namespace) -> tuple[float, float]:
    from ..model.plan import SkyRequest
    from ..generation.sky import resolve_sun

    request = SkyRequest(latitude=args.lat, longitude=args.lon, datetime_iso=args.datetime,
                         north_offset_deg=args.north_offset)
    return resolve_sun(request)


def _summary(exr: Path, result, pixel_type: str) -> str:
    sun = result.sun
    if not sun.found:
        return f"{exr}: no sun ({sun.reason}); {pixel_type} EXR"
    fit = result.fit
    return (f"{exr}: sun at azimuth {sun.azimuth_deg:.2f} deg, elevation "
            f"{sun.elevation_deg:.2f} deg ({sun.method}), irradiance {result.irradiance:.4g} "
            f"W/m^2, haze {fit.haze:.2f}, fit residual {fit.residual:.3f}, confidence "
            f"{result.confidence:.2f}; read with the {result.response}; {pixel_type} EXR")
