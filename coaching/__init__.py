"""Orders, reports and the coaches' work on them; also the site's user accounts."""
