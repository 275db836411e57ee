"""Medical words explained in plain English: the glossary beside a leaflet."""
