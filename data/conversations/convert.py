#!/usr/bin/env python3
"""Converts conversations of Synthetic-Persona-Chat (CC BY 4.0) into memhook's replay format.

    python3 convert.py ../../../shared/data/synthetic-persona-chat/valid.csv 3 7 12

writes spc-valid-<row>.json for each row number given (0-based, header excluded). "User 1" becomes
the USER, "User 2" the PERSONA; messages get ids m1, m2, ... and dates one minute apart from
2026-01-01T10:00:00Z; the persona facts of each speaker are kept under "personaFacts" for
reference (memhook ignores them). The texts are unchanged.
"""
import csv
import json
import re
import sys
from datetime import datetime, timedelta, timezone


def messages(text):
    out = []
    for line in text.splitlines():
        m = re.match(r"\s*User\s*([12])\s*:\s*(.*)$", line)
        if m:
            out.append(["USER" if m.group(1) == "1" else "PERSONA", m.group(2).strip()])
        elif out and line.strip():
            out[-1][1] += " " + line.strip()
    return [(s, t) for s, t in out if t]


def main():
    path, rows = sys.argv[1], [int(r) for r in sys.argv[2:]]
    with open(path, newline="", encoding="utf-8") as f:
        data = list(csv.reader(f))[1:]
    start = datetime(2026, 1, 1, 10, 0, tzinfo=timezone.utc)
    for row in rows:
        user_facts, persona_facts, conversation = data[row][:3]
        name = f"spc-valid-{row:04d}"
        out = {
            "source": f"Synthetic-Persona-Chat, validation split, row {row} (CC BY 4.0)",
            "userProfileId": f"{name}-user",
            "personaProfileId": f"{name}-persona",
            "personaFacts": {
                "USER": [l.strip() for l in user_facts.splitlines() if l.strip()],
                "PERSONA": [l.strip() for l in persona_facts.splitlines() if l.strip()],
            },
            "messages": [
                {"id": f"m{i + 1}", "sender": s, "date": (start + timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ"), "text": t}
                for i, (s, t) in enumerate(messages(conversation))
            ],
        }
        with open(f"{name}.json", "w", encoding="utf-8") as f:
            json.dump(out, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"{name}.json: {len(out['messages'])} messages")


if __name__ == "__main__":
    main()
