"""The website: generated pages, search, social cards, the MkDocs plugin and publishing."""
