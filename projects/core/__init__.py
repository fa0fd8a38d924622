"""The project itself: identity, sites, members and roles, home pages, history page."""
