# Sourced by the benchmarks: one way to time a command, the same for our binary and every reference.

# Prints "wall_seconds cpu_seconds" of one run (cpu = user + sys), to the millisecond: the shell's
# own timer counts only the command, where wrapping it in /usr/bin/time or date calls adds their
# process start-ups (15 ms here, a third of a settings audit), and time's %e has two decimals.
measure() {
  local TIMEFORMAT='%3R %3U %3S' times
  times=$( { time "$@" >/dev/null 2>&1 || true; } 2>&1 | tail -n 1)
  echo "$times" | awk '{ printf "%.3f %.3f\n", $1, $2 + $3 }'
}

# Prints "wall_seconds cpu_seconds" of the fastest of N runs. The command may be a shell function.
fastest() {
  local n="$1" best="" line; shift
  for _ in $(seq "$n"); do
    line=$(measure "$@")
    if [ -z "$best" ] || [ "$(echo "${line%% *} < ${best%% *}" | bc)" -eq 1 ]; then best=$line; fi
  done
  echo "$best"
}

# Prints "wall_seconds peak_kb cpu_seconds": the fastest of N runs, and the peak memory of one more
# run under /usr/bin/time (so the command must be a program, not a shell function).
best_of() {
  local n="$1" best; shift
  best=$(fastest "$n" "$@")
  /usr/bin/time -f '%M' -o /tmp/dp-bench-time "$@" >/dev/null 2>&1 || true
  echo "${best%% *} $(tail -n 1 /tmp/dp-bench-time) ${best#* }"  # time prefixes a line when the command exits non-zero
}
