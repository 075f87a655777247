package io.segursdk.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Starts the INSi simulator of the benchmarks on its own and writes the files {@link InsiColdStart} needs, to profile
 * a cold start by hand: {@code java -cp ... io.segursdk.benchmarks.InsiServe DIR} prints the endpoint, then
 * {@code java [JVM options] -cp ... io.segursdk.benchmarks.InsiColdStart SDK ENDPOINT DIR}. Stops on end of input.
 */
public final class InsiServe {

    private InsiServe() {
    }

    /**
     * @param args the directory to write the credentials and request template to
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        try (InsiScenario scenario = new InsiScenario()) {
            scenario.writeFiles(dir);
            System.out.println("ENDPOINT " + scenario.endpoint());
            System.out.flush();
            while (System.in.read() >= 0) {
                Thread.onSpinWait();
            }
        }
    }
}
