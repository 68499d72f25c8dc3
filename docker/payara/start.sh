#!/usr/bin/env bash
# Starts Payara Server's domain1 in the foreground with the Switchboard WAR deployed (the image's
# entrypoint). A deployment command file runs after boot, so that the WAR deploys on every start
# whatever the domain's state. SWITCHBOARD_LOG_FORMAT=json makes the log (the container's, and server.log) one JSON
# object a line, Payara's own JSONLogFormatter; the default, text, keeps Payara's formats.
set -euo pipefail
payara=${PAYARA_HOME:-/opt/payara6}
war=${SWITCHBOARD_WAR:-/opt/switchboard/switchboard.war}
case "${SWITCHBOARD_LOG_FORMAT:-text}" in
    json)
        # logging.properties is read at boot: the console's handler and the server log's file handler get the formatter
        sed -i -e 's/^\(java\.util\.logging\.ConsoleHandler\.formatter\)=.*/\1=fish.payara.enterprise.server.logging.JSONLogFormatter/' \
            -e 's/^\(com\.sun\.enterprise\.server\.logging\.GFFileHandler\.formatter\)=.*/\1=fish.payara.enterprise.server.logging.JSONLogFormatter/' \
            "$payara/glassfish/domains/domain1/config/logging.properties"
        ;;
    text) ;;
    *) echo "start.sh: SWITCHBOARD_LOG_FORMAT is text or json, not '$SWITCHBOARD_LOG_FORMAT'" >&2; exit 2 ;;
esac
commands=$(mktemp)
echo "deploy --force=true --contextroot switchboard --name switchboard $war" > "$commands"
# before boot, server-config/payara/preboot.asadmin: the HTTP thread pool's queue unbounded (its default of 4,096 drops
# the frames of a burst of connections or messages: docs/operations.md)
exec "$payara/bin/asadmin" start-domain --verbose --prebootcommandfile /opt/switchboard/preboot.asadmin \
    --postbootcommandfile "$commands" domain1
