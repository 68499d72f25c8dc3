#!/usr/bin/env bash
# Creates the broker instance on first start (server-config/artemis/create-broker.sh, listening on
# every interface of the container) and runs it in the foreground. ARTEMIS_USER / ARTEMIS_PASSWORD are
# what the nodes log in with; there is no default password (make one: openssl rand -base64 18).
set -euo pipefail
instance=${ARTEMIS_INSTANCE:-/var/lib/artemis/broker}
if [ ! -x "$instance/bin/artemis" ]; then
    ARTEMIS_HOST=0.0.0.0 /opt/switchboard/create-broker.sh /opt/artemis "$instance" 61616 \
        "${ARTEMIS_USER:-switchboard}" "${ARTEMIS_PASSWORD:?set ARTEMIS_PASSWORD}"
fi
exec "$instance/bin/artemis" run
