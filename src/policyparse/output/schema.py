"""The JSON Schema of the document, and validation of document data from outside.

Both come from the classes of :mod:`policyparse.output.document`: each becomes a pydantic
model with the same name, fields, types, defaults and descriptions (built on first use, so
only this path imports pydantic). The committed ``document.schema.json`` is
:func:`json_schema`; a test fails when the two drift apart.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from . import document
from .document import RECORDS, Record


@cache
def models() -> dict[type, Any]:
    """Each document class → its pydantic model (``extra="forbid"``: an unknown key is an error)."""
    from pydantic import BaseModel, ConfigDict, create_model
    from pydantic import Field as PydanticField

    class _Model(BaseModel):
        model_config = ConfigDict(extra="forbid")

    out: dict[type, Any] = {}
    namespace = dict(vars(document))  # the aliases (Comparator …); class names are rebound below
    for cls in RECORDS:
        hints = cls.__annotations__
        fields: dict[str, Any] = {}
        for name, f in cls.FIELDS.items():
            kw: dict[str, Any] = {"description": f.doc} if f.doc else {}
            if f.factory is not None:
                info = PydanticField(default_factory=f.factory, **kw)
            elif f.required:
                info = PydanticField(**kw)
            else:
                info = PydanticField(f.default, **kw)
            fields[name] = (hints[name], info)
        model = create_model(cls.__name__, __base__=_Model, __doc__=cls.__doc__, __module__=__name__, **fields)
        namespace[cls.__name__] = model
        out[cls] = model
    for model in out.values():  # the annotations are strings: resolve them among the models
        model.model_rebuild(_types_namespace=namespace)
    return out


def json_schema() -> dict[str, Any]:
    """The JSON Schema of :class:`~policyparse.output.document.Document` (``policyparse schema``)."""
    return models()[document.Document].model_json_schema()


def from_data(cls: type[Record], data: Any) -> Any:
    """Validate plain JSON data as ``cls`` and build it from the document classes."""
    model = models()[cls].model_validate(data)
    return _build(cls, model)


_SCALARS = (str, int, float, bool, type(None))


def _build(cls: type[Record], model: Any) -> Any:
    """A document object from its validated pydantic model, field by field."""
    return cls.of(*(_value(getattr(model, name)) for name in cls.FIELDS))


def _value(v: Any) -> Any:
    if isinstance(v, _SCALARS):
        return v
    if isinstance(v, list):
        return [_value(x) for x in v]
    return _build(_classes()[type(v)], v)


@cache
def _classes() -> dict[type, type[Record]]:
    return {model: cls for cls, model in models().items()}
