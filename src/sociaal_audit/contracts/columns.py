"""The column map: which register column holds which contract field, in Dutch and English.

Headers are compared folded (lower case, no accents, punctuation as spaces, text in brackets left
out), so "Einddatum", "EINDDATUM " and "Einddatum (dd-mm-jjjj)" match the alias "einddatum"; when
no header matches as written, spacing is ignored too ("Eind datum", "Contract nummer"). Two things
in brackets do count: a header that includes the extensions ("Einddatum (incl. verlengingen)",
"Looptijd (inclusief opties)") is the maximum end date or term, and a term column's unit
("Looptijd (maanden)", "Duration (months)", also "Looptijd in jaren") counts its bare numbers
(:func:`header_unit`).

The term fields, for registers that give a term instead of an end date:

* ``term`` (Looptijd, Duur, Contractduur, Term, Duration, ...): the initial term, "4 jaar",
  "48 maanden", or with its options, "2+1+1", "3 jaar met 2x1 jaar verlenging"; or the dates,
  "01-01-2023 t/m 31-12-2026". The end date is start plus the term when the register gives none.
* ``max_term`` (Maximale looptijd, Totale looptijd, Looptijd incl. verlengingen, Maximum term, ...):
  the longest the contract can run with every extension, "6 jaar"; the maximum end date is start
  plus this term when the register gives none.

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

import functools
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable, Mapping

import yaml

from .parsing import fold

_UNIT_SUFFIXES = ("in maanden", "maanden", "in mnd", "mnd", "in jaren", "jaren", "in jaar", "jaar", "in dagen", "dagen",
                  "in weken", "weken", "in months", "months", "in years", "years", "in days", "days", "in weeks", "weeks")


def _with_units(*headers: str) -> tuple[str, ...]:
    """Each term header, and the same with its unit after it ('looptijd in maanden', 'duration months');
    a unit in brackets ('Looptijd (maanden)') is matched by the header itself."""
    return headers + tuple(f"{header} {unit}" for header in headers for unit in _UNIT_SUFFIXES)


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
    "term": _with_units("looptijd", "duur", "contractduur", "looptijd contract", "contractlooptijd", "initiele looptijd",
                        "oorspronkelijke looptijd", "looptijd excl verlenging", "looptijd excl verlengingen",
                        "looptijd exclusief verlengingen", "looptijd zonder verlenging", "looptijd zonder verlengingen",
                        "term", "duration", "contract term", "contract duration", "initial term", "initial duration"),
    "max_term": _with_units("maximale looptijd", "max looptijd", "maximum looptijd", "totale looptijd",
                            "looptijd incl verlenging", "looptijd incl verlengingen", "looptijd inclusief verlenging",
                            "looptijd inclusief verlengingen", "looptijd incl opties", "looptijd inclusief opties",
                            "maximum term", "max term", "maximum duration", "max duration", "total duration", "total term",
                            "term including extensions", "duration including extensions"),
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
TERM_FIELDS = ("term", "max_term")

_INCLUDES_EXTENSIONS = re.compile(r"\b(?:incl|inclusief|including)\b\.?\s*(?:de\s+|alle\s+|all\s+)?"
                                  r"(?:verlenging\w*|optie\w*|extension\w*|renewal\w*|option\w*)")
_HEADER_UNITS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("month", re.compile(r"\b(?:maand\w*|kalendermaand\w*|mnd|months?)\b")),
    ("year", re.compile(r"\b(?:jaar|jaren|jr|years?)\b")),
    ("week", re.compile(r"\b(?:weken|week|weeks)\b")),
    ("day", re.compile(r"\b(?:dagen|dag|days?|kalenderdagen)\b")),
)


def header_unit(header: object) -> str | None:
    """The unit a term column counts in, from its header: 'Looptijd (maanden)' and 'Duration in
    months' -> 'month', 'Looptijd (jaren)' -> 'year'; None when the header names none."""
    text = " ".join(re.sub(r"[^0-9a-z]+", " ", fold(str(header or ""))).split())
    found = [kind for kind, rx in _HEADER_UNITS if rx.search(text)]
    return found[0] if len(found) == 1 else None


