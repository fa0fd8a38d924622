"""The .ics invitation joined to a training convocation (RFC 5545, ``icalendar``)."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event, vCalAddress, vText

PRODID = "-//MSP SI//Formation//FR"


def session_ics(*, uid: str, title: str, starts_at: datetime, duration_minutes: int,
                location: str, description: str, organizer_name: str,
                stamp: datetime) -> bytes:
    """One VEVENT for the session, in UTC, with a stable UID so a re-send updates it."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", starts_at)
    event.add("dtend", starts_at + timedelta(minutes=duration_minutes))
    event.add("summary", title)
    if location:
        event.add("location", vText(location))
    event.add("description", description)
    organizer = vCalAddress("mailto:noreply@msp-si.invalid")
    organizer.params["cn"] = vText(organizer_name)
    event["organizer"] = organizer
    calendar.add_component(event)
    return calendar.to_ical()
