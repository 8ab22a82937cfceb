"""The same stages on a Dask cluster, for crawls that outgrow one machine.

:func:`run_on_dask` maps the per-document work (:func:`chronicle.workflow.analyse_batch`,
unchanged) over input partitions on the workers, each of which writes its share of
Parquet (documents, sentences, events); the cross-source step
(:func:`chronicle.workflow.cross_source`, unchanged) then runs as a task on the cluster, and
the result is loaded into the store and/or left as Parquet for DuckDB/pandas users.
Nothing here reimplements a stage.
"""

from chronicle.scale.dask_runner import DaskSummary, partition_files, run_on_dask

__all__ = ["DaskSummary", "partition_files", "run_on_dask"]
