"""Scores one corpus run against bench/corpus/judgments.json.

Reads the scan results that bench/corpus/run left in a folder (for each project: <folder>.json, the
scan's JSON report, and <folder>.run, "exit_code wall_seconds peak_kb") and prints a Markdown table:
per project and in total, whether the settings module is the one production runs, findings by
severity, precision of critical+high and of medium over the judged findings, misses found, findings
not yet judged, whether the project fails `--fail-on high` on false findings alone, time and peak
memory. Writes the findings not yet judged to <results>/unjudged.json: work for the judges.

usage: score.py PROJECTS_TSV JUDGMENTS_JSON RESULTS_DIR
"""

import json
import os
import sys

SEVERITIES = ["critical", "high", "medium", "low", "info"]
JUDGED = {"critical", "high", "medium"}
# The default build gate: severity high or above, confidence medium or above (DESIGN.md, Trust).
GATE_SEVERITIES = {"critical", "high"}
GATE_CONFIDENCES = {"certain", "high", "medium"}


def read_projects(path):
    projects = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            repo, commit, folder = line.split("\t")
            projects.append((repo, commit, folder))
    return projects


def finding_rules(finding):
    """The rule a finding is reported under first, then every other rule it names (merged findings)."""
    rules = [finding["rule"]]
    for key in ("also", "rules", "also_breaks"):
        for other in finding.get(key) or []:
            rule = other["rule"] if isinstance(other, dict) else other
            if rule not in rules:
                rules.append(rule)
    return rules


def judgment_for(finding, judgments):
    location = finding.get("location") or {}
    path, line = location.get("path"), location.get("line")
    message = finding.get("message", "")
    for rule in finding_rules(finding):
        candidates = [j for j in judgments
                      if j["rule"] == rule and j.get("path") == path and j.get("line") == line]
        with_match = [j for j in candidates if j.get("match") and j["match"] in message]
        if with_match:
            return with_match[0]
        plain = [j for j in candidates if not j.get("match")]
        if plain:
            return plain[0]
    return None


def miss_found(miss, findings):
    for finding in findings:
        location = finding.get("location") or {}
        if miss["rule"] not in finding_rules(finding) or location.get("path") != miss.get("path"):
            continue
        if miss.get("line") is None or location.get("line") == miss.get("line"):
            return True
    return False


def modules_of(judged):
    module = judged.get("module")
    return module if isinstance(module, list) else [module]


def ratio(true, judged):
    return f"{true}/{judged} ({100.0 * true / judged:.0f}%)" if judged else "-"


