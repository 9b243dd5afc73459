"""The constructors of the document classes, generated from their fields by
``python -m policyparse.output.document``: compiled with this module rather than at each
start-up. Do not edit; a test holds it current (a stale entry is only compiled at run time)."""

# ruff: noqa

_new = object.__new__
CONSTRUCTORS: dict = {}


# Span
def __init__(self, start, end):
    self.start = start
    self.end = end
def of(cls, start, end):
    self = _new(cls)
    self.start = start
    self.end = end
    return self

CONSTRUCTORS['def __init__(self, start, end):\n    self.start = start\n    self.end = end\ndef of(cls, start, end):\n    self = _new(cls)\n    self.start = start\n    self.end = end\n    return self\n'] = (__init__, of)


# Department
def __init__(self, name, raw, known_as=None):
    self.name = name
    self.raw = raw
    self.known_as = known_as
def of(cls, name, raw, known_as=None):
    self = _new(cls)
    self.name = name
    self.raw = raw
    self.known_as = known_as
    return self

CONSTRUCTORS['def __init__(self, name, raw, known_as=None):\n    self.name = name\n    self.raw = raw\n    self.known_as = known_as\ndef of(cls, name, raw, known_as=None):\n    self = _new(cls)\n    self.name = name\n    self.raw = raw\n    self.known_as = known_as\n    return self\n'] = (__init__, of)


# Deadline
def __init__(self, raw, kind, year=None, month=None, end_year=None, end_month=None):
    self.raw = raw
    self.kind = kind
    self.year = year
    self.month = month
    self.end_year = end_year
    self.end_month = end_month
def of(cls, raw, kind, year=None, month=None, end_year=None, end_month=None):
    self = _new(cls)
    self.raw = raw
    self.kind = kind
    self.year = year
    self.month = month
    self.end_year = end_year
    self.end_month = end_month
    return self

CONSTRUCTORS['def __init__(self, raw, kind, year=None, month=None, end_year=None, end_month=None):\n    self.raw = raw\n    self.kind = kind\n    self.year = year\n    self.month = month\n    self.end_year = end_year\n    self.end_month = end_month\ndef of(cls, raw, kind, year=None, month=None, end_year=None, end_month=None):\n    self = _new(cls)\n    self.raw = raw\n    self.kind = kind\n    self.year = year\n    self.month = month\n    self.end_year = end_year\n    self.end_month = end_month\n    return self\n'] = (__init__, of)


# Assignment
def __init__(self, line, seq=1, *, raw, span=None, form, lead=None, support=None, responsible=None, departments=None, and_others=False, deadline=None, steps=None, task=None, page=None):
    self.line = line
    self.seq = seq
    self.raw = raw
    self.span = span
    self.form = form
    self.lead = [] if lead is None else lead
    self.support = [] if support is None else support
    self.responsible = [] if responsible is None else responsible
    self.departments = [] if departments is None else departments
    self.and_others = and_others
    self.deadline = deadline
    self.steps = steps
    self.task = task
    self.page = page
def of(cls, line, seq, raw, span, form, lead, support, responsible, departments, and_others=False, deadline=None, steps=None, task=None, page=None):
    self = _new(cls)
    self.line = line
    self.seq = seq
    self.raw = raw
    self.span = span
    self.form = form
    self.lead = lead
    self.support = support
    self.responsible = responsible
    self.departments = departments
    self.and_others = and_others
    self.deadline = deadline
    self.steps = steps
    self.task = task
    self.page = page
    return self

CONSTRUCTORS['def __init__(self, line, seq=1, *, raw, span=None, form, lead=None, support=None, responsible=None, departments=None, and_others=False, deadline=None, steps=None, task=None, page=None):\n    self.line = line\n    self.seq = seq\n    self.raw = raw\n    self.span = span\n    self.form = form\n    self.lead = [] if lead is None else lead\n    self.support = [] if support is None else support\n    self.responsible = [] if responsible is None else responsible\n    self.departments = [] if departments is None else departments\n    self.and_others = and_others\n    self.deadline = deadline\n    self.steps = steps\n    self.task = task\n    self.page = page\ndef of(cls, line, seq, raw, span, form, lead, support, responsible, departments, and_others=False, deadline=None, steps=None, task=None, page=None):\n    self = _new(cls)\n    self.line = line\n    self.seq = seq\n    self.raw = raw\n    self.span = span\n    self.form = form\n    self.lead = lead\n    self.support = support\n    self.responsible = responsible\n    self.departments = departments\n    self.and_others = and_others\n    self.deadline = deadline\n    self.steps = steps\n    self.task = task\n    self.page = page\n    return self\n'] = (__init__, of)


