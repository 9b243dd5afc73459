"""Views: ways to look at a parsed notice (as opposed to writing it out for programs).

``show`` renders the records :class:`~policyparse.records.Document` on a rich console;
``style`` holds the one palette every view uses, so a role has the same colour in the
terminal and in any report built later. Importing this package imports no rendering
library: each view imports rich when it runs.
"""
