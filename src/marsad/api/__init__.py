"""The REST API and web app over a store: `marsad serve`."""
