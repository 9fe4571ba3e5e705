"""The contract model: one row of a contract register or one contract of an OCDS release.

Fields accept what registers contain (Dutch dates, "1.250.000,00", "2x1 jaar", "per uur", "ja");
validators turn them into typed values (see :mod:`sociaal_audit.contracts.parsing` and
:mod:`sociaal_audit.contracts.financing`). Derived figures that rules use:

* :attr:`Contract.end`: as the register gives it, else start plus the term (a ``Looptijd`` of
  "4 jaar" or "48 maanden", OCDS ``durationInDays``);
* :attr:`Contract.possible_end`: the latest date the contract can run to: the maximum end date
  when given (OCDS ``maxExtentDate``, the ceiling for extensions; or start plus a maximum term),
  else the end of the term or the end date, whichever is later, plus all extension options;
* :attr:`Contract.possible_years`: the term from start to ``possible_end`` in years;
* :attr:`Contract.entry_open`: whether new providers can join during the term (stated, or derived
  from the procedure: an open house admits, a European tender closes the field).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from enum import Enum
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .financing import FinancingForm, financing_form, form_from_unit
from .parsing import (
    ContractTerm, ExtensionOptions, add_months, fold, format_extensions, is_empty, months_between, parse_amount,
    parse_bool, parse_count, parse_date, parse_extensions, parse_subcontracting, parse_term, parse_yearly_amount,
)
from .reasons import ReadError


class SupplierType(str, Enum):
    ORGANISATIE = "organisatie"
    ZZP = "zzp"
    BURGERINITIATIEF = "burgerinitiatief"


class Domain(str, Enum):
    WMO = "wmo"
    JEUGD = "jeugd"
    PARTICIPATIE = "participatie"
    OVERIG = "overig"  # outside the social domain (ICT, openbare ruimte...): the contract rules skip it


_SUPPLIER_WORDS: tuple[tuple[SupplierType, re.Pattern[str]], ...] = (
    (SupplierType.ZZP, re.compile(r"\b(?:zzp\w*|zelfstandige?\w*(?: zonder personeel)?|eenmanszaak|eenpitter\w*|solist\w*|zelfstandig professional\w*|self[- ]employed|sole trader|freelance\w*)\b")),
    (SupplierType.BURGERINITIATIEF, re.compile(r"\b(?:burgerinitiatie\w*|bewonersinitiatie\w*|inwonersinitiatie\w*|zorgcooperatie\w*|citizens'? initiative\w*|community initiative\w*|vrijwilligersinitiatie\w*)\b")),
    (SupplierType.ORGANISATIE, re.compile(
        r"(?:^|\b)(?:organisatie|instelling|bedrijf|onderneming|stichting|bv|b\.v\.?|nv|n\.v\.?|vereniging|cooperatie|u\.a\.?"
        r"|besloten vennootschap|naamloze vennootschap|\w*vennootschap|vof|v\.o\.f\.?|maatschap|gemeente\w*|gemeenschappelijke regeling"
        r"|ggd|zorggroep|organisation|organization|company|provider|aanbieder)(?=\W|$)")),
)
_DOMAIN_WORDS: tuple[tuple[Domain, re.Pattern[str]], ...] = (
    (Domain.JEUGD, re.compile(r"\b(?:jeugd\w*|jz\d*|youth|jeugdwet|children|pleegzorg|gezinshui\w*|dyslexie\w*|18-)(?=\W|$)")),
    (Domain.PARTICIPATIE, re.compile(r"\b(?:participatie\w*|re-?integratie\w*|werk|arbeid\w*|beschut\w*|wsw|sociale werkvoorziening"
                                     r"|jobcoach\w*|bijstand|inburgering\w*|schuldhulp\w*|schuldsanering|employment|participation)\b")),
    (Domain.WMO, re.compile(r"\b(?:wmo\w*|maatschappelijke (?:ondersteuning|opvang)|social support|begeleiding|huishoud\w*|beschermd wonen"
                            r"|dagbesteding|mantelzorg\w*|respijtzorg|vrouwenopvang|hulpmiddel\w*|woonvoorziening\w*|regiotaxi"
                            r"|maatwerkvoorziening\w*|18\+)(?=\W|$)")),
)
# Words for a contract outside the social domain, and the budget chapters (taakvelden) of the BBV:
# 6.x is the social domain, any other taakveld is not.
_OTHER_DOMAIN = re.compile(
    r"^(?:overig\w*|anders|other|geen sociaal domein|niet sociaal domein|ict|automatisering|facilitair\w*|huisvesting"
    r"|openbare ruimte|verkeer\w*|wegen|groen\w*|afval\w*|riolering|vastgoed|bouw\w*|energie|milieu|brandweer"
    r"|bedrijfsvoering|personeel|financien|onderwijs|sport|cultuur|economie)$")
_SOCIAL_UNSPECIFIED = re.compile(r"\b(?:sociaal domein|sociale domein|integraal|wijkteam\w*|sociaal team|toegang)\b")
_TAAKVELD = re.compile(r"^(\d{1,2})\.(\d{1,2})\b")
_TAAKVELD_DOMAINS = {
    "6.1": None, "6.2": None, "6.3": Domain.PARTICIPATIE, "6.4": Domain.PARTICIPATIE, "6.5": Domain.PARTICIPATIE,
    "6.6": Domain.WMO, "6.71": Domain.WMO, "6.72": Domain.JEUGD, "6.81": Domain.WMO, "6.82": Domain.JEUGD,
}
_OPEN_PROCEDURE = re.compile(
    r"\b(?:open[ -]?house|toelating\w*|dynamisch\w* aankoopsysteem|das|dynamic purchasing\w*|tussentijds\w* toetred\w*"
    r"|tussentijdse toetreding)\b")
_NO_ENTRY = re.compile(
    r"\b(?:geen|zonder)\s+(?:mogelijkheid\s+(?:tot|van|voor)\s+)?tussentijd\w*\s+toetre\w*"
    r"|\bniet\s+tussentijd\w*\s+toetre\w*"
    r"|\btussentijd\w*\s+toetre\w*\s+(?:is\s+)?(?:niet|uitgesloten|onmogelijk)\b")
_CLOSED_PROCEDURE = re.compile(
    r"\b(?:europese? aanbesteding|openbare aanbesteding|openbare procedure|nationale aanbesteding|niet-openbare\w*"
    r"|meervoudig\w*|enkelvoudig\w*|onderhands\w*|european tender|open tender|open procedure|restricted"
    r"|mededingingsprocedure|concurrentiegerichte dialoog|innovatiepartnerschap)\b"
)


def _column_unit(info: ValidationInfo) -> str | None:
    """The unit the register's header gives the term field being validated ('Looptijd (maanden)':
    'month'), passed by a reader as ``context={"term_units": {...}}``; None when it gives none."""
    return ((info.context or {}).get("term_units") or {}).get(info.field_name)


def supplier_type(value: object) -> SupplierType | None:
    if isinstance(value, SupplierType):
        return value
    if is_empty(value):
        return None
    text = fold(str(value))
    for kind, rx in _SUPPLIER_WORDS:
        if text == kind.value or rx.search(text):
            return kind
    raise ReadError("not_supplier_type", value=value)


def domain(value: object) -> Domain | None:
    if isinstance(value, Domain):
        return value
    if is_empty(value):
        return None
    text = fold(str(value))
    if m := _TAAKVELD.match(text):  # a BBV taakveld: '6.72 Maatwerkdienstverlening 18-'
        code = f"{int(m[1])}.{m[2]}"
        if m[1] != "6":
            return Domain.OVERIG
        if _TAAKVELD_DOMAINS.get(code) is not None:
            return _TAAKVELD_DOMAINS[code]
    for kind, rx in _DOMAIN_WORDS:
        if text == kind.value or rx.search(text):
            return kind
    if _OTHER_DOMAIN.match(text):
        return Domain.OVERIG
    if _TAAKVELD.match(text) or _SOCIAL_UNSPECIFIED.search(text):  # 6.2 Wijkteams, 'sociaal domein': no one law
        return None
    raise ReadError("not_domain", value=value)


def _total_term(value: object, unit: str | None) -> "ContractTerm | None":
    """A maximum term: the whole term with every extension; empty or 'n.v.t.' is no maximum."""
    term = parse_term(value, unit) if value is not None else None
    return term.as_total() if term is not None else None


class Contract(BaseModel):
    """One contract. Only ``id`` is required; rules treat a missing field as unknown, never as a fail."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, description="contract number or OCDS contract/award id")
    title: str = ""
    supplier: str | None = None
    supplier_type: SupplierType | None = None
    domain: Domain | None = None
    start: date | None = None
    end: date | None = None
    term: ContractTerm | None = Field(default=None, description="term instead of an end date: '4 jaar', '48 maanden', '2+1+1'")
    extensions: ExtensionOptions | None = Field(default=None, description="extension options, e.g. '2x1 jaar'")
    max_end: date | None = Field(default=None, description="latest end date including extensions (OCDS maxExtentDate)")
    max_term: ContractTerm | None = Field(default=None, description="longest term including extensions: '6 jaar'")
    value: float | None = Field(default=None, description="contract value in euros (whole term)")
    financing: FinancingForm | None = None
    financing_text: str | None = Field(default=None, description="the financing words as written, e.g. 'per uur'")
    referral_clause: bool | None = Field(default=None, description="'at most two referrals' clause in the contract")
    open_entry: bool | None = Field(default=None, description="new providers may join during the term")
    procedure: str | None = Field(default=None, description="procurement procedure as written, e.g. 'open house'")
    min_turnover: float | None = Field(default=None, description="minimum yearly turnover required to contract")
    min_staff: float | None = Field(default=None, description="minimum number of staff (fte or persons) required")
    zzp_subcontracting: bool | None = Field(default=None, description="subcontracting to a zzp'er allowed without permission")
    source: str | None = Field(default=None, description="where in the file: 'regel 12', 'rij 12', 'release 3'")

    @model_validator(mode="before")
    @classmethod
    def _financing_words(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("financing"), str) and data.get("financing_text") is None:
            data = dict(data)
            data["financing_text"] = data["financing"].strip() or None
        return data

    @field_validator("id", "title", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(int(value)) if float(value).is_integer() else str(value)
        return " ".join(value.split()) if isinstance(value, str) else ("" if value is None else value)

    @field_validator("supplier", "procedure", "financing_text", "source", mode="before")
    @classmethod
    def _optional_text(cls, value: object) -> object:
        if isinstance(value, str):
            value = " ".join(value.split())
            return value or None
        return value

    _dates = field_validator("start", "end", "max_end", mode="before")(lambda cls, v: parse_date(v))
    _amount = field_validator("value", mode="before")(lambda cls, v: parse_amount(v))
    _turnover = field_validator("min_turnover", mode="before")(lambda cls, v: parse_yearly_amount(v))
    _bools = field_validator("referral_clause", "open_entry", mode="before")(lambda cls, v: parse_bool(v))
    _subcontracting = field_validator("zzp_subcontracting", mode="before")(lambda cls, v: parse_subcontracting(v))
    _count = field_validator("min_staff", mode="before")(lambda cls, v: parse_count(v))
    _ext = field_validator("extensions", mode="before")(lambda cls, v: parse_extensions(v))
    _term = field_validator("term", mode="before")(lambda cls, v, info: parse_term(v, _column_unit(info)))
    _max_term = field_validator("max_term", mode="before")(lambda cls, v, info: _total_term(v, _column_unit(info)))
    _supplier = field_validator("supplier_type", mode="before")(lambda cls, v: supplier_type(v))
    _domain = field_validator("domain", mode="before")(lambda cls, v: domain(v))

    @field_validator("financing", mode="before")
    @classmethod
    def _financing(cls, value: object) -> object:
        if value is None or isinstance(value, FinancingForm):
            return value
        if is_empty(value):
            return None
        text = str(value).strip()
        # a 'Tariefeenheid' or 'Eenheid' column holds a bare unit ('uur', 'etmaal') or a WJ756 code ('04')
        form = financing_form(text) or form_from_unit(text if text.isdigit() else None, text)
        if form is None:
            raise ReadError("no_financing_form", value=value)
        return form

    @model_validator(mode="after")
    def _consistent(self) -> "Contract":
        try:
            self._apply_terms()
            # the derived dates, once, so that a term or extensions past the calendar ('9000 jaar',
            # '99999 x 1 jaar') make this row unreadable instead of stopping the whole register
            self.possible_end, self.term_years  # noqa: B018
        except ReadError:
            raise
        except (OverflowError, ValueError):
            raise ReadError("beyond_calendar") from None
        if self.start and self.end and self.end < self.start:
            raise ReadError("end_before_start", start=self.start, end=self.end)
        return self

    def _apply_terms(self) -> None:
        """Fill what a term column says and the register leaves open: the dates it names, the end
        (start plus the term), the extension options it names, and the maximum end date (start
        plus a term that includes every extension). Dates the register gives stay as given; a term
        whose options contradict the extension column makes the row unreadable."""
        term, max_term = self.term, self.max_term
        if term is not None and term.total:
            term, max_term = None, max_term or term
        for given in (term, max_term):
            if given is not None and given.start is not None and self.start is None:
                self._set("start", given.start)
        if term is not None:
            if term.end is not None and self.end is None:
                self._set("end", term.end)
            if term.has_length and self.end is None and self.start is not None:
                self._set("end", term.last_day(self.start))
            if term.extensions is not None:
                if self.extensions is None:
                    self._set("extensions", term.extensions)
                elif not _same_options(term.extensions, self._options(self.extensions, term)):
                    raise ReadError("term_extensions_conflict", term=_written(self, "term"), extensions=_written(self, "extensions"))
        if max_term is not None and self.max_end is None:
            if max_term.end is not None:
                self._set("max_end", max_term.end)
            elif self.start is not None and max_term.has_length:
                self._set("max_end", max_term.last_day(self.start, max_term.extensions.months if max_term.extensions else 0))
            if max_term.extensions is not None and max_term.extensions.open_ended and self.extensions is None:
                self._set("extensions", max_term.extensions)

    def _set(self, name: str, value: object) -> None:
        self.__dict__[name] = value  # the model is frozen once validated; this runs while it is validated

    def _options(self, ext: ExtensionOptions, term: ContractTerm | None) -> ExtensionOptions:
        """``ext`` as the rules count it: a sum ('2+1+1') whose first part is the contract's own
        term (the term column's, else start to end) writes that term, so that part is no extension."""
        if ext.leading and ext.count >= 2:
            if term is not None and term.has_length:
                initial = term.months + term.days / 30.4375
            elif self.start and self.end:
                initial = months_between(self.start, self.end)
            else:
                return ext
            if abs(initial - ext.leading) < 1:
                return ExtensionOptions(ext.count - 1, ext.months - ext.leading)
        return ext

    # ----- derived figures ------------------------------------------------------------------------
    @cached_property
    def open_ended(self) -> bool:
        return bool(self.extensions and self.extensions.open_ended)

    @cached_property
    def initial_term(self) -> ContractTerm | None:
        """The term column's length, when it gives one (not a total) and the register's end date
        does not come before that term is over. 'Looptijd: 6 jaar' with an end date four years after
        the start may well count the extensions already; the end date is believed then, so the
        extensions are not counted twice."""
        term = self.term
        if term is None or not term.has_length or term.total:
            return None
        if self.start is not None and self.end is not None and self.end < term.last_day(self.start):
            return None
        return term

    @cached_property
    def extension_options(self) -> ExtensionOptions | None:
        """The extensions as the rules count them. A sum ('2+1+1') whose first part equals the
        contract's own term (the term column's, else start to end) writes the whole term, so that
        part is no extension."""
        return self._options(self.extensions, self.initial_term) if self.extensions is not None else None

    @cached_property
    def possible_end(self) -> date | None:
        """The maximum end date when the register gives one (it is the ceiling for extensions, OCDS
        ``maxExtentDate``; never before the end date), else the end of the term plus all extension
        options, counted from the start when the register gives a term ('2 jaar' with '2x1 jaar'
        from 01-01-2021 runs to 31-12-2024 even when the end date already says so) and its end
        date, if any, is not before that term is over; else from the end date; None when unknown."""
        if self.max_end is not None:
            return max(self.max_end, self.end) if self.end is not None else self.max_end
        months = self.extension_options.months if self.extension_options else 0
        term = self.initial_term
        if term is not None and self.start is not None:
            by_term = term.last_day(self.start, months)
            return max(by_term, self.end) if self.end is not None else by_term
        if self.end is None:
            return None
        return add_months(self.end + _ONE_DAY, months) - _ONE_DAY if months else self.end

    @cached_property
    def term_years(self) -> float | None:
        """The initial term in years: the term column's, else start to end."""
        term = self.initial_term
        if term is not None and self.start is not None:
            return months_between(self.start, term.last_day(self.start)) / 12
        if self.start is None or self.end is None:
            return None
        return months_between(self.start, self.end) / 12

    @cached_property
    def possible_years(self) -> float | None:
        """Start to :attr:`possible_end` in years; infinite for an open-ended (tacitly renewed) contract."""
        if self.open_ended:
            return float("inf")
        end = self.possible_end
        if self.start is None or end is None:
            return None
        return months_between(self.start, end) / 12

    @cached_property
    def entry_open(self) -> bool | None:
        """Stated open entry, else derived from the procedure; None when neither says."""
        if self.open_entry is not None:
            return self.open_entry
        if self.procedure:
            text = fold(self.procedure)
            if _NO_ENTRY.search(text):
                return False
            if _OPEN_PROCEDURE.search(text):
                return True
            if _CLOSED_PROCEDURE.search(text):
                return False
        return None

    @property
    def extensions_text(self) -> str:
        return format_extensions(self.extension_options)


_ONE_DAY = timedelta(days=1)


def _same_options(a: ExtensionOptions, b: ExtensionOptions) -> bool:
    return a.open_ended == b.open_ended and (a.open_ended or (a.count, a.months) == (b.count, b.months))


def _written(contract: Contract, name: str) -> str:
    """A term or extension options as the report shows them."""
    value = getattr(contract, name)
    if isinstance(value, ExtensionOptions):
        return format_extensions(value)
    if isinstance(value, ContractTerm):
        years = value.months / 12
        length = (f"{years:g} jaar" if value.months % 12 == 0 else f"{value.months} maanden") if value.months else ""
        if value.days:
            length = (length + " en " if length else "") + f"{value.days} dagen"
        options = format_extensions(value.extensions)
        return f"{length} + {options}" if options and options != "geen" else length or options
    return str(value)


class Register(BaseModel):
    """A contract register: the file it came from and its contracts."""

    model_config = ConfigDict(extra="forbid")

    path: str
    format: str
    contracts: list[Contract] = Field(default_factory=list)
