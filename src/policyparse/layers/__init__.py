"""Extraction layers: each a pure function from lines or tokens to records with their source line."""
