"""The public API against the floor (issue 11): over the five samples, the median time of
decode + splitlines + one ``re.findall(r'（([^（）]*)）', line)`` per line (the floor), of the
records path (``parse_source_records``: what the command line pays) and of ``parse_text``
(the public API: records validated into the pydantic models).

    python benchmarks/api_floor.py
"""
import sys, time, statistics, re, glob
sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else str(__import__('pathlib').Path(__file__).resolve().parents[1] / 'src'))
from policyparse.parse.pipeline import parse_source_records, parse_text
from policyparse.read import load_bytes
from policyparse.grammar import load_grammar
g = load_grammar()
files = sorted(glob.glob(str(__import__('pathlib').Path(__file__).resolve().parents[1] / 'samples' / '*.txt')))
datas = [open(f, 'rb').read() for f in files]
rx = re.compile(r'（([^（）]*)）')
def floor():
    for d in datas:
        t = d.decode('utf-8')
        for line in t.splitlines():
            rx.findall(line)
def records():
    for d in datas:
        parse_source_records(load_bytes(d), g)
def api():
    for d in datas:
        parse_text(d.decode('utf-8'), g)
def med(fn, n=15):
    fn(); ts = []
    for _ in range(n):
        t = time.perf_counter(); fn(); ts.append(time.perf_counter() - t)
    return statistics.median(ts)
f = med(floor); r = med(records); a = med(api)
print(f"floor {f*1000:.2f} ms  records {r*1000:.1f} ms ({r/f:.1f}x)  parse_text {a*1000:.1f} ms ({a/f:.1f}x)")
