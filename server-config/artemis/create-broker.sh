#!/usr/bin/env bash
# Creates the Artemis broker instance the Switchboard nodes of a cluster share.
#   create-broker.sh ARTEMIS_HOME INSTANCE_DIR [PORT] [USER] [PASSWORD]
# ARTEMIS_HOME is an unpacked org.apache.activemq:apache-artemis:<version>:tar.gz:bin (from Maven
# Central). Start the broker with INSTANCE_DIR/bin/artemis run. The cluster topic needs no
# declaration: the broker creates it when the first node subscribes (auto-create is on).
#
# A pair with no single point of failure (replication: each broker keeps its own journal, the backup a
# copy of the primary's, kept in step over the network; no shared disk):
#   ARTEMIS_HA=primary ARTEMIS_PEER=tcp://backup-host:61617 ARTEMIS_CLUSTER_PASSWORD=… create-broker.sh … 61616
#   ARTEMIS_HA=backup  ARTEMIS_PEER=tcp://primary-host:61616 ARTEMIS_CLUSTER_PASSWORD=… create-broker.sh … 61617
# The backup copies the primary and takes over when it dies (clients with ha=true follow it:
# server-config/wildfly/artemis-pair.cli). A dead primary started again on its instance dir finds the backup
# active and becomes its backup, copying its journal: the pair is whole again with the roles swapped (Artemis
# logs AMQ224056 "will not fail-back automatically", and it does not). The nodes' following of a second switch
# is not reliable yet: docs/operations.md.
# A broker of a pair listens on ARTEMIS_HOST and tells clients that address to fail over to: give it a host name
# or address the nodes reach (not 0.0.0.0, which artemis create turns into localhost for a clustered broker).
set -euo pipefail
artemis_home=$1
instance=$2
port=${3:-61616}
user=${4:-switchboard}
password=${5:-switchboard}
host=${ARTEMIS_HOST:-127.0.0.1}
ha=${ARTEMIS_HA:-}

pair=()
case "$ha" in
    "") ;;
    primary | backup)
        peer=${ARTEMIS_PEER:?ARTEMIS_PEER: the other broker of the pair, tcp://host:port}
        pair=(--clustered --replicated --static-cluster "$peer"
            --cluster-user "${ARTEMIS_CLUSTER_USER:-switchboard-cluster}"
            --cluster-password "${ARTEMIS_CLUSTER_PASSWORD:?ARTEMIS_CLUSTER_PASSWORD: the secret the two brokers share}")
        if [ "$ha" = backup ]; then pair+=(--backup); fi
        ;;
    *)
        echo "create-broker.sh: ARTEMIS_HA is primary or backup, not '$ha'" >&2
        exit 2
        ;;
esac

"$artemis_home/bin/artemis" create "$instance" --force --silent \
    --user "$user" --password "$password" --require-login \
    --host "$host" --default-port "$port" \
    --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --no-autotune --nio --java-memory "${ARTEMIS_MEMORY:-512M}" "${pair[@]}"

if [ "$ha" = primary ]; then
    # Two brokers cannot out-vote each other: a primary that loses its backup must stay active (the default,
    # vote-on-replication-failure=true, would shut it down, leaving nothing up), and a primary started again
    # must first look for an active backup and copy from it instead of starting on its stale journal.
    broker_xml="$instance/etc/broker.xml"
    sed -i 's#<vote-on-replication-failure>true</vote-on-replication-failure>#<vote-on-replication-failure>false</vote-on-replication-failure>\n               <check-for-active-server>true</check-for-active-server>#' "$broker_xml"
    grep -q '<check-for-active-server>true</check-for-active-server>' "$broker_xml" || {
        echo "create-broker.sh: $broker_xml has no <vote-on-replication-failure> to change: another Artemis version?" >&2
        exit 1
    }
fi
