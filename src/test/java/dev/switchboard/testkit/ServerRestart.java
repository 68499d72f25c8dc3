package dev.switchboard.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Restarts the server the ITs run on, with its own tools: WildFly's CLI {@code reload} (every service
 * and the deployment stop and start again in the same JVM; the managed container keeps its process)
 * or Payara's {@code asadmin restart-domain} (a new JVM). Returns when the server is back.
 */
public final class ServerRestart {

    private ServerRestart() {
    }

    /** Which server the ITs run on: {@code wildfly} or {@code payara}. */
    public static String server() {
        return System.getProperty("arquillian.launch", "wildfly");
    }

    public static void restart() {
        List<String> command = switch (server()) {
            case "payara" -> List.of(System.getProperty("payara.home") + "/bin/asadmin", "restart-domain", "domain1");
            default -> List.of(System.getProperty("wildfly.home") + "/bin/jboss-cli.sh", "--connect",
                    "--controller=remote+http://127.0.0.1:" + (9990 + Integer.getInteger("it.wildfly.port-offset", 100)),
                    "--command=reload");
        };
        try {
            File log = File.createTempFile("restart-", ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
            if (!process.waitFor(4, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("restart did not finish in 4 minutes: " + command);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("restart failed (" + process.exitValue() + "): " + command + "\n"
                        + new String(java.nio.file.Files.readAllBytes(log.toPath()), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
