"""E-mail reminders: what is due (rules), who receives it, sent once a day (services)."""
