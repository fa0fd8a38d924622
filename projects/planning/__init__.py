"""Steps 2 and 3: team charter, calendar, timeline, deployment waves."""
