#!/usr/bin/env python3
"""Memory and speed of reading OCDS contract data: does peak memory stay flat as the file grows?

Usage:
    python benchmarks/ocds_stream.py                   # 50 MB and 200 MB, JSON Lines and release package
    python benchmarks/ocds_stream.py --size-mb 400     # a larger second file
    python benchmarks/ocds_stream.py --record          # also write the figures into docs/performance.md

It generates synthetic compiled releases of Dutch social-domain contracts (deterministic seed;
the structure of tests/contracts/data/make_register.py: contractPeriod, renewal, items with
iWmo/iJw units, selection criteria, suppliers) as JSON Lines of the given sizes, and the same
releases as one release package, in a temporary directory. For each file a fresh process reads
every contract with ``sociaal_audit.contracts.runner.read_register`` ("read"), and, separately,
checks the file with the contracten pack like ``check`` does ("check"); each is run from its own
wrapper process so ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` is that run's peak RSS.

Neither "read" nor "check" may grow with file size ("check" lists at most 1,000 failing contracts
per rule and counts the rest).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADING = "## Contract registers (OCDS streaming)"

SERVICES = [("jeugd", "JZ020", "45", "Jeugdhulp ambulant"), ("jeugd", "JZ020", "43", "Jeugdhulp met verblijf"),
            ("wmo", "WMO020", "01", "Hulp bij het huishouden"), ("wmo", "WMO020", "02", "Begeleiding individueel"),
            ("wmo", "WMO020", "03", "Dagbesteding"), ("participatie", "CPV", "85312000", "Re-integratietrajecten")]
UNITS = [{"scheme": "WJ756", "id": "04", "name": "uur"}, {"scheme": "WJ756", "id": "14", "name": "etmaal"},
         {"scheme": "WJ756", "id": "16", "name": "dagdeel"}, {"scheme": "WJ756", "id": "82", "name": "traject"},
         {"name": "lumpsum per jaar"}]
PROCEDURES = ["Open house", "Europese aanbesteding", "Meervoudig onderhands", "Enkelvoudig onderhandse gunning"]
PLACES = ["Aldervoort", "Beekveld", "Dalwijk", "Eemsloot", "Hoogkerk", "Lindewaarde", "Molenrade", "Rietmond"]
FORMS = ["Stichting", "Zorggroep", "Coöperatie", "B.V."]


def release(rng: random.Random, n: int) -> dict:
    domain, scheme, code, service = rng.choice(SERVICES)
    place = rng.choice(PLACES)
    start = date(2019 + rng.randrange(7), rng.choice([1, 4, 7, 10]), 1)
    years = rng.choice([1, 2, 3, 4, 5])
    end = date(start.year + years, start.month, 1) - timedelta(days=1)
    renewals = rng.choice([0, 1, 2, 3])
    cid = f"{domain[:3].upper()}-{start.year}-{n:06d}"
    supplier = f"{rng.choice(FORMS)} {service.split()[0]} {place} {n % 997}"
    period = {"startDate": f"{start.isoformat()}T00:00:00+01:00", "endDate": f"{end.isoformat()}T23:59:59+01:00"}
    tender: dict = {
        "id": f"{cid}-T", "title": f"{service} {place}", "status": "complete",
        "procurementMethod": "open", "procurementMethodDetails": rng.choice(PROCEDURES),
        "items": [{"id": str(i), "description": f"{service} perceel {i}", "quantity": rng.randrange(100, 5000),
                   "unit": rng.choice(UNITS), "classification": {"scheme": scheme, "id": code, "description": service}}
                  for i in range(1, rng.randrange(2, 5))],
        "contractPeriod": period, "hasRenewal": renewals > 0,
    }
    if renewals:
        tender["renewal"] = {"maximumRenewals": renewals, "period": {"durationInDays": 365}}
    if rng.random() < 0.4:
        tender["selectionCriteria"] = {"criteria": [
            {"type": "economic", "description": "Minimale jaaromzet", "minimum": str(rng.choice([50000, 250000, 1000000]))},
            {"type": "technical", "description": "Minimaal aantal medewerkers (fte)", "minimum": str(rng.choice([1, 5, 20]))}]}
    value = round(rng.lognormvariate(13, 1.2), 2)
    sid = f"NL-KVK-{10000000 + n}"
    return {
        "ocid": f"ocds-bench0-{cid}", "id": f"{cid}-1", "date": period["startDate"], "tag": ["compiled"],
        "initiationType": "tender", "language": "nl",
        "buyer": {"id": "NL-OIN-0001", "name": f"Gemeente {place}"},
        "parties": [{"id": "NL-OIN-0001", "name": f"Gemeente {place}", "roles": ["buyer"],
                     "address": {"locality": place, "countryName": "Nederland"}},
                    {"id": sid, "name": supplier, "roles": ["supplier"],
                     "details": {"scale": rng.choice(["micro", "sme", "large"])},
                     "address": {"locality": rng.choice(PLACES), "countryName": "Nederland"}}],
        "planning": {"budget": {"amount": {"amount": round(value * 1.1, 2), "currency": "EUR"}}},
        "tender": tender,
        "awards": [{"id": f"{cid}-A", "status": "active", "date": period["startDate"], "value": {"amount": value, "currency": "EUR"},
                    "suppliers": [{"id": sid, "name": supplier}], "contractPeriod": period}],
        "contracts": [{"id": cid, "awardID": f"{cid}-A", "title": f"{service} {place}", "status": "active",
                       "period": period, "value": {"amount": value, "currency": "EUR"},
                       "sociaalDomein": {"domain": domain, "referralClause": rng.random() < 0.6}}],
    }


def generate(path: Path, size_mb: int, seed: int) -> int:
    """Write JSON Lines of about ``size_mb`` MB; returns the number of releases."""
    rng = random.Random(seed)
    limit = size_mb * 1024 * 1024
    written = n = 0
    with open(path, "w", encoding="utf-8") as fh:
        while written < limit:
            n += 1
            line = json.dumps(release(rng, n), ensure_ascii=False, separators=(",", ":")) + "\n"
            fh.write(line)
            written += len(line.encode("utf-8"))
    return n


def as_package(lines: Path, target: Path) -> None:
    with open(lines, encoding="utf-8") as src, open(target, "w", encoding="utf-8") as dst:
        dst.write('{"uri":"https://bench.invalid/ocds.json","version":"1.1","publishedDate":"2025-01-01T00:00:00Z",'
                  '"publisher":{"name":"bench"},"releases":[\n')
        for i, line in enumerate(src):
            dst.write(("," if i else "") + line)
        dst.write("]}\n")


READ = """
import sys
from sociaal_audit.contracts.runner import read_register
fmt, items = read_register(sys.argv[1])
n = sum(1 for _ in items)
print(n)
"""
CHECK = """
import sys
from sociaal_audit.contracts.runner import check_register
from sociaal_audit.engine import Engine
from sociaal_audit.rules.loader import load_pack
from sociaal_audit.runner import CheckOptions
result = check_register(Engine([load_pack("contracten")]), sys.argv[1], CheckOptions())
print(result.contracts, len(result.findings))
"""
WRAPPER = """
import resource, subprocess, sys, time
t = time.perf_counter()
out = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=True).stdout.split()
wall = time.perf_counter() - t
print(wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, *out)
"""


def measure(script: str, path: Path) -> tuple[float, float, list[str]]:
    """(wall seconds, peak RSS in MB, the script's output) of one fresh process."""
    out = subprocess.run([sys.executable, "-c", WRAPPER, sys.executable, "-c", script, str(path)],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
    return float(out[0]), int(out[1]) / 1024, out[2:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=int, default=200, help="size of the large file (default 200)")
    parser.add_argument("--small-mb", type=int, default=50, help="size of the small file (default 50)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--no-check", action="store_true", help="only measure reading, not checking")
    parser.add_argument("--record", action="store_true", help="write the figures into docs/performance.md")
    args = parser.parse_args()
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="ocds-bench-") as tmp:
        for size in (args.small_mb, args.size_mb):
            lines = Path(tmp, f"ocds-{size}mb.jsonl")
            t = time.perf_counter()
            count = generate(lines, size, args.seed)
            print(f"generated {lines.name}: {count} releases, {lines.stat().st_size / 2**20:.0f} MB in {time.perf_counter() - t:.1f} s",
                  file=sys.stderr)
            package = Path(tmp, f"ocds-{size}mb-package.json")
            as_package(lines, package)
            for label, path in (("JSON Lines", lines), ("release package", package)):
                modes = [("read", READ)] + ([] if args.no_check else [("check", CHECK)])
                for mode, script in modes:
                    wall, rss, out = measure(script, path)
                    mb = path.stat().st_size / 2**20
                    extra = f"{out[1]} findings" if mode == "check" else ""
                    row = (f"| {label} | {mb:.0f} MB | {count:,} | {mode} | {wall:.1f} s | {mb / wall:.1f} MB/s | {rss:.0f} MB | {extra} |")
                    rows.append(row)
                    print(row, file=sys.stderr)
                package.unlink(missing_ok=True) if label == "release package" else None
    table = ["| file | size | releases | run | wall time | throughput | peak RSS | |", "|---|---|---|---|---|---|---|---|", *rows]
    print("\n".join(table))
    if args.record:
        record(table, args)


def record(table: list[str], args: argparse.Namespace) -> None:
    import platform

    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    section = "\n".join([
        HEADING, "",
        f"Measured with `python benchmarks/ocds_stream.py --record` (seed {args.seed}; Python "
        f"{platform.python_version()}, ijson backend {_ijson_backend()}, {os.cpu_count()} cores shared with other work).",
        "Each run is a fresh process; peak RSS is `ru_maxrss` of that process. *read* iterates every contract "
        "(`read_register`); *check* runs the `contracten` pack over the file as `sociaal-audit check` does.",
        "", *table, "",
        "Peak memory does not grow with the file: one release is in memory at a time (ijson `releases.item` for "
        "packages, one line at a time for JSON Lines). *check* lists at most 1,000 failing contracts per rule and "
        "counts the rest (`omitted`, `tallies`), so it stays flat too; the findings column is what is listed "
        "(5 contract rules x 1,000 plus the 2 register rules). Wall times are noisy on a shared machine: "
        "compare the memory column, and time per megabyte only roughly.",
        "",
    ])
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + section
    tmp = doc.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, doc)
    print(f"recorded in {doc}", file=sys.stderr)


def _ijson_backend() -> str:
    try:
        import ijson

        return str(ijson.backend)
    except ImportError:
        return "-"


if __name__ == "__main__":
    main()
