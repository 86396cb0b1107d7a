"""Time expressions: dates, periods, durations and recurrences in Arabic news, resolved
relative to the published date. `resolve_times` is the pipeline stage."""

from marsad.temporal.stage import resolve_times

__all__ = ["resolve_times"]
