#!/usr/bin/env bash
# Measures the whole folio program on generated corpora at 1x, 2x and 4x the target size
# (20,000 articles / about 51 MB at 1x): the time until `folio list DIR` has loaded every
# article (what the interface does in the background while its list fills), warm and cold-ish; `folio search`
# and `folio search` against ripgrep on the same files, timed back to back, on the generated corpus
# and on a real one that no one generated; peak memory (max RSS) against the bytes of the corpus;
# and whether folio's output is byte for byte what another build of folio prints. Prints Markdown
# tables of medians.
#
# folio keeps a cache of parsed articles (FOLIO_CACHE_DIR, here $FOLIO_BENCH_DIR/cache, so the
# person's own is left alone). The ratios are measured twice: warm, the cache filled by the
# warm-up run (what a second `folio list` of the same folder costs), and with --no-cache (every
# file parsed, what the first run costs). The loading section measures parsing: --no-cache.
#
# The real corpus is the Python 3.11 documentation as Debian ships it (package python3.11-doc:
# 530 HTML pages and their 497 reStructuredText sources as .txt, about 60 MB, in
# /usr/share/doc/python3.11/html). ripgrep comes from the distribution's package. Both are
# installed with apt-get when missing (as root).
#
# Usage: scripts/bench-program.sh
#   SCALES="1 2 4"   corpus sizes to measure (multiples of 20,000 articles)
#   RUNS=5           timed runs per measurement (after 2 warm-up runs); RATIO_RUNS=11 rounds
#                    of folio and rg back to back for the ratios
#   FOLIO_BENCH_DIR  where the corpora are generated and kept (default target/bench-program)
#   REAL_CORPUS      another real corpus to use instead of the Python documentation
#   FOLIO_BASELINE   a folio binary (say, built from main) whose output `folio list`, `show`
#                    and `search` must match byte for byte on both corpora; without it the
#                    digests of the output are printed and kept in $FOLIO_BENCH_DIR/results
#   ONLY="ratios check"  run only these sections (loading ratios check frame)
#   CORPORA="generated real"  the corpora of the ratios and the check
#   FOLIO_BIN        the folio binary to measure (default target/release/folio, built first)
#
# Uses hyperfine when installed and falls back to timing runs itself. "Cold-ish" evicts the
# corpus's own files from the page cache with posix_fadvise(DONTNEED) before each run (needs
# python3): it leaves the rest of a shared machine's cache alone, unlike drop_caches, and it
# cannot evict the folders' metadata, so it is not a cold boot.
set -euo pipefail
cd "$(dirname "$0")/.."

SCALES=${SCALES:-"1 2 4"}
RUNS=${RUNS:-5}
RATIO_RUNS=${RATIO_RUNS:-11}
ONLY=${ONLY:-"loading ratios check frame"}
CORPORA=${CORPORA:-"generated real"}
DIR=${FOLIO_BENCH_DIR:-target/bench-program}
FOLIO=${FOLIO_BIN:-target/release/folio}
GEN=target/release/examples/gen_corpus

cargo build --release --quiet --bin folio --example gen_corpus
mkdir -p "$DIR/results"
export FOLIO_CACHE_DIR=${FOLIO_CACHE_DIR:-$DIR/cache}

have() { command -v "$1" >/dev/null 2>&1; }
wanted() { [[ " $ONLY " == *" $1 "* ]]; }

# ripgrep and the real corpus come from the distribution's packages.
apt_install() {
    if ! have apt-get || [ "$(id -u)" != 0 ]; then
        echo "missing: $*; install them with your package manager" >&2
        exit 1
    fi
    apt-get install -y -qq "$@" >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null && apt-get install -y -qq "$@" >/dev/null; }
}
have rg || apt_install ripgrep
REAL=${REAL_CORPUS:-/usr/share/doc/python3.11/html}
if [ -z "${REAL_CORPUS:-}" ] && [ ! -d "$REAL" ]; then
    apt_install python3.11-doc
