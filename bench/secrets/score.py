#!/usr/bin/env python3
"""Scores the secrets benchmark (bench/secrets/run): reads each tool's report for the synthetic
repository and the corpus projects under WORK/out/<name>/, judges every finding, and prints two
Markdown tables (synthetic, corpus). Reads only paths, lines and rule names from the reports: the
secrets the anchors print are never shown.

usage: score.py WORK [owner/name ...]
"""
import json
import os
import sys

TOOLS = ["ours", "gitleaks", "trufflehog"]
OUR_RULES = {"DP106", "DP108", "DP109"}
COUNTED = {"critical", "high", "medium"}


def findings(out, tool):
    """(path, line, rule, extra) per finding; ours also says whether it counts (medium or above)."""
    path = os.path.join(out, f"{tool}.json")
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return []
    if tool == "ours":
        report = json.load(open(path))
        return [(f["location"].get("path"), f["location"].get("line"), f["rule"], f)
                for f in report["findings"] if f["rule"] in OUR_RULES]
    if tool == "gitleaks":
        return [(f["File"], f["StartLine"], f["RuleID"], None) for f in json.load(open(path))]
    result = []
    for line in open(path):
        line = line.strip()
        if not line.startswith("{"):
            continue
        f = json.loads(line)
        git = f.get("SourceMetadata", {}).get("Data", {}).get("Git", {})
        result.append((git.get("file"), git.get("line"), f.get("DetectorName"), None))
    return result


def failed(out, tool):
    """True when the tool gave up on the repository (gitleaks stops at the first object git cannot read)."""
    try:
        return "failed to scan" in open(os.path.join(out, f"{tool}.stderr"), errors="replace").read()
    except OSError:
        return False


def timing(out, tool):
    try:
        wall, kb = open(os.path.join(out, f"{tool}.time")).read().split()[-2:]
        return float(wall), int(kb)
    except (OSError, ValueError):
        return 0.0, 0


def synthetic(work):
    truth = json.load(open(os.path.join(work, "synthetic.truth.json")))
    by_place = {(t["path"], t["line"]): t for t in truth}
    secrets = [t for t in truth if t["label"] == "secret"]
    out = os.path.join(work, "out", "synthetic")
    rows = []
    for tool in TOOLS:
        reported, low, seen = set(), set(), set()
        for path, line, _, f in findings(out, tool):
            if tool == "ours" and f["severity"] not in COUNTED:
                low.add((path, line))
            else:
                reported.add((path, line))
        true = {p for p in reported if by_place.get(p, {}).get("label") == "secret"}
        found = sum(1 for s in secrets if (s["path"], s["line"]) in reported)
        context_high = sum(1 for p in reported if by_place.get(p, {}).get("label") == "context")
        context_low = sum(1 for p in low if by_place.get(p, {}).get("label") == "context")
        wall, kb = timing(out, tool)
        precision = f"{100 * len(true) / len(reported):.0f}%" if reported else "n/a"
        rows.append(f"| {tool} | {len(reported)} | {len(true)} | {len(reported) - len(true)} | {precision} | "
                    f"{found}/{len(secrets)} ({100 * found / len(secrets):.0f}%) | {context_high} | {context_low} | {wall:.2f} | {kb // 1024} |")
    labels = {label: sum(1 for t in truth if t["label"] == label) for label in ("secret", "context", "not")}
    head = (f"Synthetic repository: {labels['secret']} production secrets, {labels['context']} secrets of CI/development/test files "
            f"(at most low), {labels['not']} look-alikes. A finding is true only on a planted production secret.\n\n"
            "| tool | findings | true | false | precision | recall (planted) | CI/dev/test as secrets | CI/dev/test said at low | wall (s) | peak MB |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    return head + "\n" + "\n".join(rows)


def corpus(work, projects):
    corpus_judgments = json.load(open("bench/corpus/judgments.json"))["projects"]
    ours_extra = load("bench/secrets/our-judgments.json")
    anchors = load("bench/secrets/anchor-judgments.json")
    totals = {tool: {"findings": 0, "true": 0, "false": 0, "unjudged": 0, "wall": 0.0, "kb": 0, "failed": 0} for tool in TOOLS}
    rows = []
    for repo in projects:
        out = os.path.join(work, "out", repo.replace("/", "+"))
        cells = []
        for tool in TOOLS:
            t = totals[tool]
            wall, kb = timing(out, tool)
            t["wall"] += wall
            t["kb"] = max(t["kb"], kb)
            n = true = false = 0
            for path, line, rule, f in findings(out, tool):
                if tool == "ours" and f["severity"] not in COUNTED:
                    continue
                n += 1
                if tool == "ours":
                    verdict = our_verdict(corpus_judgments.get(repo, {}), ours_extra.get(repo, []), f)
                else:
                    verdict = next((j["verdict"] for j in anchors.get(tool, {}).get(repo, [])
                                    if j["path"] == path and j["line"] == line and j["rule"] == rule), None)
                if verdict == "true":
                    true += 1
                elif verdict == "false":
                    false += 1
            t["findings"] += n
            t["true"] += true
            t["false"] += false
            t["unjudged"] += n - true - false
            gave_up = failed(out, tool)
            t["failed"] += gave_up
            cells.append(f"{n} ({true}/{false})" + (" git error, gave up" if gave_up else ""))
        rows.append(f"| {repo} | " + " | ".join(cells) + " |")
    head = ("Corpus: findings per project (judged true/false). Ours: DP106/DP108/DP109 at medium or above, judged by "
            "bench/corpus/judgments.json and bench/secrets/our-judgments.json; anchors: every finding, judged on the sample "
            "in bench/secrets/anchor-judgments.json.\n\n| project | " + " | ".join(TOOLS) + " |\n|---|" + "---|" * len(TOOLS))
    summary = ["", "| tool | findings | judged | true | false | precision (true/judged) | not judged | projects given up | wall, sum (s) | peak MB |",
               "|---|---|---|---|---|---|---|---|---|---|"]
    for tool in TOOLS:
        t = totals[tool]
        judged = t["true"] + t["false"]
        precision = f"{100 * t['true'] / judged:.0f}%" if judged else "n/a"
        summary.append(f"| {tool} | {t['findings']} | {judged} | {t['true']} | {t['false']} | {precision} | {t['unjudged']} | {t['failed']} | "
                       f"{t['wall']:.1f} | {t['kb'] // 1024} |")
    return head + "\n" + "\n".join(rows) + "\n" + "\n".join(summary)


def our_verdict(project, extra, f):
    loc = f["location"]
    for j in project.get("findings", []) + extra:
        if j["rule"] == f["rule"] and j["path"] == loc.get("path") and j["line"] == loc.get("line") \
                and j.get("match", "") in f["message"]:
            return j["verdict"]
    return None


def load(path):
    return json.load(open(path)) if os.path.exists(path) else {}


def main():
    work, projects = sys.argv[1], sys.argv[2:]
    print(synthetic(work))
    if projects:
        print()
        print(corpus(work, projects))


if __name__ == "__main__":
    main()
