#!/usr/bin/env bash
# An A/B of two Switchboard WARs on one WildFly set up as shipped (server-config/wildfly/io-threads.cli), the two
# alternating on fresh boots, each scenario run --quick as often as it is named (the first run of a boot warms the JIT):
#   bench/ab.sh OLD.war NEW.war [ROUNDS=3] ["reqrep reqrep reqrep"]
# With NEW_CLI=file.cli the new WAR runs on a copy of the server that file changed as well (embed-server, offline): an
# A/B of a server setting, the same WAR given twice.
# Needs what bench/run.sh builds (the unpacked WildFly under switchboard-war/target/servers, the generator).
# Prints every figure of bench/results/ab-<time>/ab.tsv; labels "old" and "new". Servers are stopped by process group.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
old=$(realpath "$1"); new=$(realpath "$2"); rounds=${3:-3}; scenarios=${4:-"reqrep reqrep reqrep"}
out="$root/bench/results/ab-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
server_dir="$out/wildfly"
cp -r switchboard-war/target/servers/wildfly-39.0.1.Final "$server_dir"
rm -rf "$server_dir/standalone/data" "$server_dir/standalone/log"
"$server_dir/bin/jboss-cli.sh" --file="$root/server-config/wildfly/io-threads.cli" > "$out/cli.log" 2>&1
old_dir=$server_dir
new_dir=$server_dir
if [ -n "${NEW_CLI:-}" ]; then
    new_dir="$out/wildfly-new"
    cp -r "$server_dir" "$new_dir"
    "$new_dir/bin/jboss-cli.sh" --file="$(realpath "$NEW_CLI")" >> "$out/cli.log" 2>&1
fi
generator="$root/bench/generator/target/generator.jar"
ulimit -n "$(ulimit -Hn)"
group=
trap '[ -n "$group" ] && kill -- "-$group" 2> /dev/null || true' EXIT
for round in $(seq 1 "$rounds"); do
    for label in old new; do
        war=$old
        server_dir=$old_dir
        if [ "$label" = new ]; then
            war=$new
            server_dir=$new_dir
        fi
        rm -rf "$server_dir"/standalone/deployments/* "$server_dir/standalone/data" "$server_dir/standalone/tmp"
        cp "$war" "$server_dir/standalone/deployments/switchboard.war"
        setsid "$server_dir/bin/standalone.sh" -c standalone-full.xml -b 127.0.0.1 -bmanagement 127.0.0.1 \
            -Djboss.socket.binding.port-offset=500 \
            -Dswitchboard.cluster=local -Dswitchboard.auth.guest=true -Dswitchboard.rate.framesPerSecond=1000000 \
            -Dswitchboard.rate.burst=1000000 -Dswitchboard.maxConnectionsPerAddress=1000000 > "$out/$label-$round.log" 2>&1 &
        group=$!
        for i in $(seq 1 90); do grep -q 'Deployed "switchboard.war"' "$out/$label-$round.log" && break; sleep 1; done
        if ! grep -q 'Deployed "switchboard.war"' "$out/$label-$round.log"; then
            echo "the $label WAR was not deployed within 90 s: $out/$label-$round.log" >&2
            exit 1
        fi
        server=$(pgrep -P "$group" java)
        for scenario in $scenarios; do
            java -jar "$generator" --peer switchboard --port 8580 --pid "$server" --label "$label" --scenario "$scenario" \
                --quick --out "$out/ab.tsv" >> "$out/generator.log" 2>&1 || echo "the generator failed: $label $round $scenario"
        done
        kill -- "-$group" 2> /dev/null || true
        for i in $(seq 1 30); do kill -0 "$server" 2> /dev/null || break; sleep 1; done
        kill -9 -- "-$group" 2> /dev/null || true
        group=
    done
done
cat "$out/ab.tsv"
