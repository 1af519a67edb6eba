"""Material for MkDocs overrides of publisher, shipped inside the package as publisher.theme.

MkDocs never copies .py files from a theme folder, so this marker stays out of the site.
"""
