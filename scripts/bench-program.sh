#!/usr/bin/env bash
# Measures the whole folio program on generated corpora at 1x, 2x and 4x the target size
# (20,000 articles / about 51 MB at 1x): the time until `folio list DIR` has loaded every
# article (what the interface does in the background while its list fills), warm and cold-ish; `folio search`
# beside rg (or grep when rg is not installed) on the same files; and peak memory (max RSS)
# against the bytes of the corpus. Prints Markdown tables of medians.
#
# Usage: scripts/bench-program.sh
#   SCALES="1 2 4"   corpus sizes to measure (multiples of 20,000 articles)
#   RUNS=5           timed runs per measurement (after 2 warm-up runs)
#   FOLIO_BENCH_DIR  where the corpora are generated and kept (default target/bench-program)
#
# Uses hyperfine when installed and falls back to timing runs itself. "Cold-ish" evicts the
# corpus's own files from the page cache with posix_fadvise(DONTNEED) before each run (needs
# python3): it leaves the rest of a shared machine's cache alone, unlike drop_caches, and it
# cannot evict the folders' metadata, so it is not a cold boot.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALES=${SCALES:-"1 2 4"}
RUNS=${RUNS:-5}
DIR=${FOLIO_BENCH_DIR:-target/bench-program}
FOLIO=target/release/folio
GEN=target/release/examples/gen_corpus

cargo build --release --quiet --bin folio --example gen_corpus
mkdir -p "$DIR/results"

have() { command -v "$1" >/dev/null 2>&1; }

# Generates corpus k (20,000*k articles, 3*k long ones) once; later runs reuse it.
corpus() {
    local k=$1 out="$DIR/x$1"
    if [ ! -d "$out" ]; then
        rm -rf "$out.partial"
        "$GEN" --articles $((20000 * k)) --long $((3 * k)) --out "$out.partial" >&2
        sync
        mv "$out.partial" "$out"
    fi
    echo "$out"
}

# The bytes of the files (not of the folders holding them).
corpus_bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }'; }

