#!/usr/bin/env python3
"""Checks Headroom HTML reports, independently of the Swift code that writes them.

    scripts/check-html.py REPORT.html...            exit 0 when every file passes, 1 otherwise
    scripts/check-html.py --charts REPORT.html      also print each chart and its series

A report passes when it is well-formed XML (the report is XHTML-compatible HTML), its root is
<html>, and it references nothing outside itself: no element that loads a resource (script,
link, img, iframe, ...), no src/href/... attribute that points anywhere but inside the page,
no inline event handler, and no @import or url(...) other than url(#...) in CSS.
"""
import re
import sys
import xml.etree.ElementTree as ET

LOADERS = {"script", "link", "img", "iframe", "object", "embed", "base", "audio", "video", "source", "image", "frame"}
POINTERS = {"src", "href", "xlink:href", "{http://www.w3.org/1999/xlink}href", "action", "srcset", "poster", "data", "background"}


def css_references(css):
    found = []
    if "@import" in css.lower():
        found.append("@import")
    for match in re.finditer(r"url\(\s*['\"]?([^'\")]*)", css, re.IGNORECASE):
        if not match.group(1).startswith("#"):
            found.append("url(" + match.group(1)[:40])
    return found


def problems(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        return [f"not well-formed: {error}"], root_charts(None)
    found = [] if root.tag == "html" else [f"the root element is <{root.tag}>, not <html>"]
    for element in root.iter():
        if element.tag in LOADERS:
            found.append(f"<{element.tag}> loads a resource")
        for name, value in element.attrib.items():
            if name.lower() in POINTERS and not value.startswith("#"):
                found.append(f'<{element.tag} {name}="{value}"> points outside the page')
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}> runs script")
            if name.lower() == "style":
                found += [f"<{element.tag} style> {r}" for r in css_references(value)]
        if element.tag == "style":
            found += css_references(element.text or "")
    return found, root_charts(root)


def root_charts(root):
    charts = []
    if root is None:
        return charts
    for figure in root.iter("figure"):
        if "data-chart" not in figure.attrib:
            continue
        series = []
        for shape in figure.iter():
            name = shape.attrib.get("data-series")
            if shape.tag in ("path", "rect") and name is not None and name not in series:
                series.append(name)
        charts.append((figure.attrib["data-chart"], series))
    return charts


def main(arguments):
    show_charts = "--charts" in arguments
    files = [a for a in arguments if a != "--charts"]
    if not files:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    status = 0
    for path in files:
        found, charts = problems(path)
        for problem in found:
            print(f"{path}: {problem}", file=sys.stderr)
            status = 1
        if show_charts:
            for chart, series in charts:
                print(f"{chart}: {', '.join(series)}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
