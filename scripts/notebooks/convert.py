#!/usr/bin/python3
"""Render executed notebooks to HTML pages of the report, on request, in one Python process.

Started by scripts/notebooks/report.ts with Debian's /usr/bin/python3 (jupyter-nbconvert):

    convert.py --template-dir DIR --output-dir OUT

It reads one notebook path per line on stdin and writes OUT/<name>.html with the `nudump`
template (DIR/nudump: JupyterLab's look, plotly.js and MathJax from assets/), then prints
"done <path>" — or "error <path>: <message>" and goes on with the next. End of input ends it.

Why not `python -m nbconvert` once per run: nbconvert's import costs ≈ 1 s, and one call for
every notebook can only start after the last notebook has run. Here the import is paid once,
at the start of `npm run main`, and each page is rendered as soon as its notebook has passed.
The pages are byte-identical to `python -m nbconvert --to html --template nudump
--TemplateExporter.extra_template_basedirs=DIR --HTMLExporter.mathjax_url=MATHJAX` (checked).
"""
import argparse
import os
import sys
import traceback

from nbconvert import HTMLExporter
from traitlets.config import Config

MATHJAX = "assets/mathjax/MathJax.js?config=TeX-AMS_SVG-full"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--template-dir", required=True, help="directory holding the nudump template")
    ap.add_argument("--output-dir", required=True)
    args = ap.parse_args()
    c = Config()
    c.TemplateExporter.extra_template_basedirs = [args.template_dir]
    c.HTMLExporter.template_name = "nudump"
    c.HTMLExporter.mathjax_url = MATHJAX
    exporter = HTMLExporter(config=c)
    print("ready", flush=True)
    for line in sys.stdin:
        path = line.rstrip("\n")
        if not path:
            continue
        name = os.path.splitext(os.path.basename(path))[0]
        try:
            # the resources the nbconvert command line passes: the page title is the notebook's name
            body, _ = exporter.from_filename(path, resources={"metadata": {"name": name, "path": os.path.dirname(os.path.abspath(path))}})
            with open(os.path.join(args.output_dir, name + ".html"), "w", encoding="utf-8") as f:
                f.write(body)
            print("done " + path, flush=True)
        except Exception as e:  # report and go on: the caller fails the run with this message
            sys.stderr.write(traceback.format_exc())
            print("error {}: {}".format(path, str(e).replace("\n", " ")), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
