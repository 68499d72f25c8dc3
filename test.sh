#!/usr/bin/env bash
# The whole test suite, on a fresh Debian machine with Java 17+, Maven and Node: installs what the build
# cannot fetch itself from Debian's packages, then runs `mvn verify` (unit tests, the browser client's
# tests, the checks of docker/, every IT on WildFly and on Payara, the cluster on Artemis, Payara Micro),
# then the benchmark generator's unit tests.
# Arguments go to Maven: ./test.sh -Dit.payara.skip=true -Dit.test=RoomsIT
set -euo pipefail
cd "$(dirname "$0")"
# chromium: the browser tests; shellcheck, haproxy, docker-compose, yamllint: docker/lint.sh
packages=(chromium shellcheck haproxy docker-compose yamllint)
missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2> /dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    if ! command -v apt-get > /dev/null; then
        echo "test.sh: missing ${missing[*]}, and this is no Debian machine: install them with your package manager" >&2
        exit 1
    fi
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo > /dev/null; then
            echo "test.sh: missing ${missing[*]}: run as root, or install them: apt-get install ${missing[*]}" >&2
            exit 1
        fi
        sudo=(sudo)
    fi
    echo "test.sh: installing ${missing[*]} from Debian's packages"
    "${sudo[@]}" apt-get update -q
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -q "${missing[@]}"
fi
# a failure's cause can sit far above the end of a long log (the failsafe executions run on after one fails): on failure,
# the failed tests are listed last, each with what it said and the lines of its stack in Switchboard's code or a cause
failed_tests() {
    echo "test.sh: mvn verify failed; the tests that failed, from the surefire and failsafe reports:" >&2
    # shellcheck disable=SC2016 # the $0 and the rest are awk's own
    find . -path ./bench/results -prune -o -path '*/node_modules' -prune -o -type f -name '*.txt' \
        \( -path '*/target/surefire-reports/*' -o -path '*/target/failsafe-reports/*' \) -print 2> /dev/null |
        sort | xargs -r awk '
            FNR == 1 { inside = 0 }
            /<<< (FAILURE|ERROR)!/ { print FILENAME ": " $0; inside = 1; frames = 0; found = 1; next }
            inside == 1 { print "    " $0; inside = 2; next }
            inside == 2 && frames < 12 && /(dev\.switchboard|Caused by|^[a-zA-Z.]+(Exception|Error))/ { print "    " $0; frames++ }
            END { exit !found }' >&2 || echo "test.sh: none in the reports (a build step failed)" >&2
}
mvn verify "$@" || { status=$?; failed_tests; exit "$status"; }
# the benchmark's own unit tests (its charts): bench/ is a build of its own, on the switchboard-cli jar the verify just made
# (with the arguments that set Maven's output or its offline mode; the others are the verify's)
bench=()
for arg in "$@"; do
    case "$arg" in -B|--batch-mode|-ntp|--no-transfer-progress|-o|--offline|-q|--quiet) bench+=("$arg") ;; esac
done
mvn ${bench[@]+"${bench[@]}"} -f bench/pom.xml -pl generator test
