#!/usr/bin/env bash
# An A/B of two Switchboard WARs on one WildFly set up as shipped (server-config/wildfly/io-threads.cli), the two
# alternating on fresh boots, each scenario run --quick as often as it is named (the first run of a boot warms the JIT):
#   bench/ab.sh OLD.war NEW.war [ROUNDS=3] ["reqrep reqrep reqrep"]
# With NEW_CLI=file.cli the new WAR runs on a copy of the server that file changed as well (embed-server, offline): an
# A/B of a server setting, the same WAR given twice.
# With SERVER=payara the two WARs run on Payara Server 6 instead (domain1 as bench/run.sh starts it: the shipped
# preboot.asadmin, the same switchboard.* system properties), a fresh copy of the domain for each boot.
# Needs what bench/run.sh builds (the servers unpacked under switchboard-war/target/servers, the generator).
# Prints every figure of bench/results/ab-<time>/ab.tsv; labels "old" and "new". Servers are stopped by process group.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
old=$(realpath "$1"); new=$(realpath "$2"); rounds=${3:-3}; scenarios=${4:-"reqrep reqrep reqrep"}
out="$root/bench/results/ab-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
server_kind=${SERVER:-wildfly}
limits=(switchboard.cluster=local switchboard.auth.guest=true switchboard.rate.framesPerSecond=1000000
    switchboard.rate.burst=1000000 switchboard.maxConnectionsPerAddress=1000000)
if [ "$server_kind" = wildfly ]; then
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
    port=8580
elif [ "$server_kind" = payara ]; then
    if [ -n "${NEW_CLI:-}" ]; then
        echo "NEW_CLI is a WildFly CLI script: not with SERVER=payara" >&2
        exit 2
    fi
    port=8080
else
    echo "SERVER is wildfly or payara, not $server_kind" >&2
    exit 2
fi
generator="$root/bench/generator/target/generator.jar"
ulimit -n "$(ulimit -Hn)"
group=
server=
trap '[ -n "$group" ] && kill -- "-$group" 2> /dev/null; [ -n "$server" ] && kill -9 "$server" 2> /dev/null; true' EXIT

boot_wildfly() { # label round war dir: a fresh boot with the WAR deployed; sets group and server
    local label=$1 round=$2 war=$3 dir=$4 _
    rm -rf "$dir"/standalone/deployments/* "$dir/standalone/data" "$dir/standalone/tmp"
    cp "$war" "$dir/standalone/deployments/switchboard.war"
    setsid "$dir/bin/standalone.sh" -c standalone-full.xml -b 127.0.0.1 -bmanagement 127.0.0.1 \
        -Djboss.socket.binding.port-offset=500 "${limits[@]/#/-D}" > "$out/$label-$round.log" 2>&1 &
    group=$!
    for _ in $(seq 1 90); do grep -q 'Deployed "switchboard.war"' "$out/$label-$round.log" && break; sleep 1; done
    if ! grep -q 'Deployed "switchboard.war"' "$out/$label-$round.log"; then
        echo "the $label WAR was not deployed within 90 s: $out/$label-$round.log" >&2
        exit 1
    fi
    server=$(pgrep -P "$group" java)
}

stop_wildfly() {
    local _
    kill -- "-$group" 2> /dev/null || true
    for _ in $(seq 1 30); do kill -0 "$server" 2> /dev/null || break; sleep 1; done
    kill -9 -- "-$group" 2> /dev/null || true
    group=
    server=
}

boot_payara() { # label round war: a fresh copy of domain1 started as bench/run.sh does, the WAR deployed; sets server
    local label=$1 round=$2 war=$3
    rm -rf "$out/payara" && cp -r switchboard-war/target/servers/payara6 "$out/payara"
    rm -rf "$out/payara/glassfish/domains/domain1/logs"
    "$out/payara/bin/asadmin" start-domain --prebootcommandfile "$root/server-config/payara/preboot.asadmin" \
        > "$out/$label-$round.log" 2>&1
    server=$(cat "$out/payara/glassfish/domains/domain1/config/pid")
    "$out/payara/bin/asadmin" create-system-properties "$(IFS=:; echo "${limits[*]}")" >> "$out/$label-$round.log" 2>&1
    "$out/payara/bin/asadmin" deploy --name switchboard --contextroot switchboard "$war" >> "$out/$label-$round.log" 2>&1
}

stop_payara() { # label round
    local _
    "$out/payara/bin/asadmin" stop-domain > /dev/null 2>&1 || true
    for _ in $(seq 1 30); do kill -0 "$server" 2> /dev/null || break; sleep 1; done
    kill -9 "$server" 2> /dev/null || true
    cp "$out/payara/glassfish/domains/domain1/logs/server.log" "$out/$1-$2-server.log" 2> /dev/null || true
    server=
}

for round in $(seq 1 "$rounds"); do
    for label in old new; do
        war=$old
        [ "$label" = new ] && war=$new
        if [ "$server_kind" = wildfly ]; then
            dir=$old_dir
            [ "$label" = new ] && dir=$new_dir
            boot_wildfly "$label" "$round" "$war" "$dir"
        else
            boot_payara "$label" "$round" "$war"
        fi
        for scenario in $scenarios; do
            java -jar "$generator" --peer switchboard --port "$port" --pid "$server" --label "$label" --scenario "$scenario" \
                --quick --out "$out/ab.tsv" >> "$out/generator.log" 2>&1 || echo "the generator failed: $label $round $scenario"
        done
        if [ "$server_kind" = wildfly ]; then stop_wildfly; else stop_payara "$label" "$round"; fi
    done
done
cat "$out/ab.tsv"
