"""The wall clock of the practices and labs. Times are stored in UTC and shown in this zone
(one zone for every institution until institutions get a time-zone setting)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

PRACTICE_TZ = ZoneInfo("Europe/Paris")
