#!/usr/bin/env python3
"""Writes a fuzz input of the `site`, `datasets` or `templates` harness out as the files it
stands for, to reproduce a finding with the real `gen` (docs/testing.md, "Fuzzing").

    Fuzz/carve.py INPUT FOLDER [--first NAME]

Lines `=== path` start a file; text before the first such line is content/index.md
(`--first gen.yml` for the datasets harness, `--first page.mustache` for templates).
"""
import os
import sys

def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source, folder = sys.argv[1], sys.argv[2]
    first = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--first" else "content/index.md"
    text = open(source, "rb").read().decode("utf-8", "replace")
    files = [[first, []]]
    for line in text.split("\n"):
        if line.startswith("=== "):
            files.append([line[4:].strip(), []])
        else:
            files[-1][1].append(line + "\n")
    for name, lines in files:
        parts = name.split("/")
        if not name or name.startswith("/") or ".." in parts or "." in parts:
            print(f"skipped unsafe name {name!r}", file=sys.stderr)
            continue
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with open(path, "w") as out:
            out.write("".join(lines))
    print(f"wrote {len(files)} files to {folder}")

main()