# Target
def __init__(self, line, text, span, value, unit, comparator, year=None, pending=False, subject=None, page=None):
    self.line = line
    self.text = text
    self.span = span
    self.value = value
    self.unit = unit
    self.comparator = comparator
    self.year = year
    self.pending = pending
    self.subject = subject
    self.page = page
def of(cls, line, text, span, value, unit, comparator, year=None, pending=False, subject=None, page=None):
    self = _new(cls)
    self.line = line
    self.text = text
    self.span = span
    self.value = value
    self.unit = unit
    self.comparator = comparator
    self.year = year
    self.pending = pending
    self.subject = subject
    self.page = page
    return self

CONSTRUCTORS['def __init__(self, line, text, span, value, unit, comparator, year=None, pending=False, subject=None, page=None):\n    self.line = line\n    self.text = text\n    self.span = span\n    self.value = value\n    self.unit = unit\n    self.comparator = comparator\n    self.year = year\n    self.pending = pending\n    self.subject = subject\n    self.page = page\ndef of(cls, line, text, span, value, unit, comparator, year=None, pending=False, subject=None, page=None):\n    self = _new(cls)\n    self.line = line\n    self.text = text\n    self.span = span\n    self.value = value\n    self.unit = unit\n    self.comparator = comparator\n    self.year = year\n    self.pending = pending\n    self.subject = subject\n    self.page = page\n    return self\n'] = (__init__, of)


# Node
def __init__(self, marker, kind, number=None, title=None, text='', *, line, end_line, depth=0, assignments=None, targets=None, children=None, page=None):
    self.marker = marker
    self.kind = kind
    self.number = number
    self.title = title
    self.text = text
    self.line = line
    self.end_line = end_line
    self.depth = depth
    self.assignments = [] if assignments is None else assignments
    self.targets = [] if targets is None else targets
    self.children = [] if children is None else children
    self.page = page
def of(cls, marker, kind, number, title, text, line, end_line, depth, assignments, targets, children, page=None):
    self = _new(cls)
    self.marker = marker
    self.kind = kind
    self.number = number
    self.title = title
    self.text = text
    self.line = line
    self.end_line = end_line
    self.depth = depth
    self.assignments = assignments
    self.targets = targets
    self.children = children
    self.page = page
    return self

CONSTRUCTORS["def __init__(self, marker, kind, number=None, title=None, text='', *, line, end_line, depth=0, assignments=None, targets=None, children=None, page=None):\n    self.marker = marker\n    self.kind = kind\n    self.number = number\n    self.title = title\n    self.text = text\n    self.line = line\n    self.end_line = end_line\n    self.depth = depth\n    self.assignments = [] if assignments is None else assignments\n    self.targets = [] if targets is None else targets\n    self.children = [] if children is None else children\n    self.page = page\ndef of(cls, marker, kind, number, title, text, line, end_line, depth, assignments, targets, children, page=None):\n    self = _new(cls)\n    self.marker = marker\n    self.kind = kind\n    self.number = number\n    self.title = title\n    self.text = text\n    self.line = line\n    self.end_line = end_line\n    self.depth = depth\n    self.assignments = assignments\n    self.targets = targets\n    self.children = children\n    self.page = page\n    return self\n"] = (__init__, of)


# Diagnostic
def __init__(self, code, severity, message, line=None, column=None):
    self.code = code
    self.severity = severity
    self.message = message
    self.line = line
    self.column = column
def of(cls, code, severity, message, line=None, column=None):
    self = _new(cls)
    self.code = code
    self.severity = severity
    self.message = message
    self.line = line
    self.column = column
    return self

CONSTRUCTORS['def __init__(self, code, severity, message, line=None, column=None):\n    self.code = code\n    self.severity = severity\n    self.message = message\n    self.line = line\n    self.column = column\ndef of(cls, code, severity, message, line=None, column=None):\n    self = _new(cls)\n    self.code = code\n    self.severity = severity\n    self.message = message\n    self.line = line\n    self.column = column\n    return self\n'] = (__init__, of)


# SourceInfo
def __init__(self, path=None, format='text', *, sha256, encoding, bom=False, newline='\n', lines, bytes):
    self.path = path
    self.format = format
    self.sha256 = sha256
    self.encoding = encoding
    self.bom = bom
    self.newline = newline
    self.lines = lines
    self.bytes = bytes
def of(cls, path, format, sha256, encoding, bom, newline, lines, bytes):
    self = _new(cls)
    self.path = path
    self.format = format
    self.sha256 = sha256
    self.encoding = encoding
    self.bom = bom
    self.newline = newline
    self.lines = lines
    self.bytes = bytes
    return self

