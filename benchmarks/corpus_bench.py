#!/usr/bin/env python3
"""Speed and memory benchmark of `sociaal-audit check` on a corpus, as ratios from one run.

Usage:
    python benchmarks/corpus_bench.py                      # synthetic corpus: 1,000 ordinances
    python benchmarks/corpus_bench.py --docs 250           # a smaller synthetic corpus
    python benchmarks/corpus_bench.py --folder ../shared/corpus/laws   # any folder of documents

What it measures, all in this one run (machines are noisy; compare the ratios):
  * wall time and peak RSS of `check --jobs 1` and `check --jobs 2` (the whole process tree,
    workers included), writing JSON; the two JSON files must be byte-identical;
  * a pure-Python floor: every regex pattern the loaded packs hold (matchers, contrast sides,
    safeguards, units, ...), compiled once, `finditer` over the folded text of the same files, read
    by the same readers; no structure, no results. A second floor uses only the patterns of the
    rules' matchers;
  * start-up: `check` of one file versus `python -c "import typer, rich, pydantic, yaml, jinja2,
    rapidfuzz"` (median of 7 runs each, alternating, after one warm-up run). The sociaal_audit
    package is byte-compiled first (compileall, as pip does when it installs a package), so an
    editable install under PYTHONDONTWRITEBYTECODE=1 is not measured compiling its own sources on
    every run, which no installed copy does; the libraries of the import line are compiled already.

Every command runs in an empty temporary directory, so no sociaal-audit.yaml or pyproject.toml of
the caller changes what is checked, and with `--pack integraliteit`, the pack the floors use.

Targets (issue "auditing many municipalities"): jobs 1 at most 3x the floor; jobs 2 at least
1.7x faster than jobs 1; peak RSS at most 300 MB for 1,000 documents and not growing with corpus
size; one-file check at most 1.5x the import line. The figures are printed as Markdown and can be
appended to docs/performance.md with --record.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "sociaal_audit"]

# ---------------------------------------------------------------------------------------------
# Synthetic corpus: realistic ordinance language, deterministic.

PLACES = ["Aldervoort", "Beekveld", "Dalwijk", "Eemsloot", "Hoogkerk", "Kraggenburg", "Lindewaarde", "Molenrade",
          "Noordeind", "Oosterzande", "Rietmond", "Steenwaard", "Veenhuizen", "Westerhaar", "Zuidbroek"]
SUBJECTS = ["Het college", "Burgemeester en wethouders", "De cliënt", "De aanbieder", "Het sociaal wijkteam",
            "De jeugdige of zijn ouders", "De belanghebbende"]
CLAUSES = [
    "betrekt bij het onderzoek de mogelijkheden van eigen kracht, gebruikelijke hulp en mantelzorg",
    "verstrekt een maatwerkvoorziening indien de eigen kracht niet of onvoldoende toereikend is",
    "stelt binnen zes weken na ontvangst van de melding een onderzoek in",
    "legt de uitkomsten van het onderzoek vast in een verslag dat aan de cliënt wordt verstrekt",
    "kan nadere regels stellen over de wijze waarop een aanvraag wordt ingediend",
    "houdt bij het vaststellen van de omvang van de voorziening rekening met de persoonlijke situatie",
    "is een eigen bijdrage verschuldigd van € 19,00 per maand voor een maatwerkvoorziening",
    "ontvangt hulp bij het huishouden van maximaal 3 uur per week",
    "kan een persoonsgebonden budget ontvangen indien hij in staat is de taken verbonden aan het budget uit te voeren",
    "meldt wijzigingen in de omstandigheden binnen vier weken aan het college",
    "vordert ten onrechte verstrekte voorzieningen terug",
    "werkt samen met woningcorporaties, scholen en zorgverzekeraars op basis van samenwerkingsafspraken",
    "rapporteert jaarlijks aan de raad over de uitvoering van deze verordening",
    "wordt na ten hoogste twee verwijzingen door de juiste organisatie geholpen",
    "bekostigt aanbieders per uur geleverde ondersteuning op basis van productcodes",
    "kiest zelf een aanbieder uit de aanbieders met wie het college een overeenkomst heeft gesloten",
]
HEADINGS = ["Melding", "Onderzoek", "Aanvraag", "Beschikking", "Eigen bijdrage", "Persoonsgebonden budget",
            "Kwaliteit", "Samenwerking", "Verantwoording", "Toegang", "Maatwerkvoorziening", "Mantelzorg",
            "Cliëntondersteuning", "Terugvordering", "Bekostiging", "Keuzevrijheid"]
SPECIAL = {
    "hardheid": "Het college kan in bijzondere gevallen afwijken van de bepalingen van deze verordening, indien "
                "toepassing daarvan tot onbillijkheden van overwegende aard leidt.",
    "evaluatie": "Het college evalueert deze verordening binnen twee jaar na inwerkingtreding en zendt de raad een verslag.",
    "adviesraad": "Het college stelt een adviesraad sociaal domein in die gevraagd en ongevraagd advies uitbrengt.",
}


def synthetic_ordinance(rng: random.Random, index: int, words_target: int) -> str:
    place = PLACES[index % len(PLACES)]
    laws = rng.choice([
        ("sociaal domein", "artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015, artikel 2.9 van de Jeugdwet en artikel 8 van de Participatiewet"),
        ("maatschappelijke ondersteuning", "artikel 2.1.3 van de Wet maatschappelijke ondersteuning 2015"),
        ("jeugdhulp", "artikel 2.9 van de Jeugdwet"),
    ])
    out = [f"# Verordening {laws[0]} {place} {2015 + index % 11}", "",
           f"De raad van de gemeente {place};", "", f"gelet op {laws[1]};", "",
           "besluit vast te stellen de volgende verordening:", ""]
    words = 40
    article = 0
    chapter = 0
    specials = [k for k in SPECIAL if rng.random() < 0.5]
    while words < words_target:
        if article % 6 == 0:
            chapter += 1
            out += [f"## Hoofdstuk {chapter}. {rng.choice(HEADINGS)}", ""]
        article += 1
        out += [f"### Artikel {article}. {rng.choice(HEADINGS)}", ""]
        for lid in range(1, rng.randint(2, 5)):
            sentence = f"{rng.choice(SUBJECTS)} {rng.choice(CLAUSES)}."
            if specials and rng.random() < 0.05:
                sentence = SPECIAL[specials.pop()]
            extra = " ".join(f"{rng.choice(SUBJECTS).lower()} {rng.choice(CLAUSES)}" for _ in range(rng.randint(1, 3)))
            text = f"{lid}. {sentence} Daarbij geldt dat {extra}."
            out += [text, ""]
            words += len(text.split())
    out += ["## Toelichting", "", "Deze verordening geeft uitvoering aan de decentralisaties in het sociaal domein.", ""]
    return "\n".join(out)


def make_corpus(folder: Path, docs: int, seed: int = 20261125) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(docs):
        target = rng.randint(5000, 12000)
        (folder / f"verordening-{i:04d}.md").write_text(synthetic_ordinance(rng, i, target), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Measuring a process tree: wall time and peak of the summed RSS of the process and its children.


def _tree_rss_kb(pid: int) -> int:
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError, ValueError):
            continue
    return total


def measure(cmd: list[str], cwd: Path) -> tuple[float, float, str]:
    """(wall seconds, peak summed RSS in MB, standard output) of ``cmd`` run in ``cwd``."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            stop.wait(0.02)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    stop.set()
    t.join()
    if proc.returncode not in (0, 1, 2):  # 2: some file could not be read, the others were checked
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{err.decode()[-2000:]}")
    return wall, peak / 1024, out.decode()


