"""Measure the real Ofsted files for the parameters of the synthetic sector.

Run ``python -m synth.calibrate [../shared/data/ofsted]``: it reads the real files in place
(with the project's own table reader and column map) and prints the parameters that
``synth/params.py`` embeds as constants. Nothing here runs during a synthetic build; it is
how the constants were obtained, and how to refresh them when new years are published.

Children's homes ("CH") are the provision types whose name contains "children's home"
(children's homes, secure children's homes, residential special schools registered as
children's homes); they are the settings that have registered managers in reports.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import statistics
import sys
from collections import Counter, defaultdict
from pathlib import Path

from graph.judgements import score
from graph.names import normalise_urn, provider_key
from loaders.ofsted_columns import map_columns
from loaders.tabular import read_table

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "data" / "ofsted"
AREAS = ("overall", "outcomes_children", "outcomes_education", "quality_of_care", "safety",
         "leadership", "health_services")
_TYPE_ALIASES = {"residential special school (>295 days/year)":
                 "residential special school (registered as a children's home)"}


def canon_type(text: str) -> str:
    """Provision type without case drift: one key per type across years."""
    key = " ".join(text.lower().split())
    return _TYPE_ALIASES.get(key, key)


def is_ch(canonical: str) -> bool:
    return "children's home" in canonical


def _day(text: str) -> dt.date | None:
    m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", text.strip())
    return dt.date(int(m[3]), int(m[2]), int(m[1])) if m else None


def _quantiles(values: list[float], n: int = 10) -> list[float]:
    if len(values) < 2:
        return list(values)
    return [round(q, 1) for q in statistics.quantiles(values, n=n, method="inclusive")]


def _share(counter: Counter) -> dict:
    total = sum(counter.values()) or 1
    return {k: round(v / total, 4) for k, v in sorted(counter.items(), key=lambda kv: str(kv))}


def _rows(path: Path):
    table = read_table(path)
    cols = map_columns(table.header, table.group_header)
    for row in table.rows:
        yield {m: row.cells[i] for m, i in cols.index.items() if i < len(row.cells)}


def _snapshots(root: Path) -> dict[int, list[dict]]:
    out = {}
    for path in sorted((root / "provider-level").glob("provider_at_march_20??.csv")):
        out[int(path.stem[-4:])] = list(_rows(path))
    return out


def calibrate(root: Path = DEFAULT_DIR) -> dict:
    """Every parameter the synthetic sector draws from, measured on the files in ``root``."""
    snaps = _snapshots(root)
    p: dict = {"source": str(root)}
    p["rows_by_type"] = {y: dict(Counter(canon_type(r.get("provision_type", ""))
                                         for r in rows)) for y, rows in snaps.items()}
    spell: dict = {}
    for y, rows in snaps.items():
        by = defaultdict(Counter)
        for r in rows:
            by[canon_type(r.get("provision_type", ""))][r.get("provision_type", "")] += 1
        spell[y] = {k: c.most_common(1)[0][0] for k, c in by.items()}
    p["type_spelling"] = spell
    sectors = defaultdict(Counter)
    for y in range(2019, 2025):
        for r in snaps[y]:
            sectors[canon_type(r["provision_type"])][r.get("sector", "").lower()] += 1
    p["sector_by_type"] = {t: _share(c) for t, c in sectors.items()}
    p["sector_spelling"] = {y: sorted({r.get("sector", "") for r in rows})
                            for y, rows in snaps.items()}
    _providers(p, snaps)
    _councils(p, snaps)
    _judgements(p, snaps)
    _timing(p, snaps)
    _joiners_leavers(p, root, snaps)
    return p


def _providers(p: dict, snaps: dict) -> None:
    sizes_2024 = Counter(provider_key(r["owner"]) for r in snaps[2024]
                         if r.get("owner") and r.get("sector", "").lower() != "local authority")
    p["homes_per_provider_2024"] = dict(sorted(Counter(sizes_2024.values()).items()))
    values = sorted(sizes_2024.values())
    p["homes_per_provider_summary"] = {
        "providers": len(values), "median": statistics.median(values),
        "p90": _quantiles(values, 10)[-1], "max": values[-1]}
    changes, pairs = 0, 0
    for y in range(2020, 2025):
        before = {r["urn"]: provider_key(r["owner"]) for r in snaps[y - 1] if r.get("owner")}
        for r in snaps[y]:
            if r.get("owner") and r["urn"] in before:
                pairs += 1
                changes += before[r["urn"]] != provider_key(r["owner"])
    p["owner_change_rate_per_year"] = round(changes / pairs, 4)
    modal_council, multi = 0, 0
    homes = defaultdict(list)
    for r in snaps[2024]:
        if r.get("owner") and r.get("sector", "").lower() != "local authority":
            homes[provider_key(r["owner"])].append(r.get("local_authority"))
    for councils in homes.values():
        if len(councils) > 1:
            multi += len(councils)
            modal_council += Counter(councils).most_common(1)[0][1]
    p["share_in_providers_modal_council"] = round(modal_council / multi, 4)
    owned = [r for y in range(2019, 2025) for r in snaps[y]
             if r.get("sector", "").lower() != "local authority"]
    p["owner_blank_share"] = round(sum(not r.get("owner") for r in owned) / len(owned), 4)
    ch = [r for y in range(2021, 2025) for r in snaps[y] if is_ch(canon_type(r["provision_type"]))]
    p["short_breaks_share_ch"] = round(sum(bool(r.get("short_breaks_only")) for r in ch)
                                       / len(ch), 4)


def _councils(p: dict, snaps: dict) -> None:
    per = Counter(r.get("local_authority") for r in snaps[2024])
    p["councils_2024"] = len(per)
    p["rows_per_council_2024"] = sorted(per.values())
    p["region_share_2024"] = _share(Counter(r.get("region") for r in snaps[2024]))
    ch = [r for r in snaps[2024] if is_ch(canon_type(r["provision_type"])) and r.get("places")]
    p["places_ch_2024"] = dict(sorted(Counter(int(r["places"]) for r in ch).items()))


def _judgements(p: dict, snaps: dict) -> None:
    shares, ri_words = {}, {}
    for y, rows in snaps.items():
        ch = [r for r in rows if is_ch(canon_type(r["provision_type"])) and r.get("overall")]
        shares[y] = _share(Counter(score(r["overall"]) for r in ch))
        by_era = defaultdict(Counter)
        for r in rows:
            if score(r.get("overall")) == 2:
                day = _day(r.get("inspection_date", ""))
                era = "before-2014-04" if day and day < dt.date(2014, 4, 1) else "from-2014-04"
                by_era[era][r["overall"]] += 1
        ri_words[y] = {e: dict(c) for e, c in by_era.items()}
    p["overall_share_ch"] = shares
    p["ri_wording"] = ri_words
    trans = defaultdict(Counter)
    agree, diff = Counter(), Counter()
    for r in snaps[2024]:
        if not is_ch(canon_type(r["provision_type"])):
            continue
        a, b = score(r.get("previous_overall")), score(r.get("overall"))
        if a and b:
            trans[a][b] += 1
    for y in range(2019, 2025):
        for r in snaps[y]:
            o = score(r.get("overall"))
            if not o or not is_ch(canon_type(r["provision_type"])):
                continue
            for area in ("safety", "leadership"):
                s = score(r.get(area))
                if s:
                    agree[area] += s == o
                    diff[(area, s - o)] += 1
    p["transitions_ch_2024"] = {a: _share(c) for a, c in sorted(trans.items())}
    p["area_offsets_ch"] = {f"{a}:{d}": n for (a, d), n in sorted(diff.items())}
    fill = {}
    for y, rows in snaps.items():
        for group in ("ch", "other"):
            sel = [r for r in rows if r.get("overall")
                   and is_ch(canon_type(r["provision_type"])) == (group == "ch")]
            fill[f"{y}:{group}"] = {a: round(sum(bool(r.get(a)) for r in sel) / max(1, len(sel)),
                                             3) for a in AREAS if a in (sel[0] if sel else {})}
    p["area_fill"] = fill


def _timing(p: dict, snaps: dict) -> None:
    gaps, gaps_other, by_prev = [], [], defaultdict(list)
    for r in snaps[2024]:
        a, b = _day(r.get("previous_inspection_date", "")), _day(r.get("inspection_date", ""))
        if not (a and b):
            continue
        if is_ch(canon_type(r["provision_type"])):
            gaps.append((b - a).days)
            by_prev[score(r.get("previous_overall"))].append((b - a).days)
        else:
            gaps_other.append((b - a).days)
    p["interval_days_ch"] = _quantiles(gaps)
    p["interval_days_other"] = _quantiles(gaps_other)
    p["interval_median_by_previous_ch"] = {k: statistics.median(v)
                                           for k, v in sorted(by_prev.items()) if k}
    lags = [(_day(r["publication_date"]) - _day(r["inspection_date"])).days
            for y in range(2019, 2025) for r in snaps[y]
            if _day(r.get("publication_date", "")) and _day(r.get("inspection_date", ""))]
    p["publication_lag_days"] = _quantiles(lags)
    last_day = {r["event_number"]: _day(r["inspection_date"]) for r in snaps[2018]
                if r.get("event_number")}
    lengths = Counter((last_day[r["event_number"]] - _day(r["inspection_date"])).days
                      for r in snaps[2019] if last_day.get(r.get("event_number"))
                      and _day(r.get("inspection_date", "")))
    p["visit_extra_days"] = {k: v for k, v in sorted(lengths.items()) if 0 <= k <= 7}
    first = [(_day(r["inspection_date"]) - _day(r["registration_date"])).days
             for r in snaps[2024] if is_ch(canon_type(r["provision_type"]))
             and not r.get("previous_event_number") and _day(r.get("registration_date", ""))
             and _day(r.get("inspection_date", ""))
             and _day(r["registration_date"]) > dt.date(2021, 4, 1)]
    p["first_inspection_days_ch"] = _quantiles(first)
    ages = defaultdict(list)
    for r in snaps[2015]:
        d = _day(r.get("inspection_date", ""))
        if d:
            group = "ch" if is_ch(canon_type(r["provision_type"])) else "other"
            ages[group].append((dt.date(2015, 3, 31) - d).days)
    p["age_of_latest_2015_days"] = {g: _quantiles(v) for g, v in ages.items()}
    regs = [_day(r["registration_date"]).year for r in snaps[2019]
            if _day(r.get("registration_date", "")) and is_ch(canon_type(r["provision_type"]))]
    p["registration_year_ch_2019"] = dict(sorted(Counter(regs).items()))
    p["uninspected_share"] = {y: round(sum(not r.get("inspection_date") for r in rows)
                                       / len(rows), 4) for y, rows in snaps.items()}


def _joiners_leavers(p: dict, root: Path, snaps: dict) -> None:
    out = {}
    for path in sorted((root / "joiners-leavers").glob("*.csv")):
        joins, leaves = Counter(), Counter()
        for r in _rows(path):
            group = "ch" if is_ch(canon_type(r.get("provision_type", ""))) else "other"
            joins[group] += (r.get("joiner_status") or "").lower() == "joiner"
            leaves[group] += (r.get("leaver_status") or "").lower() == "leaver"
        out[int(path.stem[-4:])] = {"joiners": dict(joins), "leavers": dict(leaves)}
    p["joiners_leavers"] = out
    p["distinct_urns"] = len({normalise_urn(r["urn"]) for rows in snaps.values() for r in rows})


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else DEFAULT_DIR
    if not root.is_dir():
        print(f"no real data at {root}", file=sys.stderr)
        return 2
    print(json.dumps(calibrate(root), indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
