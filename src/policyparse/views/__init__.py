"""Human-facing views of parsed notices."""
