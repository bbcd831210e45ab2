"""Virtual location scouting: camera bodies and lenses as on set, shot lists, time of
day, previs camera moves and storyboards.

The pure part (this package, no bpy): `cameras` (bodies, lenses, anamorphic squeeze,
frame lines, depth of field), `shots` (the shot list as data and `shots.json`), `daylight` (when practicals switch on),
`moves` (previs moves, handheld shake, collision checks with the set's ray caster),
`sheets` (storyboard contact sheets, PNG and PDF). The Blender part is `scout.blender`.
Places (city -> latitude, longitude, time zone) live in `generation.places`: the prompt
parser's stage reads them too.
"""
