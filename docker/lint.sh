#!/usr/bin/env bash
# Checks the files of docker/ without a Docker engine: the Dockerfiles (dockerfile-utils, from the npm
# registry through switchboard-war/src/test/e2e/package.json), the compose file (docker-compose's own validation, and yamllint),
# the balancer's configuration (haproxy -c), and every script the images and the ITs run (shellcheck).
# Run by the build (mvn verify); the Debian tools come from ./test.sh, the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for tool in shellcheck haproxy docker-compose yamllint; do
    command -v "$tool" > /dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "docker/lint.sh: missing ${missing[*]}: apt-get install shellcheck haproxy docker-compose yamllint (./test.sh does)" >&2
    exit 1
fi
dockerfile_utils=switchboard-war/src/test/e2e/node_modules/.bin/dockerfile-utils
if [ ! -x "$dockerfile_utils" ]; then
    echo "docker/lint.sh: $dockerfile_utils is missing: npm ci --prefix switchboard-war/src/test/e2e (the build does)" >&2
    exit 1
fi

for dockerfile in docker/*/Dockerfile; do
    echo "dockerfile-utils lint $dockerfile"
    "$dockerfile_utils" lint "$dockerfile"
done
for compose in docker/compose*.yaml; do
    echo "docker-compose config $compose"
    # a compose file ships no secret: without them it must refuse to start, with them it must be valid
    if env -u SWITCHBOARD_AUTH_TOKEN_SECRET -u ARTEMIS_PASSWORD -u ARTEMIS_CLUSTER_PASSWORD \
        docker-compose -f "$compose" config -q 2> /dev/null; then
        echo "docker/lint.sh: $compose starts without its secrets" >&2
        exit 1
    fi
    SWITCHBOARD_AUTH_TOKEN_SECRET=lint-only-not-a-secret-0123456789abcdef ARTEMIS_PASSWORD=lint-only \
        ARTEMIS_CLUSTER_PASSWORD=lint-only docker-compose -f "$compose" config -q
    yamllint -d "{extends: default, rules: {line-length: {max: 120}, document-start: disable}}" "$compose"
done
echo "haproxy -c docker/haproxy/haproxy.cfg"
haproxy -q -c -f docker/haproxy/haproxy.cfg
echo "shellcheck"
shellcheck docker/*.sh docker/*/*.sh server-config/*/*.sh .ci/run test.sh
echo "docker/: all checks passed"
