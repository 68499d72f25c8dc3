#!/usr/bin/env bash
# Starts a WildFly Switchboard node in the foreground (the image's entrypoint).
# The node's name — unique in the cluster, also the transaction node id — is NODE_NAME, else the host
# name. Extra arguments go to standalone.sh.
set -euo pipefail
node=${NODE_NAME:-$(hostname)}
exec "$JBOSS_HOME/bin/standalone.sh" -c standalone-full.xml -b 0.0.0.0 \
    -Djboss.node.name="$node" \
    -Dswitchboard.artemis.host="${SWITCHBOARD_ARTEMIS_HOST:-artemis}" \
    -Dswitchboard.artemis.port="${SWITCHBOARD_ARTEMIS_PORT:-61616}" \
    -Dswitchboard.artemis.backup.host="${SWITCHBOARD_ARTEMIS_BACKUP_HOST:-artemis-backup}" \
    -Dswitchboard.artemis.backup.port="${SWITCHBOARD_ARTEMIS_BACKUP_PORT:-61616}" \
    -Dswitchboard.artemis.user="${SWITCHBOARD_ARTEMIS_USER:-switchboard}" \
    -Dswitchboard.artemis.password="${SWITCHBOARD_ARTEMIS_PASSWORD:-}" \
    "$@"
