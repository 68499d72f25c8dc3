#!/usr/bin/env bash
# What an idle connection holds, class by class: boots one WildFly set up as shipped (server-config/wildfly/io-threads.cli)
# with the WAR and the floor endpoint, runs the idle scenario (--quick: 2,500 connections opened, joined and closed to
# warm up, then 5,000 opened, welcomed, authenticated as guests for Switchboard, joined, and held), and takes a class
# histogram (jmap -histo:live, after a full GC) once the warm-up's connections are closed and again while the 5,000
# are held. Prints the generator's figures and the classes that grew, in bytes and instances per connection.
#   bench/heap.sh [WAR=switchboard-war/target/switchboard.war] [PEER=switchboard|floor]
# Needs what bench/run.sh builds (the unpacked WildFly under switchboard-war/target/servers, the generator, the floor).
# Results in bench/results/heap-<time>/ (histo0.txt, histo1.txt, growth.txt). The server is stopped by process group.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
war=$(realpath "${1:-switchboard-war/target/switchboard.war}")
peer=${2:-switchboard}
connections=5000
out="$root/bench/results/heap-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
server_dir="$out/wildfly"
cp -r switchboard-war/target/servers/wildfly-39.0.1.Final "$server_dir"
rm -rf "$server_dir/standalone/data" "$server_dir/standalone/log" "$server_dir"/standalone/deployments/*
"$server_dir/bin/jboss-cli.sh" --file="$root/server-config/wildfly/io-threads.cli" > "$out/cli.log" 2>&1
cp "$war" "$server_dir/standalone/deployments/switchboard.war"
cp bench/floor/target/floor.war "$server_dir/standalone/deployments/"
generator="$root/bench/generator/target/generator.jar"
ulimit -n "$(ulimit -Hn)"
setsid "$server_dir/bin/standalone.sh" -c standalone-full.xml -b 127.0.0.1 -bmanagement 127.0.0.1 \
    -Djboss.socket.binding.port-offset=500 \
    -Dswitchboard.cluster=local -Dswitchboard.auth.guest=true -Dswitchboard.rate.framesPerSecond=1000000 \
    -Dswitchboard.rate.burst=1000000 -Dswitchboard.maxConnectionsPerAddress=1000000 > "$out/server.log" 2>&1 &
group=$!
generating=
trap '[ -n "$generating" ] && kill "$generating" 2> /dev/null; kill -- "-$group" 2> /dev/null || true' EXIT
deployed() { grep -q 'Deployed "switchboard.war"' "$out/server.log" && grep -q 'Deployed "floor.war"' "$out/server.log"; }
for _ in $(seq 1 90); do deployed && break; sleep 1; done
deployed || { echo "not deployed within 90 s: $out/server.log" >&2; exit 1; }
server=$(pgrep -P "$group" java)
java -jar "$generator" --peer "$peer" --port 8580 --pid "$server" --label "heap-$peer" --scenario idle --quick \
    --connections "$connections" --settle 20 --out "$out/heap.tsv" > "$out/generator.log" 2>&1 &
generating=$!
waitfor() { for _ in $(seq 1 600); do grep -q "$1" "$out/generator.log" && return 0; kill -0 "$generating" 2> /dev/null || return 1; sleep 0.5; done; return 1; }
waitfor 'connect warm-up' || { echo "the generator did not warm up: $out/generator.log" >&2; exit 1; }
jmap -histo:live "$server" > "$out/histo0.txt"
waitfor ' connect: ' || { echo "the generator did not connect: $out/generator.log" >&2; exit 1; }
jmap -histo:live "$server" > "$out/histo1.txt"
wait "$generating" || echo "the generator failed: $out/generator.log" >&2
generating=
kill -- "-$group" 2> /dev/null || true
for _ in $(seq 1 30); do kill -0 "$server" 2> /dev/null || break; sleep 1; done
kill -9 -- "-$group" 2> /dev/null || true
group=
cat "$out/heap.tsv"
# the histograms' rows are "rank: instances bytes class". The generator goes on opening connections while the first
# histogram is taken (a full GC, seconds), so the connections between the two are counted by Undertow's sessions
awk '
    FNR == NR && $1 ~ /^[0-9]+:$/ { count0[$4] = $2; bytes0[$4] = $3; next }
    $1 ~ /^[0-9]+:$/ { count1[$4] = $2; bytes1[$4] = $3 }
    END {
        session = "io.undertow.websockets.jsr.UndertowSession"
        n = count1[session] - count0[session]
        printf "%d connections more in the second histogram (%s)\n", n, session
        if (n <= 0) exit 1
        for (c in bytes1) { grown = (bytes1[c] - bytes0[c]) / n; total += grown
            if (grown >= 8) printf "%8.1f B %6.2f/connection %s\n", grown, (count1[c] - count0[c]) / n, c | "sort -rn" }
        close("sort -rn")
        printf "%8.1f B per connection in all\n", total
    }' "$out/histo0.txt" "$out/histo1.txt" | tee "$out/growth.txt"
