#!/usr/bin/env python3
"""Prints the per-request statistics table of a Gatling HTML report (index.html) as plain text.
usage: load-tests/bench/report-table.py load-tests/target/gatling/<run>/index.html"""
import html, re, sys

page = open(sys.argv[1], encoding="utf-8").read()
headers = ["request", "total", "OK", "KO", "%KO", "per s", "min ms", "p50 ms", "p75 ms", "p95 ms", "p99 ms", "max ms",
           "mean ms", "stddev ms"]
rows = re.findall(r'<tr[^>]*>(.*?)</tr>', page, re.S)
print(" | ".join(headers))
for row in rows:
    name = re.search(r'class="ellipsed-name">([^<]*)<', row)
    cells = [html.unescape(c).strip() for c in re.findall(r'<td class="value[^"]*"[^>]*>([^<]*)</td>', row)]
    if name and len(cells) == len(headers) - 1:
        print(" | ".join([html.unescape(name.group(1))] + cells))