FLOOR = r"""
import json, sys
import regex
from sociaal_audit.documents import read_bytes
from sociaal_audit.documents.readers import detect, known_extensions
from sociaal_audit.errors import InputError
from sociaal_audit.files import collect_inputs
from sociaal_audit.rules.loader import load_packs
from sociaal_audit.rules.matching import MATCH_TIMEOUT, Matcher, fold

ONLY_MATCHERS = sys.argv[2] == "matchers"


def pack_patterns(obj, found, seen, depth=0):
    # every compiled pattern a loaded rule holds (matchers, contrast sides, safeguards, units...);
    # with "matchers", only those of Matcher objects (patterns and phrases rules search text with)
    if id(obj) in seen or depth > 8:
        return
    seen.add(id(obj))
    if ONLY_MATCHERS and isinstance(obj, Matcher):
        for rx in obj.regexes:
            found.setdefault((rx.pattern, rx.flags), rx)
    elif isinstance(obj, regex.Pattern):
        if not ONLY_MATCHERS:
            found.setdefault((obj.pattern, obj.flags), obj)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for item in obj:
            pack_patterns(item, found, seen, depth + 1)
    elif isinstance(obj, dict):
        for item in obj.values():
            pack_patterns(item, found, seen, depth + 1)
    elif hasattr(obj, "__dict__") or hasattr(type(obj), "__slots__"):
        names = list(getattr(obj, "__dict__", {})) + [n for k in type(obj).__mro__ for n in getattr(k, "__slots__", ())]
        for name in names:
            pack_patterns(getattr(obj, name, None), found, seen, depth + 1)


found, seen = {}, set()
for pack in load_packs(sys.argv[3:]):
    for rule in pack.rules:
        pack_patterns(rule.compiled, found, seen)
regexes = list(found.values())
paths, _ = collect_inputs([sys.argv[1]], known_extensions())  # the files check reads
files = words = hits = 0
for path in paths:
    try:
        data = read_bytes(path)
        source = detect(path, data).read(data, path)  # the same readers; no structure, no metadata
    except InputError:
        continue
    text = fold("\n".join(line.text for line in source.lines))
    files += 1
    words += len(text.split())
    for rx in regexes:
        for m in rx.finditer(text, timeout=MATCH_TIMEOUT):
            hits += 1
print(json.dumps({"patterns": len(regexes), "files": files, "words": words, "hits": hits}))
"""

