"""Virtual location scouting: camera bodies and lenses as on set, shot lists, time of
day, previs camera moves and storyboards.

The pure part (this package, no bpy): `cameras` (bodies, lenses, anamorphic squeeze,
frame lines, depth of field), `shots` (the shot list as data and `shots.json`), `daylight` (when practicals switch on),
`moves` (previs moves, handheld shake, collision checks with the set's ray caster),
`sheets` (storyboard contact sheets, PNG and PDF), `exposure` (ISO, shutter, T-stop
and ND in physical units, auto settings, the light meter's maths, white balance, false
colour, zebras, lens falloff and grain). The Blender part is in `ai_sets_addon.blender`.
Places (city -> latitude, longitude, time zone) live in `generation.gazetteer`: the prompt
parser's stage reads them too.
"""
