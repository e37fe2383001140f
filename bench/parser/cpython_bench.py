"""Times CPython's ast.parse over in-memory sources (one thread): reads the file list on stdin,
loads every file first, then reports the best of N rounds as MB/s (same units as the C# bench)."""
import ast
import sys
import time

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
sources = []
for path in (line.strip() for line in sys.stdin):
    if path:
        with open(path, 'rb') as f:
            sources.append(f.read())
total = sum(len(s) for s in sources)
best = best_wall = float('inf')
for _ in range(rounds):
    cpu, wall = time.process_time(), time.perf_counter()
    for s in sources:
        ast.parse(s)
    best = min(best, time.process_time() - cpu)
    best_wall = min(best_wall, time.perf_counter() - wall)
print('files=%d bytes=%d cpu_seconds=%.3f wall_seconds=%.3f mb_per_s=%.1f' % (len(sources), total, best, best_wall, total / 1e6 / best))
