#!/usr/bin/python3
"""gui-user.py SCENARIO GUI CAPTURE : drives SynFlow's real window as a user would, reading it through
the accessibility bus (AT-SPI) and acting with xdotool. Run it through ./gui-user (beside this file) (Xvfb + bus).
Scenarios:
  filter-select  apply a display filter, click rows, check the detail tree shows the clicked frame
  menus          print the top-level menus and their items (one line each: "Menu > Item")
  context        right-click a packet row, then a detail-tree row: print each popup's items ("list > Item")
                 (Qt leaves popup menus out of the application's accessible children: prints
                 "(no context menu)" even when one opened; the scenarios below work the menus by keyboard)
  apply-filter   right-click a Source cell, Apply as Filter > Selected by keyboard: the filter bar
                 holds Wireshark's filter and the list shows tshark -Y's frames for it
  find-mark      Ctrl+F, a display filter, Enter: the detail tree shows tshark's first match; Ctrl+N
                 the second; Ctrl+M marks it and the status bar counts it
(A copy of /work/shared/tools/gui-user.py with the last two scenarios added. The accessible tree
lists every cell of the packet list, so walking it takes minutes past a few hundred packets: use
small captures, e.g. ppa-http_ip4and6.pcapng or local-ipv6.pcapng.)
Prints one line per check and exits 1 if any check fails."""
import gi, sys, time, subprocess, re, os, shlex
gi.require_version("Atspi", "2.0")
from gi.repository import Atspi
scenario, gui, cap = sys.argv[1], sys.argv[2], sys.argv[3]
def app():
    d = Atspi.get_desktop(0)
    for i in range(d.get_child_count()):
        a = d.get_child_at_index(i)
        if a and a.get_name() == os.environ.get("APPNAME", "SynFlow"): return a
def find(a, pred, out=None, depth=0):
    out = [] if out is None else out
    try:
        if pred(a): out.append(a)
        if depth < 25:
            for i in range(a.get_child_count()): find(a.get_child_at_index(i), pred, out, depth + 1)
    except Exception: pass
    return out
