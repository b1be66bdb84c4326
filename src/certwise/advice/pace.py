"""When study at a pace is done: the one date rule recommend, evaluate and plan share.

>>> from datetime import date
>>> ready_on(date(2026, 12, 1), 40, 5), ready_on(date(2026, 12, 1), 40, 0)
(datetime.date(2027, 1, 26), None)
"""

from __future__ import annotations

import math
from datetime import date, timedelta


def ready_on(start: date, hours: float, hours_per_week: float) -> date | None:
    """The day ``hours`` of study at ``hours_per_week`` are done; None when that is over 100 years away."""
    weeks = hours / hours_per_week if hours_per_week > 0 else math.inf
    if not weeks <= 5200:  # also inf and nan
        return None
    return start + timedelta(weeks=math.ceil(weeks))
