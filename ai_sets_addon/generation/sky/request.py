"""The sky a spec asks for: time of day, clouds, rain, haze and, for a real city, the sun
where it stands there. Here, beside the sky, so that `ai-sets sky` needs no layout code."""

from __future__ import annotations

from ...model.plan import SkyRequest
from ...model.spec import SetSpec

def sky_request(spec: SetSpec, **overrides) -> SkyRequest:
    """The spec's sky; `overrides` set SkyRequest fields (an archetype's sun azimuth...)."""
    haze = max(spec.atmosphere.get("haze", 0.0), 0.6 * spec.atmosphere.get("fog", 0.0))
    request = SkyRequest(time_of_day=spec.time_of_day, cloud_cover=spec.cloud_cover,
                         precipitation=spec.precipitation, haze=float(haze), seed=spec.seed)
    if spec.place:          # a real city: the sun where it stands there at that time
        from .local_time import local_datetime

        request.latitude, request.longitude = spec.place["latitude"], spec.place["longitude"]
        request.datetime_iso = local_datetime(spec.time_of_day, request.latitude,
                                              request.longitude, spec.place["timezone"])
    for name, value in overrides.items():
        setattr(request, name, value)
    return request
