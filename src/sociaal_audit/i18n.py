"""Fixed user-facing strings in Dutch (default) and English, looked up by code.

Rule messages live in the packs; this module holds only the tool's own sentences.
"""

from __future__ import annotations

from typing import Any

LANGS = ("nl", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "bad_date": {
        "nl": "--date moet de vorm JJJJ-MM-DD hebben of 'vandaag' zijn, niet '{date}'",
        "en": "--date must be YYYY-MM-DD or 'today', not '{date}'",
    },
    "file_not_found": {"nl": "{path}: bestand niet gevonden", "en": "{path}: file not found"},
    "not_a_file": {"nl": "{path}: geen bestand", "en": "{path}: not a file"},
    "unreadable": {"nl": "{path}: kan bestand niet lezen ({reason})", "en": "{path}: cannot read file ({reason})"},
    "empty_file": {"nl": "{path}: leeg bestand (0 bytes)", "en": "{path}: empty file (0 bytes)"},
    "no_text": {"nl": "{path}: bevat geen tekst", "en": "{path}: contains no text"},
    "binary_file": {
        "nl": "{path}: binair bestand, geen tekst (onbekend formaat)",
        "en": "{path}: binary file, not text (unknown format)",
    },
    "too_large": {
        "nl": "{path}: bestand is {size} bytes, groter dan de limiet van {limit} bytes (--max-size)",
        "en": "{path}: file is {size} bytes, larger than the limit of {limit} bytes (--max-size)",
    },
    "undecodable": {
        "nl": "{path}: tekstcodering niet te herkennen",
        "en": "{path}: cannot detect the text encoding",
    },
    "unknown_format": {
        "nl": "{path}: onbekend formaat '{ext}' (ondersteund: {known})",
        "en": "{path}: unknown format '{ext}' (supported: {known})",
    },
    "format_mismatch": {
        "nl": "{path}: de extensie zegt {ext}, maar de inhoud is {actual}",
        "en": "{path}: the extension says {ext}, but the content is {actual}",
    },
    "missing_extra": {
        "nl": "{path}: voor {what} is een extra pakket nodig: pip install 'sociaal-audit[{extra}]'",
        "en": "{path}: {what} needs an extra package: pip install 'sociaal-audit[{extra}]'",
    },
    "parse_failed": {"nl": "{path}: kan {format} niet lezen ({reason})", "en": "{path}: cannot parse {format} ({reason})"},
    "no_inputs": {"nl": "{path}: geen documenten gevonden", "en": "{path}: no documents found"},
    "pack_invalid": {"nl": "ongeldig regelpakket {where}: {detail}", "en": "invalid rule pack {where}: {detail}"},
    "pack_unknown": {
        "nl": "onbekend regelpakket '{pack}' (ingebouwd: {known}; of geef een pad naar een YAML-bestand)",
        "en": "unknown rule pack '{pack}' (built-in: {known}; or give a path to a YAML file)",
    },
    "rule_unknown": {"nl": "onbekende regel '{rule}'", "en": "unknown rule '{rule}'"},
    "rule_passed": {"nl": "In orde: {title}.", "en": "In order: {title}."},
    "not_contract_list": {
        "nl": "{path}: geen contractenlijst (verwacht een lijst met contracten of 'contracten:' met een lijst)",
        "en": "{path}: not a contract list (expected a list of contracts or 'contracten:' with a list)",
    },
    "not_contract_list_json": {
        "nl": "{path}: geen contractenlijst (verwacht een lijst met contracten, 'contracten:' met een lijst, "
              "of een OCDS release package of record package)",
        "en": "{path}: not a contract list (expected a list of contracts, 'contracten:' with a list, "
              "or an OCDS release package or record package)",
    },
    "rule_not_social_domain": {
        "nl": "Niet van toepassing: het document gaat niet over het sociaal domein (geen grondslag in de Wmo 2015, "
              "Jeugdwet of Participatiewet en geen begrippen uit het sociaal domein).",
        "en": "Not applicable: the document is not about the social domain (no basis in the Wmo 2015, Jeugdwet or "
              "Participatiewet and no social-domain terms).",
    },
    "rule_not_applicable": {
        "nl": "Niet van toepassing op een document van de soort '{kind}'.",
        "en": "Not applicable to a document of kind '{kind}'.",
    },
    "rule_timeout": {
        "nl": "een patroon van deze regel zocht te lang (catastrofale backtracking?); vereenvoudig de reguliere expressie",
        "en": "a pattern of this rule searched too long (catastrophic backtracking?); simplify the regular expression",
    },
    "rule_error": {"nl": "regel kon niet worden uitgevoerd: {reason}", "en": "rule could not be run: {reason}"},
    "output_is_input": {
        "nl": "{path}: dit is een van de invoerbestanden; kies een ander uitvoerbestand",
        "en": "{path}: this is one of the input files; choose another output file",
    },
    "output_failed": {"nl": "{path}: kan uitvoer niet schrijven ({reason})", "en": "{path}: cannot write output ({reason})"},
    "unknown_output": {
        "nl": "onbekend uitvoerformaat '{format}' (mogelijk: {known})",
        "en": "unknown output format '{format}' (available: {known})",
    },
    "no_text_layer": {
        "nl": "{path}: geen tekstlaag; OCR wordt niet ondersteund",
        "en": "{path}: no text layer; OCR is not supported",
    },
    "xml_unknown_root": {
        "nl": "{path}: XML met onbekend hoofdelement <{root}> (ondersteund: {known})",
        "en": "{path}: XML with unknown root element <{root}> (supported: {known})",
    },
    "xml_entities": {
        "nl": "{path}: XML met een DTD of entiteitsdeclaraties wordt om veiligheidsredenen niet gelezen",
        "en": "{path}: XML with a DTD or entity declarations is not read, for safety",
    },
    "worker_lost": {
        "nl": "{path}: niet gecontroleerd: het werkproces voor dit bestand stopte onverwacht ({reason})",
        "en": "{path}: not checked: the worker process for this file stopped unexpectedly ({reason})",
    },
    "worker_killed": {
        "nl": "beëindigd door het systeem met {signal}, bijvoorbeeld bij geheugentekort",
        "en": "killed by the system with {signal}, for example when memory ran out",
    },
    "worker_signal": {"nl": "afgebroken door signaal {signal}", "en": "stopped by signal {signal}"},
    "worker_exit": {"nl": "afsluitcode {status}", "en": "exit code {status}"},
    "zip_too_large": {
        "nl": "{path}: uitgepakt {size} bytes, groter dan de limiet van {limit} bytes (mogelijke zipbom)",
        "en": "{path}: {size} bytes uncompressed, larger than the limit of {limit} bytes (possible zip bomb)",
    },
}


def text(code: str, lang: str = "nl", **params: Any) -> str:
    entry = MESSAGES.get(code)
    if entry is None:
        return code + (": " + ", ".join(f"{k}={v}" for k, v in params.items()) if params else "")
    template = entry.get(lang) or entry["nl"]
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template
