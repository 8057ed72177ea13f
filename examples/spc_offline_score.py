#!/usr/bin/env python3
"""Score the output of `examples/extract_eval.rs` the way /work/shared/tools/spc_score.py scores
a running server: a persona fact counts as learned when a memory of the same target has a
description whose content words overlap it with token F1 >= threshold (0.5). The word handling
(`content_words`, `f1`) is imported from spc_score.py, not copied.

    python3 examples/spc_offline_score.py /tmp/spc-memories.jsonl [--show 20] [--json report.json]
"""
import argparse
import json
import os
import random
import sys

sys.path.insert(0, os.environ.get("SPC_TOOLS", "/work/shared/tools"))
from spc_score import content_words, f1  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("memories")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--show", type=int, default=15)
    ap.add_argument("--seed", type=int, default=0, help="shuffle the examples shown")
    ap.add_argument("--json", default=None)
    args = ap.parse_args()

    facts_total = facts_hit = memories_total = unmatched_total = conversations = 0
    per_target = {"USER": [0, 0], "PERSONA": [0, 0]}
    misses, unmatched, categories = [], [], {}
    with open(args.memories) as f:
        for line in f:
            row = json.loads(line)
            conversations += 1
            memories = row["memories"]
            memories_total += len(memories)
            by_target = {"USER": [], "PERSONA": []}
            for m in memories:
                by_target.setdefault(m["target"], []).append(m)
                categories[m["category"]] = categories.get(m["category"], 0) + 1
            for target, facts in row["personas"].items():
                mems = [(m, content_words(m["description"])) for m in by_target.get(target, [])]
                matched = set()
                for fact in facts:
                    fw = content_words(fact)
                    best, best_j = 0.0, None
                    for j, (m, mw) in enumerate(mems):
                        s = f1(fw, mw)
                        if s > best:
                            best, best_j = s, j
                    facts_total += 1
                    per_target[target][1] += 1
                    if best >= args.threshold:
                        facts_hit += 1
                        per_target[target][0] += 1
                        matched.add(best_j)
                    else:
                        misses.append({"conversation": row["conversation"], "target": target, "fact": fact})
                for j, (m, mw) in enumerate(mems):
                    if j not in matched and not any(f1(content_words(x), mw) >= args.threshold for x in facts):
                        unmatched_total += 1
                        unmatched.append({"conversation": row["conversation"], "target": target,
                                          "category": m["category"], "description": m["description"],
                                          "sourceText": m["sourceText"]})
    report = {
        "conversations": conversations,
        "persona_facts": facts_total,
        "recall": facts_hit / max(facts_total, 1),
        "recall_user": per_target["USER"][0] / max(per_target["USER"][1], 1),
        "recall_persona": per_target["PERSONA"][0] / max(per_target["PERSONA"][1], 1),
        "memories_per_conversation": memories_total / max(conversations, 1),
        "unmatched_memory_share": unmatched_total / max(memories_total, 1),
        "memories_by_category": dict(sorted(categories.items(), key=lambda kv: -kv[1])),
    }
    for k, v in report.items():
        print(f"{k}: {v:.3f}" if isinstance(v, float) else f"{k}: {v}")
    if args.show:
        rng = random.Random(args.seed)
        if args.seed:
            rng.shuffle(misses)
            rng.shuffle(unmatched)
        print("\nsome persona facts not learned:")
        for m in misses[: args.show]:
            print(f"  [{m['conversation']}] {m['target']}: {m['fact']}")
        print("\nsome memories that match no persona fact:")
        for m in unmatched[: args.show]:
            print(f"  [{m['conversation']}] {m['target']} {m['category']}: {m['description']!r} <- {m['sourceText']!r}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"summary": report, "misses": misses, "unmatched": unmatched}, f, indent=1)


if __name__ == "__main__":
    main()
