"""docs/grammar.md is what the schema generates, and every grammar key is described."""

from __future__ import annotations

import os
import subprocess
import sys

import pydantic
import pytest
import yaml

from policyparse.grammar import GRAMMAR_FILES, builtin_grammar_dir
from policyparse.grammar import reference as R
from policyparse.grammar import schema as S

from .conftest import ROOT

DOC = ROOT / "docs" / "grammar.md"


def test_committed_reference_is_what_the_generator_writes() -> None:
    assert DOC.read_text(encoding="utf-8") == R.generate(), (
        f"the grammar schema changed: regenerate with `{R.COMMAND}`"
    )


def test_the_command_prints_the_reference() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    r = subprocess.run([sys.executable, "-m", "policyparse.grammar.reference"], capture_output=True,
                       env=env, check=True)
    assert r.stdout == DOC.read_bytes()


def test_every_schema_field_and_model_has_a_description() -> None:
    assert R.undocumented() == []


def test_every_schema_model_is_part_of_the_grammar() -> None:
    """A model of schema.py that GrammarData does not reach would escape the reference."""
    defined = {v for k, v in vars(S).items() if isinstance(v, type) and issubclass(v, pydantic.BaseModel)
               and v.__module__ == S.__name__ and not k.startswith("_")}
    assert defined == set(R.models())


def test_a_field_without_a_description_is_found() -> None:
    class Inner(pydantic.BaseModel):
        """Documented."""

        a: int = pydantic.Field(1, description="described")
        b: int = 2

    class Outer(pydantic.BaseModel):
        items: list[Inner]

    assert R.undocumented(Outer) == ["items", "items[].b", "Outer"]


def _key_paths(value: object, model: type[pydantic.BaseModel], prefix: str) -> set[str]:
    """The key paths ``value`` (YAML data validated by ``model``) uses; the keys of a map-typed
    field (aliases, table_headers) are data, not grammar keys."""
    out: set[str] = set()
    assert isinstance(value, dict)
    for key, v in value.items():
        path = prefix + key
        out.add(path)
        field = model.model_fields[key]
        inner = R._model_of(field.annotation)
        if inner is None:
            continue
        for item in (v if isinstance(v, list) else [v]):
            out |= _key_paths(item, inner, path + ("[]." if isinstance(v, list) else "."))
    return out


@pytest.mark.parametrize("name", GRAMMAR_FILES)
def test_every_key_of_the_builtin_grammar_is_in_the_reference(name: str) -> None:
    data = yaml.safe_load((builtin_grammar_dir() / f"{name}.yaml").read_text(encoding="utf-8"))
    model = R._model_of(S.GrammarData.model_fields[name].annotation)
    documented = {path for path, _f, _m in R.walk(model)}
    used = _key_paths(data, model, "")
    assert used <= documented
    section = DOC.read_text(encoding="utf-8").split(f"## {name}.yaml", 1)[1].split("\n## ", 1)[0]
    for path in used:
        assert f"| `{path}` |" in section


def test_type_and_default_cells() -> None:
    fields = S.MarkerKind.model_fields
    assert R.type_name(fields["needs_sequence"].annotation) == "one of `never`, `unspaced`, `always`"
    assert R.type_name(S.MarkersFile.model_fields["enumeration"].annotation) == "string or null"
    assert R.type_name(S.MarkersFile.model_fields["kinds"].annotation) == "list of mappings"
    assert R.type_name(S.TargetsFile.model_fields["plan_periods"].annotation) == "map of string → integer"
    assert R.default_text(fields["enumerates"]) == "`false`"
    assert R.default_text(fields["name"]) == "*required*"
    assert R.default_text(S.DepartmentsFile.model_fields["aliases"]) == "`{}`"