fi

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
# prints the milliseconds until the first frame (the list's title) is on the screen, and until
# the first articles are (the title counts more than 0), then quits it. The screen is rebuilt
# from what folio writes (cursor moves and text), since ratatui writes only the cells that
# changed: the count may come without the title's words.
FIRST_FRAME="$DIR/results/first_frame.py"
cat >"$FIRST_FRAME" <<'EOF'
import fcntl, os, pty, re, shutil, struct, sys, tempfile, termios, time
folio, corpus = sys.argv[1], sys.argv[2]
ROWS, COLS = 24, 80
config = tempfile.mkdtemp()  # so no saved state of the person running this is read or written
start = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    os.environ.update(TERM="xterm-256color", FOLIO_CONFIG_DIR=config)
    os.execv(folio, [folio, corpus])
# The screen as the terminal would show it: only cursor moves and printed text matter here
# (ratatui writes the cells that changed, so the title's count may come without its words).
screen = [[" "] * COLS for _ in range(ROWS)]
row = col = 0
pending = b""
def feed(data):
    global row, col, pending
    data = pending + data
    pending = b""
    text = data.decode("utf-8", "replace") if not data[-1:] or data[-1] < 0x80 else None
    if text is None:  # keep a cut character for the next read
        cut = len(data)
        while cut > 0 and (data[cut - 1] & 0xC0) == 0x80:
            cut -= 1
        cut -= 1
        pending, data = data[cut:], data[:cut]
        text = data.decode("utf-8", "replace")
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\x1b":
            m = re.match(r"\x1b\[([0-9;?]*)([A-Za-z])", text[i:])
            if m is None:
                m2 = re.match(r"\x1b[\]P_^][^\x07\x1b]*(\x07|\x1b\\)", text[i:])
                i += len(m2.group(0)) if m2 else 2
                continue
            args, op = m.group(1), m.group(2)
            if op == "H":
                parts = [int(p) if p else 1 for p in args.split(";")] + [1, 1]
                row, col = parts[0] - 1, parts[1] - 1
            elif op == "J" and args == "2":
                for r in screen:
                    r[:] = [" "] * COLS
            i += len(m.group(0))
            continue
        if c in "\r\n":
            if c == "\n":
                row += 1
            else:
                col = 0
        elif c >= " " and 0 <= row < ROWS and 0 <= col < COLS:
            screen[row][col] = c
            col += 1
        i += 1
first_frame = first_articles = None
while first_articles is None:
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        break
    if not chunk:
        break
    feed(chunk)
    now = time.monotonic() - start
    shown = "\n".join("".join(r) for r in screen)
    if first_frame is None and "Articles (" in shown:
        first_frame = now
    if re.search(r"Articles \([1-9]", shown):
        first_articles = now
os.write(fd, b"q")
while True:
    try:
        if not os.read(fd, 65536):
            break
    except OSError:
        break
os.waitpid(pid, 0)
shutil.rmtree(config, ignore_errors=True)
print(round(first_frame * 1000), round(first_articles * 1000) if first_articles else "-")
EOF

# `python3 $INTERFACE_RSS FOLIO PATH CACHE_DIR SECONDS` runs the interface on PATH in an 80x24
# pseudo-terminal for SECONDS (enough to load everything and write the cache), quits it, and
# prints its peak RSS in KB: the memory of every article loaded as the interface holds them.
INTERFACE_RSS="$DIR/results/interface_rss.py"
cat >"$INTERFACE_RSS" <<'EOF'
import fcntl, os, pty, select, shutil, struct, sys, tempfile, termios, time
folio, corpus, cache, seconds = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
config = tempfile.mkdtemp()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    os.environ.update(TERM="xterm-256color", FOLIO_CONFIG_DIR=config, FOLIO_CACHE_DIR=cache)
    os.execv(folio, [folio, corpus])
def drain(until):
    while time.monotonic() < until:
        ready, _, _ = select.select([fd], [], [], 0.2)
        try:
            if ready and not os.read(fd, 65536):
                return
        except OSError:
            return
