# The Statistics part of run-benchmark.sh, sourced by it (it uses its $build, $cli, $out, $file,
# $runs, measure and ratio): each CLI twin against the `tshark -q -z` command it matches, on the
# same capture in the same run, then the windows (`synflow --benchmark-statistics`) on that
# capture and on one ~1 GB TCP stream.

# The largest TCP stream (by packets) is the one followed.
stream=$("$cli" conv --format tsv "$file" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; ++i) col[$i] = i; next }
    { n = $col["frames"] + 0; if (n > best) { best = n; s = $col["stream"] } } END { print s + 0 }')
interval=3600 # an hour a row: the capture spans ~15 days

twins=(
    "conv|conv $file|conv,tcp"
    "endpoints|endpoints $file|endpoints,tcp"
    "expert|expert $file|expert"
    "follow|follow $file tcp $stream --format ascii|follow,tcp,ascii,$stream"
    "io|io $file -i $interval|io,stat,$interval"
    "phs|phs $file|io,phs"
)
echo "Statistics: each CLI twin against its tshark -q -z command (followed stream: $stream)"
declare -A ours theirs
[ "${STATS_CLI:-1}" != 0 ] || twins=() # STATS_CLI=0: the windows alone
for t in "${twins[@]}"; do
    IFS='|' read -r name args z <<< "$t"
    # shellcheck disable=SC2086 # the arguments are words without spaces
    set -- $(measure "stats_$name" "$cli" $args)
    ours[$name]=$2
    if command -v tshark > /dev/null; then
        set -- $(measure "stats_tshark_$name" tshark -r "$file" -q -z "$z")
        theirs[$name]=$2
        # The same text? (A run of each, kept; the oracle suites check the figures on real captures.)
        # shellcheck disable=SC2086
        "$cli" $args > "$out/stats_$name.out" 2> /dev/null || true
        tshark -r "$file" -q -z "$z" > "$out/stats_tshark_$name.out" 2> /dev/null || true
    fi
done
[ ${#twins[@]} -eq 0 ] || printf '%-11s %-38s %10s %10s %9s %7s %s\n' twin "tshark -q -z" "synflow s" "tshark s" "faster" target "same output"
for t in "${twins[@]}"; do
    IFS='|' read -r name args z <<< "$t"
    same=-
    [ -n "${theirs[$name]:-}" ] && same=$(cmp -s "$out/stats_$name.out" "$out/stats_tshark_$name.out" && echo yes || echo no)
    printf '%-11s %-38s %10s %10s %8sx %7s %s\n' "$name" "$z" "${ours[$name]}" "${theirs[$name]:--}" \
        "$(ratio "${theirs[$name]:-0}" "${ours[$name]}")" ">= 20x" "$same"
done

# The windows: on the capture above, and on one TCP stream of ~1 GB (every byte stored), made once.
big="$out/big-stream-1g.pcap"
gui="$build/app/gui/synflow"
# Prints the lines of runs of one benchmark (the same lines, other figures) with each figure the
# median of its runs.
median_lines() {
    awk '{
        line = $0; tmpl = ""; k = 0
        while (match(line, /[0-9]+(\.[0-9]+)?/)) {
            tmpl = tmpl substr(line, 1, RSTART - 1) "\001"
            v[FNR, ++k, ++n[FNR, k]] = substr(line, RSTART, RLENGTH)
            line = substr(line, RSTART + RLENGTH)
        }
        t[FNR] = tmpl line; nk[FNR] = k; if (FNR > last) last = FNR
    }
    END {
        for (l = 1; l <= last; ++l) {
            out = t[l]
            for (k = 1; k <= nk[l]; ++k) {
                m = n[l, k]
                for (i = 1; i <= m; ++i) s[i] = v[l, k, i]
                for (i = 2; i <= m; ++i) for (j = i; j > 1 && s[j - 1] + 0 > s[j] + 0; --j) { x = s[j]; s[j] = s[j - 1]; s[j - 1] = x }
                sub(/\001/, s[int((m + 1) / 2)], out)
            }
            print out
        }
    }' "$@"
}
if [ "${STATS_WINDOWS:-1}" != 0 ] && [ -x "$gui" ] && command -v xvfb-run > /dev/null; then # STATS_WINDOWS=0: the CLI alone
    [ -s "$big" ] || "$build/tests/bench/synflow-benchgen" --big-stream "$big" 1073741824
    cat "$big" > /dev/null
    for capture in "$file" "$big"; do
        echo
        echo "Windows on $(basename "$capture"), median of $runs runs (load: $(uptime | sed 's/.*load average: //'))"
        runs_out=()
        for ((i = 0; i < runs; i++)); do
            xvfb-run -a -s "-screen 0 1920x1080x24" "$gui" --benchmark-statistics "$capture" > "$out/gui-stats-$i.txt" 2> "$out/gui-stats.err" ||
                echo "(run $i did not finish: $(tail -1 "$out/gui-stats.err"))"
            runs_out+=("$out/gui-stats-$i.txt")
        done
        median_lines "${runs_out[@]}"
    done
    echo "targets: each window's figures <= 300 ms (else shown <= 300 ms, then worked on in the background);" \
         "tcptrace first draw <= 100 ms, <= 16 ms a frame; follow's first screen <= 100 ms; memory <= 2x"
fi
