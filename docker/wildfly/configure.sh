#!/usr/bin/env bash
# Configures a WildFly server base directory for Switchboard, offline, with the scripts of
# server-config/. Run by the image at build time and by the cluster ITs (ClusterKit) on every node.
#   configure.sh JBOSS_HOME BASE_DIR [artemis|artemis-pair|embedded-ha|none]
# artemis: the node uses an external Artemis broker (server-config/wildfly/external-artemis.cli; host,
# port, user and password are resolved when the node starts). artemis-pair: an Artemis primary/backup
# pair (external-artemis.cli, then artemis-pair.cli). embedded-ha: no external broker, the nodes' embedded brokers
# as one Artemis cluster (standalone-full-ha.xml, server-config/wildfly/embedded-ha.cli). none: the embedded broker,
# one node. Every shape then runs the WebSocket endpoints on Undertow's I/O threads (server-config/wildfly/io-threads.cli).
set -euo pipefail
jboss_home=$1
base_dir=$2
cluster=${3:-artemis}
here=$(cd "$(dirname "$0")" && pwd)
config=${SERVER_CONFIG_DIR:-}
if [ -z "$config" ]; then
    # in the image: /opt/server-config; in the repository: ../../server-config
    for candidate in /opt/server-config "$here/../../server-config"; do
        if [ -d "$candidate/wildfly" ]; then config=$candidate; break; fi
    done
fi
case "$cluster" in
    artemis | artemis-pair)
        JAVA_OPTS="-Djboss.server.base.dir=$base_dir" "$jboss_home/bin/jboss-cli.sh" \
            --file="$config/wildfly/external-artemis.cli"
        if [ "$cluster" = artemis-pair ]; then
            JAVA_OPTS="-Djboss.server.base.dir=$base_dir" "$jboss_home/bin/jboss-cli.sh" \
                --file="$config/wildfly/artemis-pair.cli"
        fi
        ;;
    embedded-ha)
        JAVA_OPTS="-Djboss.server.base.dir=$base_dir" "$jboss_home/bin/jboss-cli.sh" \
            --file="$config/wildfly/embedded-ha.cli"
        ;;
    none)
        ;;
    *)
        echo "configure.sh: expected artemis, artemis-pair, embedded-ha or none, got '$cluster'" >&2
        exit 2
        ;;
esac
# every shape: WebSocket endpoints on Undertow's I/O threads, as Switchboard ships (server-config/wildfly/io-threads.cli)
JAVA_OPTS="-Djboss.server.base.dir=$base_dir" "$jboss_home/bin/jboss-cli.sh" --file="$config/wildfly/io-threads.cli"
