"""Pure generation code: prompt -> SetSpec -> SetPlan -> assets.

Nothing under this package imports bpy, so it runs in tests, in a worker process
that has torch but no Blender, and on a Dask worker.
"""
