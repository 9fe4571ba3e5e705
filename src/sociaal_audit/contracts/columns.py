"""The column map: which register column holds which contract field, in Dutch and English.

Headers are compared folded (lower case, no accents, punctuation as spaces, text in brackets left
out), so "Einddatum", "EINDDATUM " and "Einddatum (dd-mm-jjjj)" match the alias "einddatum"; when
no header matches as written, spacing is ignored too ("Eind datum", "Contract nummer").
The default map below covers the headers of common Dutch register exports; extend it with a
YAML file that maps a field to one header or a list of headers::

    # kolommen.yaml
    id: [Kenmerk, Dossiernummer]
    value: Totale waarde (excl. btw)
    financing: Wijze van bekostigen

Put it beside the register as ``<register>.kolommen.yaml`` (``inkoop.csv`` ->
``inkoop.kolommen.yaml``) or as ``kolommen.yaml`` in the register's directory; a program calling
:func:`sociaal_audit.contracts.runner.check_register` may name one as ``options.columns``. User
headers are tried before the defaults.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from .parsing import fold

DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("contractnummer", "contract nummer", "contractnr", "contract id", "contractid", "id", "nummer", "kenmerk",
           "referentie", "contract number", "contract reference", "reference"),
    "title": ("omschrijving", "titel", "contractnaam", "naam contract", "onderwerp", "perceel", "title", "description",
              "contract title", "subject"),
    "supplier": ("leverancier", "aanbieder", "opdrachtnemer", "zorgaanbieder", "contractant", "supplier", "provider",
                 "contractor", "vendor"),
    "supplier_type": ("soort aanbieder", "type aanbieder", "soort leverancier", "type leverancier", "aanbiedertype",
                      "rechtsvorm", "supplier type", "provider type"),
    "domain": ("domein", "wet", "taakveld", "sociaal domein", "domain", "law"),
    "start": ("ingangsdatum", "startdatum", "begindatum", "datum ingang", "looptijd vanaf", "start", "start date",
              "startdate", "begin date", "effective date"),
    "end": ("einddatum", "datum einde", "looptijd tot", "eind", "end", "end date", "enddate", "expiry date"),
    "extensions": ("verlengingsopties", "verlengingsoptie", "verlenging", "verlengingen", "optie verlenging",
                   "opties tot verlenging", "extension options", "extensions", "renewal options", "renewals"),
    "max_end": ("uiterste einddatum", "maximale einddatum", "einddatum incl verlenging", "einddatum inclusief verlengingen",
                "max einddatum", "maximum end date", "max end date", "max extent date", "maxextentdate"),
    "value": ("contractwaarde", "waarde", "totale waarde", "geraamde waarde", "bedrag", "waarde excl btw",
              "contract value", "value", "total value", "amount"),
    "financing": ("bekostiging", "bekostigingsvorm", "financiering", "financieringsvorm", "uitvoeringsvariant",
                  "wijze van bekostiging", "tariefeenheid", "eenheid", "financing", "financing form", "payment model",
                  "unit"),
    "referral_clause": ("verwijsclausule", "maximaal 2 verwijzingen", "max 2 verwijzingen", "verwijzingen",
                        "referral clause", "at most 2 referrals", "referrals"),
    "open_entry": ("tussentijdse toetreding", "toetreding", "open toetreding", "nieuwe aanbieders", "open entry",
                   "interim entry", "new providers"),
    "procedure": ("procedure", "inkoopprocedure", "aanbestedingsprocedure", "inkoopvorm", "procurement procedure",
                  "procurement method"),
    "min_turnover": ("minimale omzet", "minimumomzet", "omzeteis", "eis omzet", "minimum turnover", "turnover requirement"),
    "min_staff": ("minimaal aantal medewerkers", "minimum aantal medewerkers", "minimum fte", "minimaal fte",
                  "personeelseis", "minimum staff", "staff requirement"),
    "zzp_subcontracting": ("onderaanneming zzp", "zzp onderaanneming", "onderaanneming zzp zonder toestemming",
                           "zzp subcontracting", "subcontracting to zzp"),
}
FIELDS = tuple(DEFAULT_COLUMNS)


def normalise_header(header: object) -> str:
    text = fold(str(header or ""))
    text = re.sub(r"\(.*?\)", " ", text)  # "Waarde (EUR)" -> "waarde"
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.replace("'", "")).split())


@dataclass
class ColumnMap:
    """Field -> header aliases (normalised), user aliases first."""

    aliases: dict[str, list[str]] = field(
        default_factory=lambda: {f: [normalise_header(a) for a in names] for f, names in DEFAULT_COLUMNS.items()}
    )

    def extended(self, extra: Mapping[str, object], source: str = "column map") -> "ColumnMap":
        aliases = {f: list(v) for f, v in self.aliases.items()}
        for name, headers in extra.items():
            if name not in aliases:
                raise ValueError(f"{source}: unknown field '{name}' (known: {', '.join(FIELDS)})")
            items = [headers] if isinstance(headers, str) else headers
            if not isinstance(items, list) or not all(isinstance(h, str) for h in items):
                raise ValueError(f"{source}: field '{name}' must map to a header or a list of headers")
            aliases[name] = [normalise_header(h) for h in items] + aliases[name]
        return ColumnMap(aliases)

    def assign(self, headers: Iterable[object]) -> dict[int, str]:
        """Column index -> field, for the headers of one register. Each field takes its first match;
        a header written with other spacing ('Contract nummer', 'Ingangs datum') matches when no
        header matches as written."""
        normal = [normalise_header(h) for h in headers]
        taken: dict[int, str] = {}
        for compare in (lambda h: h, lambda h: h.replace(" ", "")):
            columns = [compare(h) for h in normal]
            for name, aliases in self.aliases.items():
                if name in taken.values():
                    continue
                for alias in aliases:
                    hit = next((i for i, h in enumerate(columns) if h and h == compare(alias) and i not in taken), None)
                    if hit is not None:
                        taken[hit] = name
                        break
        return taken


def load_column_map(path: str | os.PathLike[str]) -> ColumnMap:
    """A column map extended with the YAML file at ``path`` (raises ValueError naming the file)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read column map ({exc})") from None
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: column map is not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a column map must map fields to headers")
    return ColumnMap().extended(data, str(path))


def column_map_for(register_path: str, explicit: str | None = None) -> ColumnMap:
    """The explicit map, else ``<stem>.kolommen.yaml`` or ``kolommen.yaml`` beside the register, else the default."""
    if explicit:
        return load_column_map(explicit)
    p = Path(register_path)
    for candidate in (p.with_name(p.stem + ".kolommen.yaml"), p.with_name("kolommen.yaml")):
        if candidate.is_file():
            return load_column_map(candidate)
    return ColumnMap()
