#!/usr/bin/python3
"""Execute nudump's notebooks headless with Jupyter's nbconvert and the project's tslab kernel.

Run through `npm run notebooks` (scripts/notebooks/notebooks.ts), which builds the library,
registers the kernel (JUPYTER_PATH=<project>/jupyter) and calls this file with Debian's
/usr/bin/python3 (packages jupyter-nbconvert, python3-nbclient, python3-nbformat).

    execute.py [--check] NOTEBOOK...

    execute.py --jobs 2 [--check] NOTEBOOK...   (up to 2 notebooks at once, started in the order given)

Each notebook runs in a fresh kernel, in its own folder, top to bottom. With --jobs N up to N
notebooks run at once, each in its own kernel (its outputs do not depend on the others: a
kernel shares nothing but the machine); a notebook starts only while none has failed. A
cell fails when
  * the kernel's execute_reply says "error" or "abort" (tslab: exceptions, type errors), or
  * it produced an "error" output, or
  * it wrote anything to stderr (tslab prints its errors there; a notebook that only warns
    is treated as broken too, so that warnings get fixed rather than committed).
A probe cell appended after the last one (and removed again) catches errors raised
asynchronously after the last cell returned (see jupyter/tslab-kernel.js).
The first failure stops the run (notebooks already running finish, no new one starts): exit status 1, with the notebook, the cell number (1-based,
counting every cell, as Jupyter's interface shows them top to bottom), its first source
lines and the real message.

Without --check the executed notebook is written back in Jupyter's own format (nbformat,
indent 1, sorted keys), so saving from Jupyter and running this give the same bytes.
With --check nothing is written: the result is compared with the committed file byte for
byte and any difference (a stale notebook) fails the run with a short diff — except the
rendered PNG fallbacks, which are pixels of this machine's Chromium and fonts: a notebook whose
numbers and text are identical but whose PNGs were drawn by another Chromium version passes,
with a note (the plotly JSON behind every figure is still compared exactly).

Determinism: no timing metadata is recorded (record_timing=False); cell ids are kept from the
file; plot ids and plotly uids are derived from content (lib/plot/figure.ts); the static PNGs are
drawn by a seeded page in the same Chromium. Nothing else in the outputs varies between runs.
"""
import argparse
import difflib
import functools
import json
import multiprocessing
import re
import os
import shutil
import resource
import sys
import tempfile
import time

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

# The probe cell appended to every notebook; jupyter/tslab-prepass.js converts it too.
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "probe-cell.json"), encoding="utf-8") as _f:
    PROBE = json.load(_f)["PROBE"]


class CellFailure(Exception):
    def __init__(self, index, cell, reason, message):
        super().__init__(message)
        self.index = index
        self.cell = cell
        self.reason = reason
        self.message = message


def cell_problem(cell, reply):
    """(reason, message) if the executed cell failed, else None."""
    status = reply.get("content", {}).get("status", "ok")
    stderr = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("output_type") == "stream" and o.get("name") == "stderr")
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    text = stderr
    for e in errors:
        text += "{}: {}\n{}\n".format(e.get("ename", ""), e.get("evalue", ""), "\n".join(e.get("traceback", [])))
    if status != "ok":
        return ("status '{}'".format(status), text or "(the kernel reported '{}' without a message)".format(status))
    if errors:
        return ("error output", text)
    if stderr:
        return ("output on stderr", text)
    return None


