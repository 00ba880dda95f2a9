#!/usr/bin/env python3
"""Generates C++ sources that embed data into the workstead binary.

  embed.py migrations OUT.cpp SQLITE_DIR POSTGRES_DIR
  embed.py openapi OUT.cpp OPENAPI.yaml
  embed.py web OUT.cpp DIST_DIR        (DIST_DIR may be missing: embeds nothing)
  embed.py lines OUT.cpp NAMESPACE VARIABLE LIST.txt
      one entry per line, lower-cased, sorted (byte order), unique, empty lines
      and `#` comments dropped; defined as
      `extern const std::span<const std::string_view> VARIABLE` in NAMESPACE
"""
import json
import os
import re
import sys


def literal(data: bytes) -> str:
    """A C++ string literal for arbitrary bytes, split into lines."""
    out, line = [], []
    for i, b in enumerate(data):
        c = chr(b)
        if c == '"' or c == '\\':
            line.append('\\' + c)
        elif 0x20 <= b < 0x7f and c != '?':  # '?' avoids trigraphs
            line.append(c)
        else:
            line.append('\\%03o' % b)
        if len(line) >= 96 or b == 10:
            out.append('"' + ''.join(line) + '"')
            line = []
    if line or not out:
        out.append('"' + ''.join(line) + '"')
    return '\n    '.join(out)


def write_if_changed(path: str, text: str) -> None:
    if os.path.exists(path):
        with open(path, encoding='utf-8') as f:
            if f.read() == text:
                return
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def migrations(out: str, sqlite_dir: str, pg_dir: str) -> None:
    parts = ['#include "db/migrate.hpp"\n', 'namespace ws::db {\n']
    for var, folder in (('kSqliteMigrations', sqlite_dir), ('kPostgresMigrations', pg_dir)):
        entries, seen = [], set()
        for name in sorted(os.listdir(folder)):
            m = re.fullmatch(r'(\d{4})_([a-z0-9_]+)\.sql', name)
            if not m:
                sys.exit(f'embed.py: migration file name {name} is not NNNN_name.sql')
            version = int(m.group(1))
            if version in seen or version != len(seen) + 1:
                sys.exit(f'embed.py: migrations in {folder} must be numbered 1, 2, 3… without gaps')
            seen.add(version)
            with open(os.path.join(folder, name), 'rb') as f:
                sql = f.read()
            entries.append(f'  {{{version}, "{m.group(2)}",\n    std::string_view({literal(sql)}, {len(sql)})}}')
        parts.append(f'extern const std::vector<Migration> {var};\n')
        parts.append(f'const std::vector<Migration> {var} = {{\n' + ',\n'.join(entries) + '\n};\n')
    parts.append('}  // namespace ws::db\n')
    write_if_changed(out, '\n'.join(parts))


def openapi(out: str, yaml_path: str) -> None:
    import yaml  # Debian python3-yaml
    with open(yaml_path, encoding='utf-8') as f:
        doc = yaml.safe_load(f)
    data = json.dumps(doc, separators=(',', ':'), sort_keys=False, default=str).encode()
    text = ('#include <string_view>\n\nnamespace ws::app {\n'
            'extern const std::string_view kOpenApiJson;\n'
            f'const std::string_view kOpenApiJson = std::string_view(\n    {literal(data)},\n    {len(data)});\n'
            '}  // namespace ws::app\n')
    write_if_changed(out, text)


def web(out: str, dist: str) -> None:
    files = []
    if os.path.isdir(dist):
        for root, _, names in os.walk(dist):
            for name in sorted(names):
                if name.endswith('.gz') or name.endswith('.br'):
                    continue
                full = os.path.join(root, name)
                rel = '/' + os.path.relpath(full, dist).replace(os.sep, '/')
                files.append((rel, full))
    files.sort()
    parts = ['#include "http/static_files.hpp"\n', 'namespace ws::app {\n',
             'extern const std::vector<ws::http::EmbeddedAsset> kWebAssets;\n',
             'const std::vector<ws::http::EmbeddedAsset> kWebAssets = {']
    for rel, full in files:
        variants = []
        for suffix in ('', '.gz', '.br'):
            path = full + suffix
            if os.path.exists(path):
                with open(path, 'rb') as f:
                    data = f.read()
                variants.append(f'std::string_view({literal(data)}, {len(data)})')
            else:
                variants.append('std::string_view()')
        parts.append(f'  {{"{rel}",\n   {variants[0]},\n   {variants[1]},\n   {variants[2]}}},')
    parts.append('};\n}  // namespace ws::app\n')
    write_if_changed(out, '\n'.join(parts))


def lines(out: str, namespace: str, variable: str, list_path: str) -> None:
    with open(list_path, 'rb') as f:
        raw = f.read().split(b'\n')
    entries = sorted({line.rstrip(b'\r').lower() for line in raw
                      if line.strip() and not line.startswith(b'#')})
    items = ',\n'.join(f'    std::string_view({literal(e)}, {len(e)})' for e in entries)
    text = ('#include <span>\n#include <string_view>\n\n'
            f'namespace {namespace} {{\n\nnamespace {{\n'
            f'constexpr std::string_view kItems[] = {{\n{items}\n}};\n}}  // namespace\n\n'
            f'extern const std::span<const std::string_view> {variable};\n'
            f'const std::span<const std::string_view> {variable}(kItems);\n\n'
            f'}}  // namespace {namespace}\n')
    write_if_changed(out, text)


def main() -> None:
    kind, out = sys.argv[1], sys.argv[2]
    os.makedirs(os.path.dirname(out) or '.', exist_ok=True)
    if kind == 'migrations':
        migrations(out, sys.argv[3], sys.argv[4])
    elif kind == 'openapi':
        openapi(out, sys.argv[3])
    elif kind == 'web':
        web(out, sys.argv[3])
    elif kind == 'lines':
        lines(out, sys.argv[3], sys.argv[4], sys.argv[5])
    else:
        sys.exit('embed.py: unknown kind ' + kind)


if __name__ == '__main__':
    main()