def main():
    projects_tsv, judgments_json, results = sys.argv[1:4]
    with open(judgments_json, encoding="utf-8") as f:
        all_judgments = json.load(f)["projects"]

    rows, unjudged = [], []
    total = {"present": 0, "module_right": 0, "module_judged": 0, "by_severity": dict.fromkeys(SEVERITIES, 0),
             "ch_true": 0, "ch_judged": 0, "m_true": 0, "m_judged": 0, "misses_found": 0, "misses": 0,
             "unjudged": 0, "false_fail": 0, "fail": 0, "seconds": 0.0, "peak_kb": 0,
             # Medium findings split by confidence: a low-confidence one says "could not decide" and
             # never counts towards the default gate, so its share of the false ones is shown apart.
             "m_sure_true": 0, "m_sure_judged": 0}
    for repo, commit, folder in read_projects(projects_tsv):
        report_path = os.path.join(results, folder + ".json")
        if not os.path.exists(report_path):
            rows.append(f"| {repo} | not present | | | | | | | | |")
            continue
        total["present"] += 1
        with open(report_path, encoding="utf-8") as f:
            report = json.load(f)
        with open(os.path.join(results, folder + ".run"), encoding="utf-8") as f:
            exit_code, seconds, peak_kb = f.read().split()
        judged = all_judgments.get(repo, {})
        judgments = judged.get("findings", [])
        findings = report["findings"]

        module = report["target"].get("settings_module")
        if "settings_module" in judged:
            total["module_judged"] += 1
            right = module in modules_of(judged["settings_module"])
            total["module_right"] += right
            module_cell = "right" if right else f"WRONG ({module}; production: {modules_of(judged['settings_module'])[0]})"
        else:
            module_cell = f"not judged ({module})"

        counts = dict.fromkeys(SEVERITIES, 0)
        ch_true = ch_judged = m_true = m_judged = project_unjudged = 0
        gate_true = 0
        for finding in findings:
            severity = finding["severity"]
            counts[severity] += 1
            if severity not in JUDGED:
                continue
            judgment = judgment_for(finding, judgments)
            if judgment is None:
                project_unjudged += 1
                unjudged.append({"project": repo, "rule": finding["rule"], "severity": severity,
                                 "confidence": finding.get("confidence"), "location": finding.get("location"),
                                 "message": finding.get("message")})
                continue
            is_true = judgment["verdict"] == "true"
            if severity == "medium":
                m_judged += 1
                m_true += is_true
                if finding.get("confidence") in GATE_CONFIDENCES:
                    total["m_sure_judged"] += 1
                    total["m_sure_true"] += is_true
            else:
                ch_judged += 1
                ch_true += is_true
            if severity in GATE_SEVERITIES and finding.get("confidence") in GATE_CONFIDENCES and is_true:
                gate_true += 1
        fails = exit_code == "1"
        false_fail = fails and gate_true == 0
        misses = judged.get("misses", [])
        found = sum(miss_found(m, findings) for m in misses)

        for s in SEVERITIES:
            total["by_severity"][s] += counts[s]
        for key, value in (("ch_true", ch_true), ("ch_judged", ch_judged), ("m_true", m_true),
                           ("m_judged", m_judged), ("misses_found", found), ("misses", len(misses)),
                           ("unjudged", project_unjudged), ("false_fail", false_fail), ("fail", fails)):
            total[key] += value
        total["seconds"] += float(seconds)
        total["peak_kb"] = max(total["peak_kb"], int(peak_kb))
        severity_cell = " ".join(f"{counts[s]}{s[0].upper()}" for s in SEVERITIES)
        fail_cell = ("fails on false findings alone" if false_fail else "fails") if fails else "passes"
        rows.append(f"| {repo} | {module_cell} | {severity_cell} | {ratio(ch_true, ch_judged)} | "
                    f"{ratio(m_true, m_judged)} | {found}/{len(misses)} | {project_unjudged} | {fail_cell} | "
                    f"{float(seconds):.2f} | {int(peak_kb) // 1024} |")

    t = total
    severity_cell = " ".join(f"{t['by_severity'][s]}{s[0].upper()}" for s in SEVERITIES)
    rows.append(f"| **total** ({t['present']} present) | {t['module_right']}/{t['module_judged']} right | "
                f"{severity_cell} | {ratio(t['ch_true'], t['ch_judged'])} | {ratio(t['m_true'], t['m_judged'])} | "
                f"{t['misses_found']}/{t['misses']} | {t['unjudged']} | {t['fail']} fail, "
                f"{t['false_fail']} on false alone | {t['seconds']:.2f} | {t['peak_kb'] // 1024} max |")
    print("| project | settings module | findings (C H M L I) | critical+high precision | medium precision "
          "| misses found | not judged | --fail-on high | time (s) | peak (MB) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    undecided_true = t["m_true"] - t["m_sure_true"]
    undecided_judged = t["m_judged"] - t["m_sure_judged"]
    print(f"\nmedium precision by confidence: medium or above {ratio(t['m_sure_true'], t['m_sure_judged'])}, "
          f"low (undecided) {ratio(undecided_true, undecided_judged)}")
    with open(os.path.join(results, "unjudged.json"), "w", encoding="utf-8") as f:
        json.dump(unjudged, f, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