CONSTRUCTORS["def __init__(self, path=None, format='text', *, sha256, encoding, bom=False, newline='\\n', lines, bytes):\n    self.path = path\n    self.format = format\n    self.sha256 = sha256\n    self.encoding = encoding\n    self.bom = bom\n    self.newline = newline\n    self.lines = lines\n    self.bytes = bytes\ndef of(cls, path, format, sha256, encoding, bom, newline, lines, bytes):\n    self = _new(cls)\n    self.path = path\n    self.format = format\n    self.sha256 = sha256\n    self.encoding = encoding\n    self.bom = bom\n    self.newline = newline\n    self.lines = lines\n    self.bytes = bytes\n    return self\n"] = (__init__, of)


# Meta
def __init__(self, title=None, title_line=None, plan_title=None, issuer=None, date=None, date_line=None, addressees=None, draft=False, doc_number=None, doc_numbers=None, attachments=None, implied_responsible=None, first_listed_leads=False):
    self.title = title
    self.title_line = title_line
    self.plan_title = plan_title
    self.issuer = issuer
    self.date = date
    self.date_line = date_line
    self.addressees = addressees
    self.draft = draft
    self.doc_number = doc_number
    self.doc_numbers = [] if doc_numbers is None else doc_numbers
    self.attachments = [] if attachments is None else attachments
    self.implied_responsible = [] if implied_responsible is None else implied_responsible
    self.first_listed_leads = first_listed_leads
def of(cls, title, title_line, plan_title, issuer, date, date_line, addressees, draft, doc_number, doc_numbers, attachments, implied_responsible, first_listed_leads=False):
    self = _new(cls)
    self.title = title
    self.title_line = title_line
    self.plan_title = plan_title
    self.issuer = issuer
    self.date = date
    self.date_line = date_line
    self.addressees = addressees
    self.draft = draft
    self.doc_number = doc_number
    self.doc_numbers = doc_numbers
    self.attachments = attachments
    self.implied_responsible = implied_responsible
    self.first_listed_leads = first_listed_leads
    return self

CONSTRUCTORS['def __init__(self, title=None, title_line=None, plan_title=None, issuer=None, date=None, date_line=None, addressees=None, draft=False, doc_number=None, doc_numbers=None, attachments=None, implied_responsible=None, first_listed_leads=False):\n    self.title = title\n    self.title_line = title_line\n    self.plan_title = plan_title\n    self.issuer = issuer\n    self.date = date\n    self.date_line = date_line\n    self.addressees = addressees\n    self.draft = draft\n    self.doc_number = doc_number\n    self.doc_numbers = [] if doc_numbers is None else doc_numbers\n    self.attachments = [] if attachments is None else attachments\n    self.implied_responsible = [] if implied_responsible is None else implied_responsible\n    self.first_listed_leads = first_listed_leads\ndef of(cls, title, title_line, plan_title, issuer, date, date_line, addressees, draft, doc_number, doc_numbers, attachments, implied_responsible, first_listed_leads=False):\n    self = _new(cls)\n    self.title = title\n    self.title_line = title_line\n    self.plan_title = plan_title\n    self.issuer = issuer\n    self.date = date\n    self.date_line = date_line\n    self.addressees = addressees\n    self.draft = draft\n    self.doc_number = doc_number\n    self.doc_numbers = doc_numbers\n    self.attachments = attachments\n    self.implied_responsible = implied_responsible\n    self.first_listed_leads = first_listed_leads\n    return self\n'] = (__init__, of)


# Document
def __init__(self, schema_version='1.0', *, parser_version, source, meta, children=None, diagnostics=None):
    self.schema_version = schema_version
    self.parser_version = parser_version
    self.source = source
    self.meta = meta
    self.children = [] if children is None else children
    self.diagnostics = [] if diagnostics is None else diagnostics
def of(cls, schema_version, parser_version, source, meta, children, diagnostics):
    self = _new(cls)
    self.schema_version = schema_version
    self.parser_version = parser_version
    self.source = source
    self.meta = meta
    self.children = children
    self.diagnostics = diagnostics
    return self

CONSTRUCTORS["def __init__(self, schema_version='1.0', *, parser_version, source, meta, children=None, diagnostics=None):\n    self.schema_version = schema_version\n    self.parser_version = parser_version\n    self.source = source\n    self.meta = meta\n    self.children = [] if children is None else children\n    self.diagnostics = [] if diagnostics is None else diagnostics\ndef of(cls, schema_version, parser_version, source, meta, children, diagnostics):\n    self = _new(cls)\n    self.schema_version = schema_version\n    self.parser_version = parser_version\n    self.source = source\n    self.meta = meta\n    self.children = children\n    self.diagnostics = diagnostics\n    return self\n"] = (__init__, of)
