package dk.consenthub.system;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The sandbox's stub servers in a process of their own, from the same {@code mappings/}: hubs started with
 * {@code --hub.sandbox.external-stubs=true} (and the same ports) talk to it, and its request journals
 * ({@code /__admin/requests}) outlive any hub. Arguments, all optional: {@code --mappings-dir=mappings
 * --gecko-port=8091 --mailchimp-port=8092 --google-port=8093}. Runs until stopped.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>(Map.of("mappings-dir", "mappings", "gecko-port", "8091",
                "mailchimp-port", "8092", "google-port", "8093"));
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            if (pair.length != 2 || !options.containsKey(pair[0])) {
                throw new IllegalArgumentException("unknown argument " + pair[0] + "; known: " + options.keySet());
            }
            options.put(pair[0], pair[1]);
        }
        SandboxServers servers = SandboxServers.standalone(Path.of(options.get("mappings-dir")),
                system -> Integer.parseInt(options.getOrDefault(system + "-port", "0")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            servers.destroy();
            stopped.countDown();
        }));
        System.out.println("Sandbox ready: " + servers.stubCounts());
        stopped.await();
    }
}
