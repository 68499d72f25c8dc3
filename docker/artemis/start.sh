#!/usr/bin/env bash
# Creates the broker instance on first start (server-config/artemis/create-broker.sh, listening on
# every interface of the container) and runs it in the foreground. ARTEMIS_USER / ARTEMIS_PASSWORD are
# what the nodes log in with; there is no default password (make one: openssl rand -base64 18).
# One of a primary/backup pair: ARTEMIS_HA=primary|backup, ARTEMIS_PEER=tcp://<the other>:61616 and
# ARTEMIS_CLUSTER_PASSWORD (create-broker.sh); it listens on its host name, the address it tells the nodes
# to fail over to (0.0.0.0 is no address to tell).
set -euo pipefail
instance=${ARTEMIS_INSTANCE:-/var/lib/artemis/broker}
host=0.0.0.0
if [ -n "${ARTEMIS_HA:-}" ]; then host=$(hostname); fi
if [ ! -x "$instance/bin/artemis" ]; then
    ARTEMIS_HOST=$host /opt/switchboard/create-broker.sh /opt/artemis "$instance" 61616 \
        "${ARTEMIS_USER:-switchboard}" "${ARTEMIS_PASSWORD:?set ARTEMIS_PASSWORD}"
fi
exec "$instance/bin/artemis" run
