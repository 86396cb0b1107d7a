"""The web app's files: HTML, scripts, styles and vendored libraries (served by marsad.api)."""
