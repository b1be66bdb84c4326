"""Numbers the rules share, each defined once (the guide's and the calendar's)."""

WEEKS_PER_MONTH = 52 / 12
"""Weeks in an average month: study months ↔ weeks everywhere (plan, stacks, scoring)."""

HORIZON_YEARS = 3
"""The cost horizon: "what it costs over three years" (renewals included)."""
