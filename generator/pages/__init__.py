"""Page kinds for the analyst's views: city profiles, the city-by-theme comparison and editions."""