def execute(path, timeout):
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(PROBE))
    probe_index = len(nb.cells) - 1
    kernel = nb.metadata.get("kernelspec", {}).get("name", "tslab")
    if kernel != "tslab":
        raise SystemExit("{}: kernelspec is '{}', expected 'tslab'".format(path, kernel))
    ep = ExecutePreprocessor(kernel_name="tslab", timeout=timeout, allow_errors=True, record_timing=False, shutdown_kernel="graceful")

    def on_cell_executed(cell, cell_index, execute_reply):
        # tslab sends no execute_input message, so nbclient leaves "In [ ]" empty: take the
        # count from the reply (deterministic: 1, 2, … in a fresh kernel).
        count = execute_reply.get("content", {}).get("execution_count")
        if isinstance(count, int):
            cell.execution_count = count
        problem = cell_problem(cell, execute_reply)
        if problem:
            raise CellFailure(cell_index, cell, problem[0], problem[1])

    ep.on_cell_executed = on_cell_executed
    try:
        ep.preprocess(nb, {"metadata": {"path": os.path.dirname(os.path.abspath(path))}})
    except CellFailure as f:
        if f.index == probe_index:
            where = "after the last cell (an error raised asynchronously by an earlier cell)"
        else:
            lines = f.cell.source.splitlines()
            head = "\n".join("    " + l for l in lines[:6]) + ("\n    …" if len(lines) > 6 else "")
            where = "cell {} of {}:\n{}".format(f.index + 1, probe_index, head)
        sys.stderr.write("\nFAILED {}, {}\n(failure: {})\n--- message ---\n{}\n".format(path, where, f.reason, f.message.rstrip()))
        return None
    nb.cells.pop()  # the probe
    return nb


def short_diff(old, new, path):
    def clip(lines):
        return [l if len(l) <= 160 else l[:160] + "…(+{} chars)\n".format(len(l) - 160) for l in lines]

    diff = list(difflib.unified_diff(clip(old.splitlines(True)), clip(new.splitlines(True)), "committed/" + path, "re-executed/" + path, n=1))
    return "".join(diff[:60]) + ("… ({} more diff lines)\n".format(len(diff) - 60) if len(diff) > 60 else "")


_PNG_IN_HTML = re.compile(r"data:image/png;base64,[A-Za-z0-9+/=\s]+")


def without_images(text):
    """The notebook text with every rendered PNG masked: the static fallbacks are pixels drawn
    by this machine's Chromium and fonts, while the numbers behind them (plotly JSON, text
    outputs) are what the stale check must compare exactly."""
    nb = json.loads(text)
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not isinstance(data, dict):
                continue
            if "image/png" in data:
                data["image/png"] = "<png>"
            html = data.get("text/html")
            if html is not None:
                joined = "".join(html) if isinstance(html, list) else html
                data["text/html"] = _PNG_IN_HTML.sub("data:image/png;base64,<png>", joined)
    return json.dumps(nb, sort_keys=True, indent=1)


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def kernel_profile(file):
    """The kernel's own account (jupyter/tslab-kernel.js, NUDUMP_KERNEL_PROFILE), wall and CPU
    seconds: its start-up (Node, tslab, TypeScript's first program), the type check and emit of
    every cell, and the cells' run; None if the kernel wrote none."""
    try:
        with open(file, encoding="utf-8") as f:
            lines = [json.loads(l) for l in f if l.strip()]
    except OSError:
        return None
    start = next((l for l in lines if l.get("kind") == "start"), None)
    cells = [l for l in lines if l.get("kind") == "cell"]
    if start is None:
        return None
    total = lambda key: sum(c[key] for c in cells)
    return {"start": start["ready"], "compile": total("compile"), "run": total("run"), "startCpu": start["readyCpu"], "compileCpu": total("compileCpu"), "runCpu": total("runCpu")}


_stop = None  # a multiprocessing Event shared with the pool's workers: set at the first failure
_t_start = 0.0  # zero of the run's clock (time.time(); --t0)


def _init_worker(stop, t_start):
    global _stop, _t_start
    _stop, _t_start = stop, t_start


def run_one(path, timeout, profile_dir):
    """Executes one notebook (in a pool worker): (path, text or None, wall s, cpu s, profile),
    or None when an earlier notebook failed."""
    if _stop.is_set():
        return None
    t0, c0 = time.time(), children_cpu()
    began = t0 - _t_start  # the runner's timeline: when this notebook started in the run
    profile = os.path.join(profile_dir, os.path.basename(path) + ".jsonl")
    os.environ["NUDUMP_KERNEL_PROFILE"] = profile  # read by the kernel this worker starts
    nb = execute(path, timeout)
    if nb is None:
        _stop.set()
    text = None if nb is None else nbformat.writes(nb) + "\n"
    return path, text, time.time() - t0, children_cpu() - c0, kernel_profile(profile), began