PACKS = ["integraliteit"]


def median_times(cmds: list[list[str]], cwd: Path, runs: int = 7) -> list[float]:
    """Median wall time of each command over ``runs`` rounds; the commands alternate within a
    round, so a change in the machine's load affects them alike."""
    times: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for cmd, found in zip(cmds, times):
            t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
            found.append(time.perf_counter() - t)
    return [statistics.median(found) for found in times]


BYTE_COMPILE = (
    "import compileall, pathlib, sys, sociaal_audit; "
    "sys.exit(0 if compileall.compile_dir(pathlib.Path(sociaal_audit.__file__).parent, quiet=1) else 1)"
)


def byte_compile_package(cwd: Path) -> bool:
    """Byte-compile the installed sociaal_audit package, as pip does when it installs one (a
    read-only installed copy already has its bytecode). True when every module compiled."""
    done = subprocess.run([sys.executable, "-c", BYTE_COMPILE], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    return done.returncode == 0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000, help="synthetic documents (default 1000)")
    ap.add_argument("--folder", help="benchmark this folder instead of a synthetic corpus")
    ap.add_argument("--growth", action="store_true", help="also run jobs 1 on a quarter of the corpus to show RSS does not grow")
    ap.add_argument("--record", help="append the Markdown figures to this file (e.g. docs/performance.md)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sa-bench-"))
    work = tmp / "work"  # every command runs here: no sociaal-audit.yaml or pyproject.toml of the caller applies
    work.mkdir()
    try:
        if args.folder:
            corpus = Path(args.folder).resolve()
            label = f"folder `{args.folder}`"
        else:
            corpus = tmp / "corpus"
            t = time.perf_counter()
            make_corpus(corpus, args.docs)
            label = f"synthetic corpus of {args.docs} ordinances (5,000-12,000 words, seed 20261125)"
            print(f"generated {args.docs} documents in {time.perf_counter() - t:.1f}s", file=sys.stderr)
        packs = [arg for pack in PACKS for arg in ("--pack", pack)]
        outputs = {jobs: tmp / f"jobs{jobs}.json" for jobs in (1, 2)}

        def check(path: Path, jobs: int, output: Path) -> list[str]:
            return [*CLI, "check", str(path), *packs, "--jobs", str(jobs), "--format", "json", "-o", str(output), "--fail-on", "never"]

        rows = []
        floor_wall, floor_rss, floor_out = measure([sys.executable, "-c", FLOOR, str(corpus), "all", *PACKS], work)
        floor = json.loads(floor_out.strip().splitlines()[-1])
        rows.append((f"Python floor: all {floor['patterns']} pack patterns, finditer over each whole file", floor_wall, floor_rss))
        m_wall, m_rss, m_out = measure([sys.executable, "-c", FLOOR, str(corpus), "matchers", *PACKS], work)
        matchers = json.loads(m_out.strip().splitlines()[-1])
        rows.append((f"Python floor: the {matchers['patterns']} patterns of the rules' matchers only", m_wall, m_rss))
        j1_wall, j1_rss, _ = measure(check(corpus, 1, outputs[1]), work)
        rows.append(("check --jobs 1", j1_wall, j1_rss))
        j2_wall, j2_rss, _ = measure(check(corpus, 2, outputs[2]), work)
        rows.append(("check --jobs 2", j2_wall, j2_rss))
        if not all(path.exists() for path in outputs.values()):
            raise SystemExit(f"check wrote no results; run `{' '.join(check(corpus, 1, outputs[1]))}` to see why")
        identical = outputs[1].read_bytes() == outputs[2].read_bytes()
        documents = [d["path"] for d in json.loads(outputs[1].read_text(encoding="utf-8"))["documents"]]
        checked = len(documents)
        files = sorted(p for p in corpus.rglob("*") if p.is_file())
        growth = None
        if args.growth and not args.folder:
            small = tmp / "small"
            small.mkdir()
            quarter = max(1, len(files) // 4)
            for p in files[:quarter]:
                shutil.copy(p, small / p.name)
            q_wall, q_rss, _ = measure(check(small, 1, tmp / "small.json"), work)
            growth = (quarter, q_wall, q_rss)
        one = Path(documents[0]) if documents else files[0]  # a file check reads, not one it refuses
        one_size = one.stat().st_size
        compiled = byte_compile_package(work)
        subprocess.run(check(one, 1, tmp / "one.json"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=work)
        imports, single = median_times(
            [[sys.executable, "-c", "import typer, rich, pydantic, yaml, jinja2, rapidfuzz"], check(one, 1, tmp / "one.json")],
            work)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    lines = [f"### {label}", "",
             f"{floor['files']} files read, {floor['words']:,} words, {checked} documents checked; "
             f"pack(s) {', '.join(PACKS)}; {os.cpu_count()} cores; Python {sys.version.split()[0]}.", "",
             "| run | wall time (s) | peak RSS (MB) |", "|---|---:|---:|"]
    lines += [f"| {name} | {wall:.2f} | {rss:.0f} |" for name, wall, rss in rows]
    if growth:
        lines.append(f"| check --jobs 1 on {growth[0]} files (growth check) | {growth[1]:.2f} | {growth[2]:.0f} |")
    lines += ["", "| ratio | measured | target |", "|---|---:|---:|",
              f"| jobs 1 / floor (all patterns) | {j1_wall / floor_wall:.2f}x | at most 3x |",
              f"| jobs 1 / floor (matchers only) | {j1_wall / m_wall:.2f}x | (stricter reference) |",
              f"| jobs 1 / jobs 2 (speed-up) | {j1_wall / j2_wall:.2f}x | at least 1.7x |",
              f"| peak RSS jobs 1 / jobs 2 | {j1_rss:.0f} / {j2_rss:.0f} MB | at most 300 MB |",
              f"| one-file check / import line | {single:.3f}s / {imports:.3f}s = {single / imports:.2f}x | at most 1.5x |"]
    if growth:
        lines.append(f"| peak RSS {len(files)} files / {growth[0]} files | {j1_rss / growth[2]:.2f}x | about 1x (flat) |")
    lines += ["", f"JSON of --jobs 1 and --jobs 2 byte-identical: {'yes' if identical else 'NO'}.",
              f"One-file check: {one.name} ({one_size:,} bytes); sociaal_audit byte-compiled before the start-up "
              f"runs: {'yes' if compiled else 'NO, so start-up includes compiling its sources'}."]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.record:
        with open(args.record, "a", encoding="utf-8") as fh:
            fh.write("\n" + text)
    if not identical:
        raise SystemExit("the JSON of --jobs 1 and --jobs 2 differs")


if __name__ == "__main__":
    main()
