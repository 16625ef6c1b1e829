"""Today's date, from one place: the checker's date rules and `myoatlas new` must agree.

It is the real date (UTC), never the last commit's: SOURCE_DATE_EPOCH only makes the built
files reproducible (MkDocs dates the sitemap with it); no page shows today's date. Tests and
anyone reproducing a check "as of" a day set MYOATLAS_TODAY=YYYY-MM-DD.
"""
from __future__ import annotations

import datetime as dt
import os
from typing import Mapping

OVERRIDE = "MYOATLAS_TODAY"


def today(environ: Mapping[str, str] | None = None) -> dt.date:
    """MYOATLAS_TODAY when set (YYYY-MM-DD), else the real date in UTC."""
    value = (os.environ if environ is None else environ).get(OVERRIDE, "").strip()
    if value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise SystemExit(f"error: {OVERRIDE}={value!r} is not a date\n  hint: write it as YYYY-MM-DD, or unset it") from None
    return dt.datetime.now(dt.timezone.utc).date()