def normalise_header(header: object, extensions: bool = True) -> str:
    """A header as the map compares it: folded, text in brackets and punctuation left out. With
    ``extensions``, a phrase saying the value includes the extensions is kept, wherever it stands,
    as ' incl verlengingen': 'Einddatum (incl. verlengingen)' is the maximum end date."""
    text = fold(str(header or ""))
    included = _INCLUDES_EXTENSIONS.search(text) if extensions else None
    if included:
        text = text[:included.start()] + " " + text[included.end():]
    text = re.sub(r"\(.*?\)", " ", text)  # "Waarde (EUR)" -> "waarde"
    text = " ".join(re.sub(r"[^0-9a-z]+", " ", text.replace("'", "")).split())
    return f"{text} incl verlengingen" if included else text


@dataclass
class ColumnMap:
    """Field -> header aliases (normalised), user aliases first."""

    aliases: dict[str, list[str]] = field(
        default_factory=lambda: {f: [normalise_header(a) for a in names] for f, names in DEFAULT_COLUMNS.items()}
    )

    @cached_property
    def _squeezed(self) -> dict[str, list[str]]:
        """The aliases without spaces, to match 'Contract nummer' and 'Eind-datum'."""
        return {name: [alias.replace(" ", "") for alias in aliases] for name, aliases in self.aliases.items()}

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
        """Column index -> field, for the headers of one register. Each field takes its first match.
        A header that says it includes the extensions ('Einddatum (incl. verlengingen)') matches
        only a field that does ('max_end') until every header has been tried as written; then it
        matches as if the phrase were not there ('Waarde (incl. verlengingen)' is the value). A
        header written with other spacing ('Contract nummer', 'Ingangs datum') matches last."""
        headers = list(headers)
        written = [normalise_header(h) for h in headers]
        plain = [normalise_header(h, extensions=False) for h in headers]
        taken: dict[int, str] = {}
        passes = ((written, False), (plain, False), ([h.replace(" ", "") for h in written], True),
                  ([h.replace(" ", "") for h in plain], True))
        for columns, squeeze in passes:
            where: dict[str, list[int]] = {}
            for index, header in enumerate(columns):
                if header:
                    where.setdefault(header, []).append(index)
            for name, aliases in self.aliases.items():
                if name in taken.values():
                    continue
                for alias in (self._squeezed[name] if squeeze else aliases):
                    hit = next((i for i in where[alias] if i not in taken), None) if alias in where else None
                    if hit is not None:
                        taken[hit] = name
                        break
        return taken


def load_column_map(path: str | os.PathLike[str]) -> ColumnMap:
    """A column map extended with the YAML file at ``path`` (raises ValueError naming the file).
    The file is read once while it stays as it is, so the registers of a run share one map."""
    try:
        stat = os.stat(path)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read column map ({exc})") from None
    return _load_column_map(os.fspath(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=64)
def _load_column_map(path: str, mtime_ns: int, size: int) -> ColumnMap:
    """:func:`load_column_map` for one version of the file (``mtime_ns`` and ``size`` key the cache)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot read column map ({exc})") from None
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: column map is not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: a column map must map fields to headers")
    return ColumnMap().extended(data, path)


def column_map_for(register_path: str, configured: str | None = None) -> ColumnMap:
    """The column map of a register: ``<stem>.kolommen.yaml`` or ``kolommen.yaml`` beside it (a map
    kept with a register describes it better than the project's), else the ``configured`` map (the
    configuration's ``contracten: {kolommen:}``), else the built-in map."""
    p = Path(register_path)
    for candidate in (p.with_name(p.stem + ".kolommen.yaml"), p.with_name("kolommen.yaml")):
        if candidate.is_file():
            return load_column_map(candidate)
    return load_column_map(configured) if configured else ColumnMap()
