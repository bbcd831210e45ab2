"""From screenplay to storyboard (pure: no bpy).

    screenplay  Fountain / Final Draft (.fdx) -> scenes (heading, location, time,
                characters, action, page eighths), with the line at fault on bad input
    locations   scenes grouped by location -> one set (prompt) per location
    coverage    a named coverage pattern -> each scene's shot list (sizes, lenses)
    floor       the set folder's geometry seen from above: walls, openings, furniture
                footprints, navigable floor; figure marks and camera placement
    plot        the overhead plot PNG (plan, cameras with cones, marks, scale bar)
    outputs     shots.csv, the .otio timeline and the batch job file
    board       the storyboard pages (PNG + PDF): per scene its plot and its frames

The Blender half (building sets, stand-in figures, rendering) is
blender/script.py; `ai-sets script` is cli/script.py.
"""
