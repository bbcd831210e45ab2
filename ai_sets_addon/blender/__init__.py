"""The Blender half of scouting: cameras, shots, time of day, storyboards, animatics.
Imports bpy; the pure half is `ai_sets_addon.scout`."""
