#!/usr/bin/env python3
"""Function and file sizes of gen's Swift sources: the numbers docs/architecture.md keeps
within bounds (no function over 100 lines, at most 8 over 60, no file over 400 lines).

Usage: scripts/code-sizes.py [--list N] [DIR ...]   (default: Sources)
A function's size is its lines from the `func`/`init`/`subscript`/`deinit` line to its
closing brace, counted by matching braces outside strings and comments.
"""
import os
import re
import sys

DECL = re.compile(r'^\s*(?:@[\w()., ]+\s+)*(?:(?:public|private|fileprivate|internal|package|static|class|'
                  r'override|mutating|nonmutating|final|nonisolated|convenience|required|@inline\(__always\)|'
                  r'@discardableResult)\s+)*(func\s+[^\s(<]+|init[?!]?\s*[(<]|deinit\b|subscript\s*[(<])')


def strip(line, state):
    """The line without string contents and comments; state carries block comments and
    multi-line strings across lines."""
    out = []
    i = 0
    n = len(line)
    while i < n:
        if state['block']:
            end = line.find('*/', i)
            if end < 0:
                return ''.join(out)
            state['block'] = False
            i = end + 2
            continue
        if state['multi']:
            end = line.find('"""', i)
            if end < 0:
                return ''.join(out)
            state['multi'] = False
            i = end + 3
            continue
        c = line[i]
        if line.startswith('//', i):
            break
        if line.startswith('/*', i):
            state['block'] = True
            i += 2
            continue
        if line.startswith('"""', i):
            state['multi'] = True
            i += 3
            continue
        if c == '"':
            i += 1
            depth = 0
            while i < n:
                if line[i] == '\\' and i + 1 < n and line[i + 1] == '(':
                    depth += 1
                    i += 2
                    continue
                if depth and line[i] == '(':
                    depth += 1
                elif depth and line[i] == ')':
                    depth -= 1
                elif not depth and line[i] == '\\':
                    i += 2
                    continue
                elif not depth and line[i] == '"':
                    break
                i += 1
            i += 1
            out.append('""')
            continue
        out.append(c)
        i += 1
    return ''.join(out)


def functions(path):
    lines = open(path, encoding='utf-8').read().split('\n')
    state = {'block': False, 'multi': False}
    code = [strip(l, state) for l in lines]
    found = []
    for i, line in enumerate(code):
        m = DECL.match(line)
        if not m:
            continue
        depth = 0
        opened = False
        for j in range(i, len(code)):
            for ch in code[j]:
                if ch == '{':
                    depth += 1
                    opened = True
                elif ch == '}':
                    depth -= 1
            if opened and depth <= 0:
                name = m.group(1).strip().rstrip('(<')
                found.append((j - i + 1, f'{path}:{i + 1}', name))
                break
            if not opened and j > i and code[j].strip() == '' and '{' not in ''.join(code[i:j + 1]):
                break  # a protocol requirement: no body
    return found, len(lines)


def main():
    args = sys.argv[1:]
    show = 10
    if args[:1] == ['--list']:
        show = int(args[1])
        args = args[2:]
    roots = args or ['Sources']
    funcs, files = [], []
    for root in roots:
        for dirpath, _, names in os.walk(root):
            for name in sorted(names):
                if name.endswith('.swift'):
                    path = os.path.join(dirpath, name)
                    f, n = functions(path)
                    funcs += f
                    files.append((n, path))
    funcs.sort(reverse=True)
    files.sort(reverse=True)
    over60 = [f for f in funcs if f[0] > 60]
    over100 = [f for f in funcs if f[0] > 100]
    big_files = [f for f in files if f[0] > 400]
    print(f'functions: {len(funcs)}; over 60 lines: {len(over60)}; over 100 lines: {len(over100)}')
    print(f'files: {len(files)}; over 400 lines: {len(big_files)}')
    for size, where, name in funcs[:show]:
        print(f'  {size:4d}  {where}  {name}')
    for size, path in big_files:
        print(f'  file {size:4d}  {path}')


main()
