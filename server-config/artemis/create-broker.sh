#!/usr/bin/env bash
# Creates the Artemis broker instance the Switchboard nodes of a cluster share.
#   create-broker.sh ARTEMIS_HOME INSTANCE_DIR [PORT] [USER] [PASSWORD]
# ARTEMIS_HOME is an unpacked org.apache.activemq:apache-artemis:<version>:tar.gz:bin (from Maven
# Central). Start the broker with INSTANCE_DIR/bin/artemis run. The cluster topic needs no
# declaration: the broker creates it when the first node subscribes (auto-create is on).
set -euo pipefail
artemis_home=$1
instance=$2
port=${3:-61616}
user=${4:-switchboard}
password=${5:-switchboard}
host=${ARTEMIS_HOST:-127.0.0.1}

"$artemis_home/bin/artemis" create "$instance" --force --silent \
    --user "$user" --password "$password" --require-login \
    --host "$host" --default-port "$port" \
    --no-web --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
    --no-autotune --nio --java-memory "${ARTEMIS_MEMORY:-512M}"