drain(time.monotonic() + seconds)
os.write(fd, b"q")
drain(time.monotonic() + 5)
_, _, usage = os.wait4(pid, 0)
shutil.rmtree(config, ignore_errors=True)
print(usage.ru_maxrss)
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
# The memory of every article loaded with its text, as the interface holds them, is that of
# `folio show ID DIR --no-cache`: `folio list` keeps only what it prints. The article shown is
# the last one listed, a short one: the first of the generated corpus is its 8 MB article, and
# laying that out for the terminal took 10 MB more.
last_id() { "$FOLIO" list "$1" 2>/dev/null | awk 'END { print $1 }'; }
usage_of() {
    /usr/bin/time -f '%M %U %S' -o "$DIR/results/usage" bash -c "exec $1 > /dev/null 2>&1" || true
    tail -1 "$DIR/results/usage" | awk '{ printf "%d %.2f\n", $1, $2 + $3 }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"\
    "$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
echo "timing: $(if have hyperfine; then hyperfine --version; else echo "own loop (no hyperfine)"; fi), median of $RUNS runs"
echo

# `python3 $INTERLEAVE RUNS CMD_A CMD_B [PREPARE]` runs A and B one after the other RUNS times
# (after one warm-up each; PREPARE, untimed, before every run), output discarded, and prints "median-A-ms median-B-ms median-of-A/B-ratios": a
# ratio of two runs back to back holds still while the load of a shared machine drifts.
INTERLEAVE="$DIR/results/interleave.py"
cat >"$INTERLEAVE" <<'PY'
import statistics, subprocess, sys, time
runs, a, b = int(sys.argv[1]), sys.argv[2], sys.argv[3]
prepare = sys.argv[4] if len(sys.argv) > 4 else None
def timed(cmd):
    if prepare:
        subprocess.run(prepare, shell=True)
    start = time.perf_counter()
    subprocess.run(cmd, shell=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000
timed(a), timed(b)
pairs = [(timed(a), timed(b)) for _ in range(runs)]
print(round(statistics.median(p[0] for p in pairs)), round(statistics.median(p[1] for p in pairs)),
      "%.2f" % statistics.median(p[0] / p[1] for p in pairs))
PY

if wanted loading; then
echo "## Loading: folio list DIR (every article loaded and searchable)"
echo
echo "| corpus | files | MB | warm ms | MB/s warm | cold-ish ms | CPU s | peak RSS MB (\`show\`) | RSS / corpus |"
echo "|---|---|---|---|---|---|---|---|---|"
for k in $SCALES; do
    dir=$(corpus "$k")
    bytes=$(corpus_bytes "$dir")
    files=$(find "$dir" -type f | wc -l)
    warm=$(median_ms "list-x$k-warm" "" "$FOLIO list $dir --no-cache")
    cold=$(median_ms "list-x$k-cold" "python3 $EVICT $dir" "$FOLIO list $dir --no-cache")
    read -r _ cpu <<<"$(usage_of "$FOLIO list $dir --no-cache")"
    id=$(last_id "$dir")
    read -r rss _ <<<"$(usage_of "$FOLIO show $id $dir --no-cache")"
    awk -v k="$k" -v f="$files" -v b="$bytes" -v w="$warm" -v c="$cold" -v cpu="$cpu" -v r="$rss" 'BEGIN {
        printf "| %sx | %d | %.1f | %d | %.0f | %s | %s | %.0f | %.2f |\n",
            k, f, b / 1e6, w, b / 1e6 / (w / 1000), c, cpu, r / 1024, r * 1024 / b }'
done
echo
fi

# The queries of each corpus, as folio takes them and as the same search for rg, one per line:
# folio's query, a tab, rg's arguments. Kinds: an exact literal, a caseless literal (smart case),
# a phrase (folio's space matches any whitespace, line breaks included; rg's \s+ within a line)
# and a regex.
generated_queries() {
    printf '%s\t%s\n' "Harbour" "-s -F Harbour" "harbour" "-i -F harbour" \
        "interest rates" "-i 'interest\\s+rates'" "/(deficit|surplus)es?/" "'(deficit|surplus)es?'"
}
real_queries() {
    printf '%s\t%s\n' "Exception" "-s -F Exception" "deprecated" "-i -F deprecated" \
        "keyword argument" "-i 'keyword\\s+argument'" "/(en|de)cod(e|ing)s?/" "'(en|de)cod(e|ing)s?'"
}

if wanted ratios; then
echo "## folio against rg, back to back (median of $RATIO_RUNS rounds; ratio = folio / rg)"
echo
echo "Warm page cache; cold-ish evicts the corpus's files (and folio's cache files) before every"
echo "run of either. \"cached\": folio's cache filled by the warm-up run; \"--no-cache\": every file parsed."
echo
echo "| corpus | what | folio ms | rg ms | ratio | cold-ish folio ms | rg ms | ratio |"
echo "|---|---|---|---|---|---|---|---|"
for which in $CORPORA; do
    if [ $which = generated ]; then dir=$(corpus 1); else dir=$REAL; fi
    label="$which ($(find "$dir" -type f | wc -l) files, $(awk -v b="$(corpus_bytes "$dir")" 'BEGIN { printf "%.1f MB", b / 1e6 }'))"
    first_query=$(${which}_queries | head -1 | cut -f1 | tr 'A-Z' 'a-z')
    # `folio list` against rg -c -i on a word: loading everything against the plain search.
    while IFS=$'\t' read -r what folio_cmd rg_cmd; do
        read -r f r ratio <<<"$(python3 "$INTERLEAVE" "$RATIO_RUNS" "$folio_cmd" "$rg_cmd")"
        read -r fc rc ratio_c <<<"$(python3 "$INTERLEAVE" "$RATIO_RUNS" \
            "$folio_cmd" "$rg_cmd" "python3 $EVICT $dir; python3 $EVICT $FOLIO_CACHE_DIR")"
        echo "| $label | ${what//|/\\|} | $f | $r | $ratio | $fc | $rc | $ratio_c |"
    done < <(
        for mode in cached --no-cache; do
            flag=$([ $mode = cached ] || echo " --no-cache")
            printf '%s\t%s\t%s\n' "\`folio list\` ($mode) / \`rg -c -i $first_query\`" \
                "$FOLIO list $dir$flag" "rg -c -i $first_query $dir"
            ${which}_queries | while IFS=$'\t' read -r query rg_args; do
                printf '%s\t%s\t%s\n' "\`search --count '$query'\` ($mode) / \`rg -c $rg_args\`" \
                    "$FOLIO search '$query' $dir --count$flag" "rg -c $rg_args $dir"
            done
        done
    )
    id=$(last_id "$dir")
    read -r rss _ <<<"$(usage_of "$FOLIO show $id $dir --no-cache")"
    echo "| $label | peak RSS of every article loaded (\`folio show ID --no-cache\`) | $((rss / 1024)) MB | | $(awk -v r="$rss" -v b="$(corpus_bytes "$dir")" 'BEGIN { printf "%.2fx the corpus", r * 1024 / b }') | | | |"
    # A first run: every file parsed, and the cache file written from what it parsed.
    first_cache=$(mktemp -d)
    read -r rss _ <<<"$(FOLIO_CACHE_DIR=$first_cache usage_of "$FOLIO list $dir")"
    rm -rf "$first_cache"
    echo "| $label | peak RSS of a first \`folio list\` (the cache written) | $((rss / 1024)) MB | | $(awk -v r="$rss" -v b="$(corpus_bytes "$dir")" 'BEGIN { printf "%.2fx the corpus", r * 1024 / b }') | | | |"
done
echo
fi

# The output that must not change: list, every query's search (full and --count), and show
# (wrapped and raw) of 8 articles spread over the list, for both corpora. `outputs BIN DIR WHICH
# [ARG]` prints one digest per command, each run with ARG added (`--no-cache`); the cache is a
# new empty one, so the first command fills it and the others read it.
outputs() {
    local bin=$1 dir=$2 which=$3 extra=${4:-} config
    config=$(mktemp -d)
    export FOLIO_CONFIG_DIR=$config FOLIO_CACHE_DIR=$config/cache
    run() {
        printf '%s\t%s\n' "$(("$bin" "$@" $extra 2>&1; echo "exit $?") | sha256sum | cut -c1-16)" "$*"
    }
    run list "$dir"
    run list "$dir" --json
    while IFS=$'\t' read -r query _; do
        run search "$query" "$dir"
        run search "$query" "$dir" --count
    done < <(${which}_queries)
    local ids
    ids=$("$bin" list "$dir" 2>/dev/null | awk '{ print $1 }')
    echo "$ids" | awk -v n="$(echo "$ids" | wc -l)" 'NR % int(n / 8 + 1) == 1' | while read -r id; do
        run show "$id" "$dir"
        run show "$id" "$dir" --raw
    done
    rm -rf "$config"
    unset FOLIO_CONFIG_DIR
    export FOLIO_CACHE_DIR=$DIR/cache
}

if wanted check; then
echo "## No output changes"
echo
for which in $CORPORA; do
    if [ $which = generated ]; then dir=$(corpus 1); else dir=$REAL; fi
    outputs "$FOLIO" "$dir" $which >"$DIR/results/outputs-$which.txt"
    echo "- $which: $(wc -l <"$DIR/results/outputs-$which.txt") outputs digested in $DIR/results/outputs-$which.txt"
    outputs "$FOLIO" "$dir" $which --no-cache >"$DIR/results/outputs-$which-no-cache.txt"
    if diff "$DIR/results/outputs-$which-no-cache.txt" "$DIR/results/outputs-$which.txt" >&2; then
        echo "  the same bytes through the cache as with --no-cache"
    else
        echo "  DIFFERENT through the cache and with --no-cache (the commands are listed above)"
        check_failed=1
    fi
    if [ -n "${FOLIO_BASELINE:-}" ]; then
        outputs "$FOLIO_BASELINE" "$dir" $which >"$DIR/results/outputs-$which-baseline.txt"
        if diff "$DIR/results/outputs-$which-baseline.txt" "$DIR/results/outputs-$which.txt" >&2; then
            echo "  the same bytes as $FOLIO_BASELINE"
        else
            echo "  DIFFERENT from $FOLIO_BASELINE (the commands are listed above)"
            check_failed=1
        fi
    fi
done
echo
fi

if wanted frame; then
echo "## Interface: time to first frame and to the first articles (folio PATH in an 80x24 pseudo-terminal, warm, cache filled)"
echo
echo "| what is opened | first frame ms | first articles ms |"
echo "|---|---|---|"
one=$(find "$(corpus 1)" -name '*.txt' | sort | sed -n 10p)
for path in "$one" $(for k in $SCALES; do corpus "$k"; done) "$REAL"; do
    label=$(if [ -f "$path" ]; then echo "one article"; else echo "$path, $(find "$path" -type f | wc -l) files"; fi)
    # Fills the cache: the interface writes it only once it has loaded everything, and this
    # one quits as soon as the first articles are there.
    "$FOLIO" list "$path" >/dev/null 2>&1
    frames=() articles=()
    for ((i = 0; i < RUNS; i++)); do
        read -r frame first <<<"$(python3 "$FIRST_FRAME" "$FOLIO" "$path")"
        frames+=("$frame") articles+=("$first")
    done
    median() { printf '%s\n' "$@" | sort -n | sed -n "$(((RUNS + 1) / 2))p"; }
    echo "| $label | $(median "${frames[@]}") | $(median "${articles[@]}") |"
done
echo
echo "Peak RSS of the interface once every article is loaded (it runs 6 s, then quits): a first"
echo "run (an empty cache; the cache file is written at the end of the load) and from the cache."
echo
echo "| what is opened | first run MB | ratio | from the cache MB | ratio |"
echo "|---|---|---|---|---|"
for path in "$(corpus 1)" "$REAL"; do
    bytes=$(corpus_bytes "$path")
    fresh=$(mktemp -d)
    first=$(python3 "$INTERFACE_RSS" "$FOLIO" "$path" "$fresh" 6)
    cached=$(python3 "$INTERFACE_RSS" "$FOLIO" "$path" "$fresh" 6)
    rm -rf "$fresh"
    awk -v p="$path" -v f="$first" -v c="$cached" -v b="$bytes" 'BEGIN {
        printf "| %s | %d | %.2fx | %d | %.2fx |\n", p, f / 1024, f * 1024 / b, c / 1024, c * 1024 / b }'
done
fi
exit ${check_failed:-0}
