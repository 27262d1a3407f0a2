"""What `barometer check` prints: one line per problem, a table per file, or JSON."""

from __future__ import annotations

import json

from generator.checks.model import CHECK_TITLES, FileCheck


def results_to_text(results: list[FileCheck]) -> str:
    """Every problem on its own line, then per file a table of checks with their outcome."""
    lines = [str(problem) for result in results for problem in result.problems]
    for result in results:
        lines += ["", f"{result.path} ({result.kind}): {'passed' if result.passed else 'FAILED'}"]
        width = max(len(CHECK_TITLES[check]) for check in result.checks)
        for check in result.checks:
            count = len(result.problems_of(check))
            outcome = "ok" if not count else f"FAIL ({count})"
            detail = f"  smallest {result.smallest_text:g} pt" if check == "text-size" and result.smallest_text else ""
            lines.append(f"  {CHECK_TITLES[check]:<{width}}  {outcome}{detail}")
    failed = sum(not result.passed for result in results)
    lines += ["", f"{len(results)} files checked, {failed} with problems."]
    return "\n".join(lines).lstrip("\n") + "\n"


def results_to_json(results: list[FileCheck]) -> str:
    """The same as JSON: per file its checks, their outcome and the problems with their location."""
    files = []
    for result in results:
        files.append({
            "path": result.path, "kind": result.kind, "passed": result.passed,
            "smallest_text_pt": result.smallest_text,
            "checks": {check: {"passed": not result.problems_of(check), "problems": len(result.problems_of(check))}
                       for check in result.checks},
            "problems": [{"check": problem.check, "where": problem.field, "message": problem.message,
                          "line": str(problem)} for problem in result.problems],
        })
    return json.dumps({"passed": all(result.passed for result in results), "files": files},
                      ensure_ascii=False, indent=2) + "\n"
