#!/usr/bin/env python3
"""Convert Synthetic-Persona-Chat (CSV) into the JSON that `examples/extract_eval.rs` reads.

Data: Synthetic-Persona-Chat by Jandaghi, Sheng, Bai, Pujara and Sidahmed (Google),
https://github.com/google-research-datasets/Synthetic-Persona-Chat, CC BY 4.0
(https://creativecommons.org/licenses/by/4.0/). This script does not copy the data into the
repository; it converts the CSV at run time: each row becomes one conversation, its messages
grouped into turns (a USER message with the PERSONA replies that follow) exactly as
/work/shared/tools/spc_score.py pushes them to a server, with the same message ids and dates.

    python3 examples/spc_to_json.py /work/shared/data/synthetic-persona-chat/valid.csv > /tmp/spc.json
"""
import csv
import json
import os
import sys
from datetime import datetime, timedelta, timezone

TOOLS = os.environ.get("SPC_TOOLS", "/work/shared/tools")
sys.path.insert(0, TOOLS)
from spc_score import parse_conversation, turns  # noqa: E402


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/synthetic-persona-chat/valid.csv"
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))[1:]
    if limit:
        rows = rows[:limit]
    base_time = datetime(2026, 1, 1, tzinfo=timezone.utc)
    out = []
    for i, row in enumerate(rows):
        if len(row) < 3:
            continue
        personas = {"USER": [l.strip() for l in row[0].splitlines() if l.strip()],
                    "PERSONA": [l.strip() for l in row[1].splitlines() if l.strip()]}
        n = 0
        groups = []
        for group in turns(parse_conversation(row[2])):
            msgs = []
            for sender, text in group:
                n += 1
                date = (base_time + timedelta(minutes=i * 100 + n)).strftime("%Y-%m-%dT%H:%M:%SZ")
                msgs.append({"id": f"m{n}", "sender": sender, "date": date, "text": text})
            groups.append(msgs)
        out.append({"conversation": i, "personas": personas, "turns": groups})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
