"""Pack examples for register rules: each example is one contract as a YAML mapping (keys are field
names or register headers), a YAML list of contracts, or a list of such strings (one contract each,
for portfolio rules). The rule runs on that register; its status is what the example expects."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .columns import ColumnMap
from .model import Contract, Register
from .readers import RowProblem
from .readers.listfile import contracts_from_mappings


@dataclass(frozen=True)
class ExampleOutcome:
    status: str
    message: str


def example_contracts(example: str | list[str]) -> list[Contract]:
    """Parse an example into contracts; raises ValueError naming the problem."""
    texts = [example] if isinstance(example, str) else list(example)
    items: list[object] = []
    for text in texts:
        data = yaml.safe_load(text)
        items.extend(data if isinstance(data, list) else [data])
    contracts: list[Contract] = []
    for item in contracts_from_mappings(items, ColumnMap(), label="voorbeeld"):
        if isinstance(item, RowProblem):
            raise ValueError(f"{item.source}: {item.message}")
        contracts.append(item)
    return contracts


def run_register_example(rule, example: str | list[str], lang: str = "nl") -> ExampleOutcome:
    from ..engine import Engine

    try:
        contracts = example_contracts(example)
    except (ValueError, yaml.YAMLError) as exc:
        return ExampleOutcome("error", f"example is not a contract: {exc}")
    engine = Engine([], lang=lang)
    engine.register_rules = [rule]
    result = engine.check_register(Register(path="voorbeeld", format="list", contracts=contracts))
    tally = result.tallies[0]
    status = ("fail" if tally.failed else "error" if tally.errors else "pass" if tally.passed else "not_applicable")
    finding = next((f for f in result.findings if f.status == status), None)
    message = finding.message if finding else f"{tally.passed} in orde, {tally.not_applicable} niet van toepassing"
    return ExampleOutcome(status, message)