def settle(path, text, check, stale):
    """Compares (and without --check writes) one executed notebook; returns its state."""
    with open(path, encoding="utf-8") as f:
        old = f.read()
    state = "unchanged" if old == text else "changed"
    if check:
        if old != text and without_images(old) == without_images(text):
            # every number and text output is current; only the PNG fallbacks differ (another
            # Chromium or font version drew them): not stale, but say so
            state = "unchanged (static PNGs drawn differently by this machine's Chromium; numbers identical)"
        elif old != text:
            stale.append(path)
            sys.stderr.write(
                "\nSTALE {}: re-executing it changes the file; run `npm run notebooks` and commit.\n{}".format(
                    path, short_diff(without_images(old), without_images(text), path)
                )
            )
    elif old != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return state


def record(file, cpu_of):
    """Merges this run's CPU seconds per notebook into the JSON file `file`."""
    try:
        with open(file, encoding="utf-8") as f:
            known = json.load(f)
    except (OSError, ValueError):
        known = {}
    known.update(cpu_of)
    os.makedirs(os.path.dirname(os.path.abspath(file)), exist_ok=True)
    with open(file, "w", encoding="utf-8") as f:
        json.dump(known, f, indent=1, sort_keys=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("notebooks", nargs="+")
    ap.add_argument("--check", action="store_true", help="do not write; fail if a re-executed notebook differs from the committed file")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per cell (default 900)")
    ap.add_argument("--record", help="JSON file of each notebook's CPU seconds, updated after the run (the runner's longest-first order)")
    ap.add_argument("--jobs", type=int, default=1, help="notebooks executed at once, each in its own kernel (default 1); they start in the order given")
    ap.add_argument("--t0", type=float, help="zero of the run's clock printed for each notebook, seconds since the epoch (default: now; `npm run main` passes its own start)")
    args = ap.parse_args()
    stale = []
    total = time.time()
    clock0 = args.t0 if args.t0 is not None else total
    profile_dir = tempfile.mkdtemp(prefix="nudump-kernel-profile-")
    # fork: the workers inherit the imported nbconvert; each notebook still gets a fresh kernel
    ctx = multiprocessing.get_context("fork")
    stop = ctx.Event()
    pool = ctx.Pool(max(1, min(args.jobs, len(args.notebooks))), initializer=_init_worker, initargs=(stop, clock0))
    failed = False
    cpu_of = {}
    try:
        done = pool.imap_unordered(functools.partial(run_one, timeout=args.timeout, profile_dir=profile_dir), args.notebooks)
        for result in done:
            if result is None or result[1] is None:
                failed = True  # execute() printed the failure; the running notebooks finish
                continue
            path, text, wall, cpu, prof, began = result
            state = settle(path, text, args.check, stale)
            cpu_of[os.path.basename(path)] = round(cpu, 1)
            # wall time; the CPU time of the kernel and what it waited for (workers, Chromium),
            # the steadier measure on a shared machine; and the kernel's split of its time
            # (then the type check's wall time: it includes any wait for the conversion pre-pass, scripts/notebooks/prepass.ts)
            split = "" if prof is None else "  [cpu: kernel start {:4.1f} s, type check + emit {:4.1f} s, cells {:5.1f} s] [type check wall {:.1f} s]".format(prof["startCpu"], prof["compileCpu"], prof["runCpu"], prof["compile"])
            # the kernel's start-up ends when it can take the first cell (its own clock starts with Node, just after `began`)
            ready = "" if prof is None else ", kernel ready {:+.1f} s".format(began + prof["start"])
            when = "  (run's clock: {:+.1f} → {:+.1f} s{})".format(began, began + wall, ready)
            print("{:<40} {:6.1f} s  (cpu {:5.1f} s)  {}{}{}".format(path, wall, cpu, state, split, when), flush=True)
    finally:
        pool.close()
        pool.join()  # no kernel outlives the run
        shutil.rmtree(profile_dir, ignore_errors=True)
    if args.record and cpu_of:
        record(args.record, cpu_of)
    if failed:
        return 1
    print("executed {} notebook(s) in {:.1f} s ({} at once), load average {:.1f}".format(len(args.notebooks), time.time() - total, args.jobs, os.getloadavg()[0]))
    if stale:
        sys.stderr.write("\n{} stale notebook(s): {}\n".format(len(stale), ", ".join(stale)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
