"""Units that make a number a measurement, shared by the rules and the scorer.

"200 ms", "99.95 %" and "40k rps" measure something; "14 July" and "phase 2"
do not. The claim rule (ML204) and the scoring features both ask whether a
number carries one of these.
"""

from __future__ import annotations

#: Durations: a number followed by one of these is a time bound.
TIME_UNITS = frozenset(
    {
        "ms",
        "s",
        "sec",
        "second",
        "seconds",
        "min",
        "mins",
        "minute",
        "minutes",
        "hour",
        "hours",
        "hr",
        "hrs",
        "h",
        "day",
        "days",
    }
)
#: Rates, sizes, shares and counts of capacity that measure a system.
CAPACITY_UNITS = frozenset(
    {
        "%",
        "percent",
        "secs",
        "x",
        "rps",
        "qps",
        "tps",
        "kb",
        "mb",
        "gb",
        "tb",
        "pb",
        "kbps",
        "mbps",
        "gbps",
        "tbps",
        "nines",
        "requests",
        "users",
        "sessions",
        "nodes",
        "regions",
        "pops",
        "servers",
        "usd",
        "$",
    }
)
