"""The project team: roles, invitations by e-mail, the team page."""
