#!/usr/bin/env bash
# Starts a WildFly Switchboard node in the foreground (the image's entrypoint).
# The node's name — unique in the cluster, also the transaction node id — is NODE_NAME, else the host
# name. CLUSTER_SHAPE is the shape the image was configured for (configure.sh): artemis and
# artemis-pair run standalone-full.xml on an external broker; embedded-ha runs standalone-full-ha.xml, bound to
# the container's own address (the brokers and JGroups announce it to the other nodes), with the other nodes in
# SWITCHBOARD_JGROUPS_MEMBERS (host[7600],…), SWITCHBOARD_GROUPING_TYPE (LOCAL on one node, REMOTE on the
# others) and SWITCHBOARD_MESSAGING_CLUSTER_PASSWORD. The address is the first of `hostname -i` (IPv4 assumed), or
# SWITCHBOARD_BIND_ADDRESS on a container with several networks. Extra arguments go to standalone.sh.
# The broker's user and password (SWITCHBOARD_ARTEMIS_USER, default switchboard; SWITCHBOARD_ARTEMIS_PASSWORD) and the
# embedded brokers' cluster password are read from the environment by the configuration itself.
# SWITCHBOARD_LOG_FORMAT=json makes the console (the container's log) write one JSON object a line, WildFly's
# json-formatter, for a log collector; the default, text, keeps WildFly's pattern.
set -euo pipefail
node=${NODE_NAME:-$(hostname)}
config=standalone-full.xml
[ "${CLUSTER_SHAPE:-artemis}" = embedded-ha ] && config=standalone-full-ha.xml

json_logs() { # once per configuration (a restarted container keeps it): the console handler's formatter becomes JSON
    local out
    grep -q '<formatter name="JSON">' "$JBOSS_HOME/standalone/configuration/$config" && return 0
    out=$(mktemp)
    if ! "$JBOSS_HOME/bin/jboss-cli.sh" --commands="embed-server --server-config=$config --std-out=discard,\
/subsystem=logging/json-formatter=JSON:add(exception-output-type=formatted),\
/subsystem=logging/console-handler=CONSOLE:write-attribute(name=named-formatter,value=JSON),stop-embedded-server" \
        > "$out" 2>&1; then
        cat "$out" >&2
        return 1
    fi
    rm -f "$out"
}
case "${SWITCHBOARD_LOG_FORMAT:-text}" in
    json) json_logs ;;
    text) ;;
    *) echo "start.sh: SWITCHBOARD_LOG_FORMAT is text or json, not '$SWITCHBOARD_LOG_FORMAT'" >&2; exit 2 ;;
esac

# secrets stay in the environment, where the server's configuration reads them (${env.…}), not on its command line
# where ps shows them; each shape needs its own, and none has a default
case "${CLUSTER_SHAPE:-artemis}" in
    artemis | artemis-pair) : "${SWITCHBOARD_ARTEMIS_PASSWORD:?set SWITCHBOARD_ARTEMIS_PASSWORD, the password of the broker}" ;;
    embedded-ha) : "${SWITCHBOARD_MESSAGING_CLUSTER_PASSWORD:?set SWITCHBOARD_MESSAGING_CLUSTER_PASSWORD, the same on every node}" ;;
esac

if [ "$config" = standalone-full-ha.xml ]; then
    address=${SWITCHBOARD_BIND_ADDRESS:-$(hostname -i | cut -d' ' -f1)}
    exec "$JBOSS_HOME/bin/standalone.sh" -c "$config" -b "$address" -bprivate "$address" \
        -Djboss.node.name="$node" \
        -Dswitchboard.jgroups.members="${SWITCHBOARD_JGROUPS_MEMBERS:?set SWITCHBOARD_JGROUPS_MEMBERS, e.g. node-a[7600],node-b[7600]}" \
        -Dswitchboard.grouping.type="${SWITCHBOARD_GROUPING_TYPE:-REMOTE}" \
        "$@"
fi
exec "$JBOSS_HOME/bin/standalone.sh" -c "$config" -b 0.0.0.0 \
    -Djboss.node.name="$node" \
    -Dswitchboard.artemis.host="${SWITCHBOARD_ARTEMIS_HOST:-artemis}" \
    -Dswitchboard.artemis.port="${SWITCHBOARD_ARTEMIS_PORT:-61616}" \
    -Dswitchboard.artemis.backup.host="${SWITCHBOARD_ARTEMIS_BACKUP_HOST:-artemis-backup}" \
    -Dswitchboard.artemis.backup.port="${SWITCHBOARD_ARTEMIS_BACKUP_PORT:-61616}" \
    "$@"