# `python3 $EVICT DIR` drops DIR's files (only those) from the page cache.
EVICT="$DIR/results/evict.py"
cat >"$EVICT" <<'EOF'
import os, sys
for root, _, files in os.walk(sys.argv[1]):
    for name in files:
        fd = os.open(os.path.join(root, name), os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
EOF

# `python3 $FIRST_FRAME FOLIO PATH` starts the interface on PATH in an 80x24 pseudo-terminal and
# prints the milliseconds until the first frame (the list's title) arrives, then quits it.
FIRST_FRAME="$DIR/results/first_frame.py"
cat >"$FIRST_FRAME" <<'EOF'
import fcntl, os, pty, shutil, struct, sys, tempfile, termios, time
folio, corpus = sys.argv[1], sys.argv[2]
config = tempfile.mkdtemp()  # so no saved state of the person running this is read or written
start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.environ.update(TERM="xterm-256color", FOLIO_CONFIG_DIR=config)
    os.execv(folio, [folio, corpus])
seen = b""
while b"Articles (" not in seen:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
first = time.monotonic() - start
os.write(fd, b"q")
while True:
    try:
        if not os.read(fd, 65536):
            break
    except OSError:
        break
os.waitpid(pid, 0)
shutil.rmtree(config, ignore_errors=True)
print(round(first * 1000))
EOF

# median_ms NAME PREPARE CMD: the median wall time of CMD in milliseconds, stdout discarded.
# PREPARE (may be empty) runs before each timed run. A non-zero exit (folio search finding
# nothing exits 1) is not a failure.
median_ms() {
    local name=$1 prepare=$2 cmd=$3
    if have hyperfine; then
        local json="$DIR/results/$name.json"
        local args=(--style none --warmup 2 --runs "$RUNS" --ignore-failure --export-json "$json")
        [ -n "$prepare" ] && args+=(--prepare "$prepare")
        # hyperfine's warnings (outliers, exit codes) go to a log beside the JSON.
        hyperfine "${args[@]}" "$cmd > /dev/null" >/dev/null 2>"$DIR/results/$name.log"
        if have jq; then
            jq '.results[0].median * 1000 | round' "$json"
        else
            python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
        fi
    else
        local times=() i start end
        for i in 1 2; do bash -c "$cmd" >/dev/null 2>&1 || true; done
        for ((i = 0; i < RUNS; i++)); do
            [ -n "$prepare" ] && bash -c "$prepare"
            start=$(date +%s%N)
            bash -c "$cmd" >/dev/null 2>&1 || true
            end=$(date +%s%N)
            times+=($(((end - start) / 1000000)))
        done
        printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p"
    fi
}

# usage_of CMD: "max-RSS-KB cpu-seconds" of one run of CMD. CPU time (user + sys) says what the
# work costs even when other jobs on a shared machine stretch the wall time.
usage_of() {
    /usr/bin/time -f '%M %U %S' -o "$DIR/results/usage" bash -c "exec $1 > /dev/null 2>&1" || true
    tail -1 "$DIR/results/usage" | awk '{ printf "%d %.2f\n", $1, $2 + $3 }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
    "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
echo "timing: $(if have hyperfine; then hyperfine --version; else echo "own loop (no hyperfine)"; fi), median of $RUNS runs"
echo

echo "## Loading: folio list DIR (every article loaded and searchable)"
echo
echo "| corpus | files | MB | warm ms | MB/s warm | cold-ish ms | CPU s | peak RSS MB | RSS / corpus |"
echo "|---|---|---|---|---|---|---|---|---|"
for k in $SCALES; do
    dir=$(corpus "$k")
    bytes=$(corpus_bytes "$dir")
    files=$(find "$dir" -type f | wc -l)
    warm=$(median_ms "list-x$k-warm" "" "$FOLIO list $dir")
    if have python3; then
        cold=$(median_ms "list-x$k-cold" "python3 $EVICT $dir" "$FOLIO list $dir")
    else
        cold="n/a (no python3)"
    fi
    read -r rss cpu <<<"$(usage_of "$FOLIO list $dir")"
    awk -v k="$k" -v f="$files" -v b="$bytes" -v w="$warm" -v c="$cold" -v cpu="$cpu" -v r="$rss" 'BEGIN {
        printf "| %sx | %d | %.1f | %d | %.0f | %s | %s | %.0f | %.2f |\n",
            k, f, b / 1e6, w, b / 1e6 / (w / 1000), c, cpu, r / 1024, r * 1024 / b }'
done
echo

echo "## Search: folio search (loads, then searches) beside a plain text search of the same files"
echo
dir=$(corpus 1)
if have rg; then
    other="rg"
else
    other="grep -r"
    echo "(rg is not installed: comparing with GNU grep -r, which is slower than rg)"
    echo
fi
echo "| query | folio search --count ms | $other ms | folio peak RSS MB |"
echo "|---|---|---|---|"
# Each query as folio takes it, then the same search for rg and for grep.
queries=("Harbour" "harbour" "/(deficit|surplus)es?/")
rg_args=("-F Harbour" "-i -F harbour" "'(deficit|surplus)es?'")
grep_args=("-F Harbour" "-i -F harbour" "-E '(deficit|surplus)es?'")
for i in "${!queries[@]}"; do
    query=${queries[$i]}
    label=$(echo "$query" | tr -c 'a-zA-Z0-9' _)
    folio_ms=$(median_ms "search-$label" "" "$FOLIO search '$query' $dir --count")
    if have rg; then
        other_ms=$(median_ms "rg-$label" "" "rg -c ${rg_args[$i]} $dir")
    else
        other_ms=$(median_ms "grep-$label" "" "grep -rc ${grep_args[$i]} $dir")
    fi
    read -r rss _ <<<"$(usage_of "$FOLIO search '$query' $dir --count")"
    # A | inside a Markdown table cell must be escaped.
    echo "| \`${query//|/\\|}\` | $folio_ms | $other_ms | $((rss / 1024)) |"
done

echo
echo "## Interface: time to first frame (folio PATH in an 80x24 pseudo-terminal, warm)"
echo
if have python3; then
    echo "| what is opened | first frame ms |"
    echo "|---|---|"
    one=$(find "$(corpus 1)" -name '*.txt' | sort | sed -n 10p)
    for path in "$one" $(for k in $SCALES; do corpus "$k"; done); do
        label=$(if [ -f "$path" ]; then echo "one article"; else echo "$(find "$path" -type f | wc -l) articles"; fi)
        times=()
        for ((i = 0; i < RUNS; i++)); do times+=("$(python3 "$FIRST_FRAME" "$FOLIO" "$path")"); done
        echo "| $label | $(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((RUNS + 1) / 2))p") |"
    done
else
    echo "(needs python3 for its pseudo-terminal)"
fi
