#!/usr/bin/env bash
# Starts Payara Server's domain1 in the foreground with the Switchboard WAR deployed (the image's
# entrypoint). A deployment command file runs after boot, so that the WAR deploys on every start
# whatever the domain's state.
set -euo pipefail
payara=${PAYARA_HOME:-/opt/payara6}
war=${SWITCHBOARD_WAR:-/opt/switchboard/switchboard.war}
commands=$(mktemp)
echo "deploy --force=true --contextroot switchboard --name switchboard $war" > "$commands"
exec "$payara/bin/asadmin" start-domain --verbose --postbootcommandfile "$commands" domain1
