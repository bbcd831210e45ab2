"""Components places are composed from, at real sizes (one mesh kernel, named random
streams): `sites` (the ground of an open-air place, its water and far relief) and
`structures` (what stands on a site and defines it: pump islands under a canopy, a
lighthouse, a pier, boats, market stalls, reeds...). Enclosures are the interior
room's shell (archetypes.interior_room: a room, an attic under a sloped roof, a
windowless cabin, a vault) and the archetypes' own halls, corridors and platforms.
"""
