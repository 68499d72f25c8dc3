#!/usr/bin/env bash
# Runs the OpenMQ broker that ships with Payara Server as the broker the Payara nodes of a Switchboard
# cluster share, and creates the sequencer queue with one active consumer at a time (the others wait
# as backups): OpenMQ has no message groups, so this is what keeps one order per room.
#   start-openmq.sh PAYARA_HOME VARHOME [PORT]
# Runs in the foreground; prints "switchboard broker ready on port N" once the queue exists.
# The broker's admin user is OpenMQ's default (admin/admin): change it with imqusermgr outside tests.
set -euo pipefail
payara=$1
varhome=$2
port=${3:-27676}
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
imqcmd=("$payara/mq/bin/imqcmd" -b "127.0.0.1:$port" -u "${OPENMQ_ADMIN_USER:-admin}" -javahome "$java_home")

"$payara/mq/bin/imqbrokerd" -name switchboard -port "$port" -varhome "$varhome" -javahome "$java_home" &
broker=$!
pass=$(mktemp)
printf 'imq.imqcmd.password=%s\n' "${OPENMQ_ADMIN_PASSWORD:-admin}" > "$pass"
ready=no
for _ in $(seq 1 90); do
    if "${imqcmd[@]}" -passfile "$pass" query bkr > /dev/null 2>&1; then
        ready=yes
        break
    fi
    sleep 1
done
if [ "$ready" != yes ]; then
    rm -f "$pass"
    echo "the broker did not answer in 90 s" >&2
    exit 1
fi
"${imqcmd[@]}" -passfile "$pass" -f create dst -t q -n switchboard.sequencer \
    -o maxNumActiveConsumers=1 -o maxNumBackupConsumers=-1
rm -f "$pass"
echo "switchboard broker ready on port $port"
wait "$broker"
