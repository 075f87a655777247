package io.segursdk.samples.journey;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The journey's printed report: one line per step, with what the step proved. */
final class Report {

    /** One step's outcome. */
    record Step(String title, boolean passed, boolean skipped, String proof) {
    }

    private final PrintStream out;
    private final List<Step> steps = new ArrayList<>();

    Report(PrintStream out) {
        this.out = out;
    }

    void header(String text) {
        out.println();
        out.println(text);
        out.println("=".repeat(text.length()));
    }

    void passed(String title, String proof) {
        steps.add(new Step(title, true, false, proof));
        out.println("[ok]   " + title);
        for (String line : proof.split("\n")) {
            out.println("       " + line);
        }
    }

    void failed(String title, Throwable e) {
        steps.add(new Step(title, false, false, e.toString()));
        out.println("[FAIL] " + title);
        out.println("       " + e);
    }

    void skipped(String title, String why) {
        steps.add(new Step(title, true, true, why));
        out.println("[skip] " + title);
        out.println("       " + why);
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    boolean allPassed() {
        return !steps.isEmpty() && steps.stream().allMatch(Step::passed);
    }

    void summary() {
        long skipped = steps.stream().filter(Step::skipped).count();
        long ok = steps.stream().filter(Step::passed).count() - skipped;
        out.println();
        out.println(ok + " of " + steps.size() + " steps passed" + (skipped > 0 ? ", " + skipped + " skipped." : "."));
    }
}
