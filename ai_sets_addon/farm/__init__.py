"""Batch renders on a Dask cluster: a declarative job file, tasks, a batch manifest.

    JOBS.toml ──jobfile.load──► JobFile ──tasks.expand──► prepare / paint / render tasks
              ──runner.run_batch (Dask)──► DIR/<set>/set/ (a set folder, made once)
                                           DIR/<set>/<shot>.png (+ .json record)
                                           DIR/batch-manifest.json (after every task)

Pure modules (jobfile, tasks, manifest) import neither bpy nor dask; the runner imports
dask lazily, and only `render_task` (a separate process per shot) imports bpy.
"""
