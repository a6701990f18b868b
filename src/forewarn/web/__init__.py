"""The analysts' pages of `forewarn serve`: Jinja2 templates and static files (with the
chart and graph libraries vendored from npm) shipped inside the package."""
