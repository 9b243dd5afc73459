"""policyparse: Chinese government policy notices → validated, structured data.

>>> import policyparse
>>> doc = policyparse.parse_text("一、总体要求\n（一）加强统筹。做好工作。（牵头单位：省发展改革委）\n")
>>> doc.children[0].children[0].assignments[0].lead
['省发展改革委']
"""

__version__ = "0.1.0"

from .errors import PolicyParseError  # noqa: E402
from .models import SCHEMA_VERSION, Assignment, Document, Node, Target  # noqa: E402
from .pipeline import parse_bytes, parse_file, parse_text  # noqa: E402

__all__ = [
    "__version__",
    "SCHEMA_VERSION",
    "Assignment",
    "Document",
    "Node",
    "PolicyParseError",
    "Target",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
