"""Words: every message in English and Spanish (gettext catalogues under locale/), numbers, months, plural forms.
May import nothing of the dashboard: every other layer uses it."""
