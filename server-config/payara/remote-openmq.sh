#!/usr/bin/env bash
# Creates a Payara Server domain for one node of a Switchboard cluster and points its JMS service at
# the shared OpenMQ broker (start-openmq.sh) instead of its own embedded broker.
#   remote-openmq.sh PAYARA_HOME DOMAIN PORTBASE [BROKER_HOST] [BROKER_PORT]
# PORTBASE offsets every port of the domain (HTTP = PORTBASE+80, admin = PORTBASE+48), so that several
# nodes fit on one machine. The domain is left stopped. The admin user has no password, as Payara's
# own domain1: set one (asadmin change-admin-password) outside tests. PAYARA_DOMAINS_DIR (optional) puts the domain
# in that directory instead of PAYARA_HOME/glassfish/domains (then give --domaindir to start-domain too).
set -euo pipefail
payara=$1
domain=$2
portbase=$3
host=${4:-127.0.0.1}
port=${5:-27676}
asadmin="$payara/bin/asadmin"
admin=$((portbase + 48))
where=()
if [ -n "${PAYARA_DOMAINS_DIR:-}" ]; then
    mkdir -p "$PAYARA_DOMAINS_DIR"
    where=(--domaindir "$PAYARA_DOMAINS_DIR")
fi

"$asadmin" delete-domain ${where[@]+"${where[@]}"} "$domain" > /dev/null 2>&1 || true
"$asadmin" create-domain ${where[@]+"${where[@]}"} --portbase "$portbase" --nopassword=true "$domain"
"$asadmin" start-domain ${where[@]+"${where[@]}"} "$domain"
trap '"$asadmin" stop-domain ${where[@]+"${where[@]}"} "$domain"' EXIT
# what the image runs before boot (preboot.asadmin): the HTTP thread pool's queue unbounded, so that a burst is never dropped
"$asadmin" --port "$admin" multimode --file "$(dirname "$0")/preboot.asadmin"
"$asadmin" --port "$admin" set configs.config.server-config.jms-service.type=REMOTE
"$asadmin" --port "$admin" create-jms-host --mqhost "$host" --mqport "$port" \
    --mquser "${OPENMQ_USER:-admin}" --mqpassword "${OPENMQ_PASSWORD:-admin}" switchboard-broker
"$asadmin" --port "$admin" set configs.config.server-config.jms-service.default-jms-host=switchboard-broker
# or the domain's own (now absent) broker stays first in the connection URL
"$asadmin" --port "$admin" delete-jms-host default_JMS_host
