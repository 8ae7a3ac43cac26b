#!/usr/bin/python3
"""Markdown tables of a `./paretune bench search` result: per half of the suite (tuning, held-out), each function's
median regret (interquartile range) at 50, 100 and 200 trials for random search, Paretune's tpe and Optuna's tpe,
the paired test against Optuna and against random at the compared trial count, then the tally.

    /usr/bin/python3 bench/search_report.py .paretune/bench/search-*.json > report.md
    /usr/bin/python3 bench/search_report.py .paretune/bench/search-*.json --suite    # the functions, their half
"""

import json
import sys

SAMPLERS = [("paretune:random", "random"), ("paretune:tpe", "Paretune tpe"), ("optuna:tpe", "Optuna tpe"),
            ("paretune:tpe-as-optuna", "Paretune tpe-as-optuna")]


def cell(result, at):
    row = result.get("regret", {}).get(at) if result else None
    if not row:
        return "–"
    return "%s (%s–%s)" % (fmt(row["median"]), fmt(row["p25"]), fmt(row["p75"]))


def fmt(x):
    if x == 0:
        return "0"
    if abs(x) >= 1000:
        return "{:,.0f}".format(x)
    return "%.3g" % x


def verdict(summary, function, sampler, against, at):
    for c in summary["comparisons"]:
        if c["function"] == function and c["sampler"] == sampler and c["against"] == against:
            row = c["at"].get(at)
            if row:
                mark = {"better": "**better**", "worse": "*worse*", "tie": "tie"}[row["verdict"]]
                return "%s (p %.2g)" % (mark, row["wilcoxon_p"])
    return "–"


def suite(data):
    print("| function | half | parameters | definition |")
    print("|---|---|---|---|")
    for name, e in data["functions"].items():
        print("| `%s` | %s | %d | %s |" % (name, e["set"], e["dimensions"], e["description"].replace("|", "\\|")))
    print()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    data = json.load(open(sys.argv[1]))
    if "--suite" in sys.argv[2:]:
        suite(data)
        return
    summary = data["summary"]
    at = str(summary["compared_at_trials"])
    checkpoints = [c for c in ("50", "100", "200") if c in map(str, data["settings"]["checkpoints"])]
    for half in ("tuning", "held-out"):
        names = [n for n, e in data["functions"].items() if e["set"] == half]
        if not names:
            continue
        print("### %s (%d functions)\n" % (half, len(names)))
        for c in checkpoints:
            print("Median regret after %s trials (interquartile range); tpe against Optuna's tpe and against random "
                  "search at %s trials (Wilcoxon signed-rank, paired by seed, 5 %%):\n" % (c, at) if c == at else
                  "Median regret after %s trials (interquartile range):\n" % c)
            head = ["function"] + [label for _, label in SAMPLERS]
            if c == at:
                head += ["tpe vs Optuna", "tpe vs random"]
            print("| " + " | ".join(head) + " |")
            print("|" + "---|" * len(head))
            for n in names:
                results = data["functions"][n]["results"]
                row = ["`%s`" % n] + [cell(results.get(key), c) for key, _ in SAMPLERS]
                if c == at:
                    row += [verdict(summary, n, "paretune:tpe", "optuna:tpe", at),
                            verdict(summary, n, "paretune:tpe", "paretune:random", at)]
                print("| " + " | ".join(row) + " |")
            print()
        tally = summary["by_set"].get(half, {})
        for label, opponents in tally.items():
            parts = ["%s: %d better, %d tie, %d worse" % (o.replace("_", " "), t["better"], t["tie"], t["worse"])
                     for o, t in opponents.items()]
            print("- `%s` %s" % (label, "; ".join(parts)))
        print()


if __name__ == "__main__":
    main()
