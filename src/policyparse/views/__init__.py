"""Views: ways to look at a parsed notice (as opposed to writing it out for programs).

``show`` renders the :class:`~policyparse.output.document.Document` on a rich console and
``report`` writes a self-contained HTML review page; ``style`` holds the one palette of
roles. Importing this package imports no rendering library: each view imports what it
needs when it runs.
"""
