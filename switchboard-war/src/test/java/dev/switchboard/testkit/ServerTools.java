package dev.switchboard.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The servers' own administration tools, for ITs: restart (WildFly CLI {@code reload}, Payara
 * {@code asadmin restart-domain}), system properties, MicroProfile Config properties, users, and the server log.
 */
public final class ServerTools {

    private ServerTools() {
    }

    /** Which server the ITs run on: {@code wildfly} or {@code payara}. */
    public static String server() {
        return System.getProperty("arquillian.launch", "wildfly");
    }

    private static boolean payara() {
        return "payara".equals(server());
    }

    /** Restarts the server; returns when it is back. WildFly: every service and the WAR, same JVM. Payara: a new JVM. */
    public static void restart() {
        if (payara()) {
            asadmin("restart-domain", "domain1");
        } else {
            jbossCli("reload");
        }
    }

    /** Sets a system property on the running server (takes effect for the next deployment). */
    public static void setSystemProperty(String name, String value) {
        if (payara()) {
            // asadmin separates properties with ':'; one inside a value is escaped
            asadmin("create-system-properties", name + "=" + value.replace(":", "\\:"));
        } else {
            jbossCli("/system-property=" + name + ":add(value=" + value + ")");
        }
    }

    public static void removeSystemProperty(String name) {
        if (payara()) {
            asadmin("delete-system-property", name);
        } else {
            jbossCli("/system-property=" + name + ":remove");
        }
    }

    /**
     * Gives a property to the server's MicroProfile Config, in the server's own way (takes effect for the next
     * deployment): Payara's {@code set-config-property} at domain level, WildFly's {@code microprofile-config-smallrye}
     * config source {@code switchboard-it} with the property in it (one property at a time there).
     */
    public static void setConfigProperty(String name, String value) {
        if (payara()) {
            asadmin("set-config-property", "--propertyName=" + name, "--propertyValue=" + value, "--source=domain");
        } else {
            jbossCli("/subsystem=microprofile-config-smallrye/config-source=switchboard-it:add(properties={\"" + name + "\"=\""
                    + value + "\"})");
        }
    }

    /**
     * Takes the property away again. WildFly adds a config source at once but keeps a removed one in the running
     * server until it reloads (the next deployments still saw it): so a reload follows there.
     */
    public static void removeConfigProperty(String name) {
        if (payara()) {
            asadmin("delete-config-property", "--propertyName=" + name, "--source=domain");
        } else {
            jbossCli("/subsystem=microprofile-config-smallrye/config-source=switchboard-it:remove");
            jbossCli("reload");
        }
    }

    /**
     * Adds a user (group {@code switchboard-users}) to the server's default application realm — WildFly's
     * {@code ApplicationRealm} through {@code add-user.sh}, Payara's {@code file} realm through
     * {@code asadmin create-file-user} — which the running server uses at once. A user that exists
     * already (an earlier run on the same server) is left as it is.
     */
    public static void addUser(String user, String password) {
        addUser(user, password, "switchboard-users");
    }

    /** {@link #addUser(String, String)} in this group: {@code switchboard-admin} makes an operator. */
    public static void addUser(String user, String password, String group) {
        try {
            if (payara()) {
                Path passwordFile = Files.createTempFile("switchboard-user", ".txt");
                Files.writeString(passwordFile, "AS_ADMIN_USERPASSWORD=" + password + "\n", StandardCharsets.UTF_8);
                asadmin("--passwordfile", passwordFile.toString(), "create-file-user", "--groups", group, user);
            } else {
                Commands.run(List.of(System.getProperty("wildfly.home") + "/bin/add-user.sh", "-a", "-s", "-u", user,
                        "-p", password, "-g", group));
            }
        } catch (AssertionError e) {
            if (!String.valueOf(e.getMessage()).contains("already exists")) {
                throw e;
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The server's log as it is now. */
    public static String log() {
        Path log = payara()
                ? Path.of(System.getProperty("payara.home"), "glassfish/domains/domain1/logs/server.log")
                : Path.of(System.getProperty("wildfly.home"), "standalone/log/server.log");
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + log, e);
        }
    }

    /** Waits until the Payara domain's admin port answers (the adapter may still be starting it). */
    private static void awaitAdminPort() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(3)).pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> {
                    try {
                        new java.net.Socket("127.0.0.1", 4848).close();
                        return true;
                    } catch (IOException e) {
                        return false;
                    }
                });
    }

    private static void asadmin(String... args) {
        awaitAdminPort();
        List<String> command = new java.util.ArrayList<>(List.of(System.getProperty("payara.home") + "/bin/asadmin"));
        command.addAll(List.of(args));
        Commands.run(command);
    }

    private static void jbossCli(String command) {
        // --timeout: the CLI's connect timeout (5 s by default), which is also how long its reload waits for the
        // management interface to come back; a loaded machine needs more
        Commands.run(List.of(System.getProperty("wildfly.home") + "/bin/jboss-cli.sh", "--connect", "--timeout=60000",
                "--controller=remote+http://127.0.0.1:" + (9990 + Integer.getInteger("it.wildfly.port-offset", 100)),
                "--command=" + command));
    }

    /**
     * Whether the server still holds its side of a TCP connection from this client port as established
     * (Linux: {@code /proc/net/tcp} and {@code tcp6}; state 01), seen from outside the server's JVM.
     */
    public static boolean serverHoldsConnection(int serverPort, int clientPort) {
        String local = String.format(":%04X", serverPort);
        String remote = String.format(":%04X", clientPort);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.strip().split("\\s+");
                    if (fields.length > 3 && fields[1].endsWith(local) && fields[2].endsWith(remote) && fields[3].equals("01")) {
                        return true;
                    }
                }
            } catch (java.io.IOException e) {
                throw new AssertionError("cannot read " + table, e);
            }
        }
        return false;
    }
}