def role(r): return lambda a: a.get_role_name() == r
def xdo(*args): subprocess.run(["xdotool", *map(str, args)], check=False)
def click(a, button=1):
    e = a.get_extents(Atspi.CoordType.SCREEN); xdo("mousemove", e.x + min(e.width // 2, 30), e.y + e.height // 2); xdo("click", button); time.sleep(0.4)
def wait_for(f, t=20):
    end = time.time() + t
    while time.time() < end:
        try:
            v = f()
            if v: return v
        except Exception: pass
        time.sleep(0.3)
fails = 0
proc = None
def check(ok, what):
    global fails
    print(("ok    " if ok else "FAIL  ") + what); fails += 0 if ok else 1
try:
    for attempt in range(3):  # the bridge sometimes misses a bus that came up moments before: start again
        proc = subprocess.Popen(shlex.split(gui) + [cap], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        A = wait_for(app, 12)
        if A: break
        proc.terminate(); proc.wait()
    assert A, "no SynFlow window on the accessibility bus"
    wait_for(lambda: find(A, role("table")) and find(find(A, role("table"))[0], role("table cell")))
    time.sleep(1)
    if scenario == "menus":
        bar = find(A, role("menu bar"))[0]
        for i in range(bar.get_child_count()):
            m = bar.get_child_at_index(i); click(m)
            items = find(m, role("menu item")) + find(m, role("check menu item")) + find(m, role("radio menu item"))
            for it in items: print(f"{m.get_name()} > {it.get_name()}")
            xdo("key", "Escape"); time.sleep(0.2)
    elif scenario == "context":
        table = find(A, role("table"))[0]; cells = find(table, role("table cell"))
        for label, target in (("list", cells[2] if len(cells) > 2 else None),
                              ("tree", None)):
            if label == "tree":
                tree = [t for t in find(A, role("tree")) if any(c.get_name().startswith("Frame ") for c in find(t, role("table cell")))]
                target = find(tree[0], role("table cell"))[-1] if tree else None
            if target is None: print(f"{label} > (nothing to click)"); continue
            click(target, 1); click(target, 3); time.sleep(0.5)
            pops = [m for m in find(A, role("popup menu")) if m.get_state_set().contains(Atspi.StateType.SHOWING)]
            names = [it.get_name() for m in pops for it in find(m, lambda a: a.get_role_name().endswith("menu item") or a.get_role_name() == "menu")]
            for n in names: print(f"{label} > {n}")
            if not names: print(f"{label} > (no context menu)")
            xdo("key", "Escape"); time.sleep(0.3)
    elif scenario in ("apply-filter", "find-mark"):
        table = find(A, role("table"))[0]
        def rows():
            cells = find(table, role("table cell"))
            ncol = len(find(table, role("table column header")))
            return [cells[i:i + ncol] for i in range(0, len(cells), ncol)] if ncol else []
        def detail_top():
            tree = [t for t in find(A, role("tree")) if any(c.get_name().startswith("Frame ") for c in find(t, role("table cell")))]
            return find(tree[0], role("table cell"))[0].get_name() if tree else ""
        def tshark(flt):
            return subprocess.run(["tshark", "-r", cap, "-Y", flt, "-T", "fields", "-e", "frame.number"], capture_output=True, text=True).stdout.split()
        if scenario == "apply-filter":
            rs = rows(); target = rs[min(3, len(rs) - 1)][2]  # the Source cell of the fourth row
            click(target, 1); click(target, 3); time.sleep(0.8)
            for k in ("Down", "Down", "Down", "Right", "Return"): xdo("key", k); time.sleep(0.3)  # Apply as Filter > Selected
            time.sleep(3)
            bar = find(A, role("text"))[0]
            flt = bar.get_text(0, -1) if hasattr(bar, "get_text") else bar.get_name()
            try: flt = Atspi.Text.get_text(bar, 0, Atspi.Text.get_character_count(bar))
            except Exception: pass
            check(flt.startswith(("ip.src == ", "ipv6.src == ")), f"filter bar: {flt!r}")
            want = tshark(flt); shown = [r[0].get_name() for r in rows()]
            check(shown == want[:len(shown)] and len(shown) > 0, f"list shows {len(shown)} rows, first {shown[:3]} (tshark: {len(want)}, {want[:3]})")
        else:
            flt = "tcp.flags.fin == 1"; want = tshark(flt)
            click(find(table, role("table cell"))[2]); xdo("key", "ctrl+f"); time.sleep(0.6)
            edit = [t for t in find(A, role("text")) if t.get_name() == "Text to find"]
            check(bool(edit), "Ctrl+F shows the find bar's text field")
            if edit:
                click(edit[0]); xdo("type", "--delay", "20", flt); xdo("key", "Return"); time.sleep(1)
                top = detail_top(); check(top.startswith(f"Frame {want[0]}:"), f"find {flt}: detail tree {top[:30]!r} (tshark first: {want[0]})")
                xdo("key", "ctrl+n"); time.sleep(1)
                top = detail_top(); check(len(want) > 1 and top.startswith(f"Frame {want[1]}:"), f"Ctrl+N: detail tree {top[:30]!r} (tshark second: {want[1] if len(want) > 1 else None})")
                xdo("key", "ctrl+m"); time.sleep(0.6)
                marked = [l.get_name() for l in find(A, role("label")) if l.get_name().endswith(" marked")]
                check(bool(marked), f"Ctrl+M: status bar {marked[:1]}")
    elif scenario == "filter-select":
        flt = "tcp.analysis.retransmission"
        edit = find(A, role("text"))[0]
        click(edit); xdo("key", "ctrl+a"); xdo("type", "--delay", "20", flt); xdo("key", "Return")
        table = find(A, role("table"))[0]
        def rows():
            cells = [c for c in find(table, role("table cell"))]
            ncol = len(find(table, role("table column header")))
            return [cells[i:i + ncol] for i in range(0, len(cells), ncol)] if ncol else []
        time.sleep(3)
        rs = rows(); want = subprocess.run(["tshark", "-r", cap, "-Y", flt, "-T", "fields", "-e", "frame.number"], capture_output=True, text=True).stdout.split()
        shown = [r[0].get_name() for r in rs]
        check(shown[:len(want)] == want[:len(shown)] and len(shown) > 0, f"filter {flt}: list shows {len(shown)} rows, first {shown[:3]} (tshark: {want[:3]})")
        for k in (0, len(rs) // 2, len(rs) - 1):
            if k < 0 or k >= len(rs): continue
            no = rs[k][0].get_name(); click(rs[k][2]); time.sleep(0.8)
            tree = [t for t in find(A, role("tree")) if any(c.get_name().startswith("Frame ") for c in find(t, role("table cell")))]
            top = find(tree[0], role("table cell"))[0].get_name() if tree else ""
            m = re.match(r"Frame (\d+):", top)
            check(bool(m) and m.group(1) == no, f"click row {k} (frame {no}): detail tree shows {top[:40]!r}")
finally:
    if proc: proc.terminate()
sys.exit(1 if fails else 0)
