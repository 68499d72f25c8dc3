#!/usr/bin/env bash
# The benchmark, one command: builds Switchboard, the floor endpoint and the load generator, installs
# the peers from npm, then starts each server in turn on 127.0.0.1, runs every scenario against it,
# stops it by its PID, and prints the side-by-side table.
#   bench/run.sh [--quick] [--only LABEL...]
# Results: bench/results/<time>/results.tsv, table.md and the charts (*.svg, drawn by Report); server logs beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=()
only=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=(--quick) ;;
        --only) shift; only+=("$1") ;;
        *) echo "usage: bench/run.sh [--quick] [--only switchboard-wildfly|switchboard-wildfly-worker|switchboard-payara|floor-wildfly|floor-payara|socketio|actionhero|switchboard-cluster|switchboard-failover|switchboard-cluster-pair|switchboard-cluster-ha]..." >&2; exit 2 ;;
    esac
    shift
done
wanted() {
    [ ${#only[@]} -eq 0 ] && return 0
    local name
    for name in "${only[@]}"; do [ "$name" = "$1" ] && return 0; done
    return 1
}

out="$root/bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
results="$out/results.tsv"
ulimit -n "$(ulimit -Hn)"

echo "== building (WAR, floor, generator) and unpacking the servers from Maven Central"
mvn -q -DskipTests pre-integration-test -Dit.micro.skip=true -Dinvoker.skip=true -De2e.install.skip=true -Ddocker.lint.skip=true
mvn -q -f bench/pom.xml package
generator="$root/bench/generator/target/generator.jar"
floor="$root/bench/floor/target/floor.war"
echo "== installing the peers from npm"
(cd bench/peers && npm ci --no-audit --no-fund --loglevel=error)

# The generator calls as fast as the server answers (request/reply) and opens thousands of connections
# from one address: both beyond Switchboard's defaults (200 frames/s per connection, 10,000 connections
# per address), which protect a production node. The bench lifts them; the checks still run.
# SWITCHBOARD_SCENARIOS="fanout reqrep" runs only those against Switchboard on one server (an A/B of a change)
BENCH_LIMITS="-Dswitchboard.rate.framesPerSecond=1000000 -Dswitchboard.rate.burst=1000000 -Dswitchboard.maxConnectionsPerAddress=1000000"

pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2> /dev/null || true; done
}
trap cleanup EXIT

wait_for_port() { # port seconds
    local i
    for i in $(seq 1 "$2"); do
        if (exec 3<> "/dev/tcp/127.0.0.1/$1") 2> /dev/null; then return 0; fi
        sleep 1
    done
    echo "nothing listens on port $1 after $2 s" >&2
    return 1
}

stop_pid() { # pid: TERM, then KILL after 30 s
    local i
    kill "$1" 2> /dev/null || return 0
    for i in $(seq 1 30); do kill -0 "$1" 2> /dev/null || return 0; sleep 1; done
    kill -9 "$1" 2> /dev/null || true
}

scenarios() { # peer port pid label scenario...
    local peer=$1 port=$2 pid=$3 label=$4 scenario
    shift 4
    for scenario in "$@"; do
        echo "-- $label: $scenario"
        if ! java -jar "$generator" --peer "$peer" --port "$port" --pid "$pid" --label "$label" --scenario "$scenario" \
            --out "$results" "${quick[@]}" > "$out/last.log" 2>&1; then
            printf '%s\t%s\tfailed (see generator.log)\t-1\n' "$label" "$scenario" >> "$results"
        fi
        grep -v "^\s*at " "$out/last.log" | tee -a "$out/generator.log"
    done
}

# ---------------------------------------------------------------- WildFly
wildfly() { # name port-offset cli-script-or-empty: copies WildFly, applies the script offline, starts it with both WARs
    local name=$1 offset=$2 cli=$3 i
    rm -rf "$out/$name" && cp -r switchboard-war/target/servers/wildfly-39.0.1.Final "$out/$name"
    rm -rf "$out/$name/standalone/data" "$out/$name/standalone/log"
    if [ -n "$cli" ]; then
        "$out/$name/bin/jboss-cli.sh" --file="$cli" > "$out/$name-cli.log" 2>&1
    fi
    cp switchboard-war/target/switchboard.war "$floor" "$out/$name/standalone/deployments/"
    "$out/$name/bin/standalone.sh" -c standalone-full.xml -Djboss.socket.binding.port-offset="$offset" \
        -Dswitchboard.cluster=local -Dswitchboard.auth.guest=true $BENCH_LIMITS > "$out/$name.log" 2>&1 &
    shell=$!
    pids+=("$shell")
    wait_for_port $((8080 + offset)) 120
    for i in $(seq 1 60); do grep -q 'Deployed "floor.war"' "$out/$name.log" && grep -q 'Deployed "switchboard.war"' "$out/$name.log" && break; sleep 1; done
    server=$(pgrep -P "$shell" java)
    pids+=("$server")
}

if wanted switchboard-wildfly || wanted floor-wildfly; then
    echo "== WildFly 39 as Switchboard ships it (standalone-full, server-config/wildfly/io-threads.cli, its default JVM options; switchboard.cluster=local: one node)"
    wildfly wildfly 500 "$root/server-config/wildfly/io-threads.cli"
    wanted switchboard-wildfly && scenarios switchboard 8580 "$server" "Switchboard/WildFly" ${SWITCHBOARD_SCENARIOS:-fanout rooms reqrep idle}
    wanted floor-wildfly && scenarios floor 8580 "$server" "floor/WildFly" fanout rooms reqrep idle
    stop_pid "$server"
    wait "$shell" 2> /dev/null || true
fi

if wanted switchboard-wildfly-worker; then
    echo "== WildFly 39 on Undertow's default: every frame handed to a worker thread (bench/wildfly-worker-threads.cli), for an A/B"
    wildfly wildfly-worker 500 "$root/bench/wildfly-worker-threads.cli"
    scenarios switchboard 8580 "$server" "Switchboard/WildFly-worker" ${SWITCHBOARD_SCENARIOS:-fanout rooms reqrep idle}
    scenarios floor 8580 "$server" "floor/WildFly-worker" reqrep
    stop_pid "$server"
    wait "$shell" 2> /dev/null || true
fi

# ---------------------------------------------------------------- Payara
if wanted switchboard-payara || wanted floor-payara; then
    echo "== Payara Server 6 (domain1, its default JVM options; switchboard.cluster=local: one node)"
    rm -rf "$out/payara" && cp -r switchboard-war/target/servers/payara6 "$out/payara"
    rm -rf "$out/payara/glassfish/domains/domain1/logs"
    asadmin="$out/payara/bin/asadmin"
    # as shipped (server-config/payara/preboot.asadmin, the image's start.sh): an HTTP thread pool whose queue never drops a burst
    "$asadmin" start-domain --prebootcommandfile "$root/server-config/payara/preboot.asadmin" > "$out/payara-start.log" 2>&1
    server=$(cat "$out/payara/glassfish/domains/domain1/config/pid")
    pids+=("$server")
    "$asadmin" create-system-properties "switchboard.cluster=local:switchboard.auth.guest=true:$(echo "${BENCH_LIMITS//-D/}" | tr ' ' ':')" > /dev/null
    "$asadmin" deploy "$root/switchboard-war/target/switchboard.war" > /dev/null
    "$asadmin" deploy "$floor" > /dev/null
    wanted switchboard-payara && scenarios switchboard 8080 "$server" "Switchboard/Payara" ${SWITCHBOARD_SCENARIOS:-fanout rooms reqrep idle}
    wanted floor-payara && scenarios floor 8080 "$server" "floor/Payara" fanout rooms reqrep idle
    "$asadmin" stop-domain > /dev/null 2>&1 || stop_pid "$server"
fi

# ---------------------------------------------------------------- socket.io
if wanted socketio; then
    echo "== socket.io (Node $(node --version), one process)"
    node bench/peers/socketio-server.js 3000 > "$out/socketio.log" 2>&1 &
    server=$!
    pids+=("$server")
    wait_for_port 3000 30
    scenarios socketio 3000 "$server" "socket.io" fanout rooms reqrep idle
    stop_pid "$server"
fi

# ---------------------------------------------------------------- actionhero
if wanted actionhero; then
    if ! command -v redis-server > /dev/null; then
        echo "== installing redis-server from Debian (actionhero's chat needs Redis)"
        apt-get install -y redis-server > "$out/apt.log" 2>&1
    fi
    redis-server --port 6390 --bind 127.0.0.1 --save "" --appendonly no > "$out/redis.log" 2>&1 &
    redis=$!
    pids+=("$redis")
    wait_for_port 6390 30
    echo "== actionhero 29 (Node $(node --version), one process; Redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'))"
    mkdir -p "$out/actionhero"   # its working directory: actionhero makes public/ and log/ there
    (cd "$out/actionhero" && exec node "$root/bench/peers/actionhero-server.js" 3100 6390) > "$out/actionhero.log" 2>&1 &
    server=$!
    pids+=("$server")
    wait_for_port 3100 60
    scenarios actionhero 3100 "$server" "actionhero" fanout rooms reqrep idle
    stop_pid "$server"
    stop_pid "$redis"
fi

# ---------------------------------------------------------------- cluster: two WildFly nodes, three shapes
# switchboard-cluster: one Artemis broker, the cluster scenario and the fail-over; switchboard-failover the fail-over
# alone (on fresh nodes); switchboard-cluster-pair: an Artemis primary/backup pair (replication), and
# switchboard-cluster-ha: no broker, the nodes' embedded brokers as one cluster — the cluster scenario on each, so that
# the three shapes' cross-node figures come from one run. Each shape is set up by the scripts the ITs and images use.
# FAILOVER_ARGS="--says 20 --say-every-ms 1000 --kill-after-says 5" changes the fail-over's stream (defaults 12, 5000, 3)
artemis_home="$root/switchboard-war/target/servers/apache-artemis-2.44.0"
wildfly_home="$root/switchboard-war/target/servers/wildfly-39.0.1.Final"

broker() { # name port ready-marker [ARTEMIS_HA ARTEMIS_PEER] -> starts the broker, waits for the marker in its log
    local name=$1 port=$2 ready=$3 ha=${4:-} peer=${5:-} shell
    ARTEMIS_HA=$ha ARTEMIS_PEER=$peer ARTEMIS_CLUSTER_PASSWORD=pair-secret-of-the-bench \
        bash server-config/artemis/create-broker.sh "$artemis_home" "$out/$name" "$port" > "$out/$name-create.log" 2>&1
    "$out/$name/bin/artemis" run > "$out/$name.log" 2>&1 &
    shell=$!
    pids+=("$shell")
    wait_for_log "$out/$name.log" "$ready" 90
    broker_pid=$(pgrep -P "$shell" java || echo "$shell")
    pids+=("$broker_pid")
}

wait_for_log() { # file text seconds
    local i
    for i in $(seq 1 "$3"); do grep -q "$2" "$1" 2> /dev/null && return 0; sleep 1; done
    echo "no '$2' in $1 after $3 s" >&2
    return 1
}

cluster_shape() { # shape (artemis|artemis-pair|embedded-ha) label scenarios...
    local shape=$1 label=$2 node base offset config shell scenario
    shift 2
    local brokers=() extra=()
    echo "== Switchboard cluster ($shape): two WildFly 39 nodes (server-config/ scripts via docker/wildfly/configure.sh, as the ITs)"
    rm -rf "$out/$shape" && mkdir -p "$out/$shape"
    case "$shape" in
        artemis)
            broker "$shape/artemis" 61616 AMQ221007 # active
            brokers+=("$broker_pid")
            ;;
        artemis-pair)
            broker "$shape/artemis-primary" 61616 AMQ221007 primary tcp://127.0.0.1:61617
            brokers+=("$broker_pid")
            broker "$shape/artemis-backup" 61617 AMQ221024 backup tcp://127.0.0.1:61616 # holds a copy of the journal
            brokers+=("$broker_pid")
            ;;
    esac
    local nodes=()
    for node in node-a node-b; do
        base="$out/$shape/$node"
        cp -r "$wildfly_home/standalone" "$base"
        rm -rf "$base/data" "$base/log" "$base/tmp" "$base/deployments" && mkdir "$base/deployments"
        SERVER_CONFIG_DIR="$root/server-config" bash docker/wildfly/configure.sh "$wildfly_home" "$base" "$shape" \
            > "$out/$shape/$node-cli.log" 2>&1
        cp switchboard-war/target/switchboard.war "$base/deployments/"
        offset=$([ "$node" = node-a ] && echo 600 || echo 700)
        config=standalone-full.xml
        extra=()
        if [ "$shape" = embedded-ha ]; then
            config=standalone-full-ha.xml
            extra=(-Djava.net.preferIPv4Stack=true '-Dswitchboard.jgroups.members=127.0.0.1[8200],127.0.0.1[8300]'
                -Dswitchboard.grouping.type="$([ "$node" = node-a ] && echo LOCAL || echo REMOTE)"
                -Djboss.messaging.cluster.password=cluster-secret-of-the-bench)
        fi
        "$wildfly_home/bin/standalone.sh" -c "$config" -Djboss.server.base.dir="$base" \
            -Djboss.socket.binding.port-offset="$offset" -Djboss.node.name="$node" -Dswitchboard.auth.guest=true \
            -Dswitchboard.artemis.password=switchboard \
            "${extra[@]}" $BENCH_LIMITS > "$out/$shape/$node.log" 2>&1 &
        shell=$!
        pids+=("$shell")
        nodes+=("$shell")
    done
    wait_for_port 8680 120
    wait_for_port 8780 120
    for node in node-a node-b; do
        wait_for_log "$out/$shape/$node.log" 'Deployed "switchboard.war"' 120
    done
    node_a=$(pgrep -P "${nodes[0]}" java)
    node_b=$(pgrep -P "${nodes[1]}" java)
    pids+=("$node_a" "$node_b")
    local cpu=(--pid "$node_a" --pid2 "$node_b")
    [ ${#brokers[@]} -ge 1 ] && cpu+=(--pid3 "${brokers[0]}")
    [ ${#brokers[@]} -ge 2 ] && cpu+=(--pid4 "${brokers[1]}")
    for scenario in "$@"; do
        echo "-- $label: $scenario"
        case "$scenario" in
            failover)
                if ! java -cp "$generator:$root/switchboard-cli/target/switchboard-cli.jar" dev.switchboard.bench.Bench --peer switchboard \
                    --port 8680 --port2 8780 --pid "$node_b" ${brokers[0]:+--pid3 "${brokers[0]}"} --kill-pid "$node_a" --label "$label" \
                    --scenario failover --out "$results" ${FAILOVER_ARGS:-} > "$out/last.log" 2>&1; then
                    printf '%s\t%s\tfailed (see generator.log)\t-1\n' "$label" failover >> "$results"
                fi
                grep -v "^\s*at " "$out/last.log" | grep -v "^SLF4J\|^[A-Z][a-z][a-z] [0-9]*, 20\|^INFO:\|^WARNING:" | tee -a "$out/generator.log"
                ;;
            *) # cluster (members on both nodes), or any other scenario (its clients on node A); CPU of every process
                if ! java -jar "$generator" --peer switchboard --port 8680 --port2 8780 "${cpu[@]}" \
                    --label "$label" --scenario "$scenario" --out "$results" "${quick[@]}" ${CLUSTER_ARGS:-} > "$out/last.log" 2>&1; then
                    printf '%s\t%s\tfailed (see generator.log)\t-1\n' "$label" "$scenario" >> "$results"
                fi
                grep -v "^\s*at " "$out/last.log" | tee -a "$out/generator.log"
                ;;
        esac
    done
    stop_pid "$node_a"
    stop_pid "$node_b"
    for node in "${brokers[@]}"; do stop_pid "$node"; done
    wait 2> /dev/null || true
}

# CLUSTER_SCENARIOS="cluster rooms" runs those on each cluster shape instead of cluster alone (rooms: every room message
# through the broker; CLUSTER_ARGS="--clients 1000" changes a scenario's options)
if wanted switchboard-cluster; then
    cluster_shape artemis "Switchboard/cluster" ${CLUSTER_SCENARIOS:-cluster} failover
elif wanted switchboard-failover; then
    cluster_shape artemis "Switchboard/cluster" failover
fi
if wanted switchboard-cluster-pair; then
    cluster_shape artemis-pair "Switchboard/cluster-pair" ${CLUSTER_SCENARIOS:-cluster}
fi
if wanted switchboard-cluster-ha; then
    cluster_shape embedded-ha "Switchboard/cluster-ha" ${CLUSTER_SCENARIOS:-cluster}
fi

echo
echo "== results ($results)"
java -cp "$generator" dev.switchboard.bench.Report "$results" | tee "$out/table.md" # and the charts beside it
