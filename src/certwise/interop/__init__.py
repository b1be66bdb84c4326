"""Open Badges in; CTDL, schema.org and iCalendar out."""
