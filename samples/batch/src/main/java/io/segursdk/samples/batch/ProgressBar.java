package io.segursdk.samples.batch;

import java.io.PrintWriter;

/** A one-line progress bar, redrawn in place ({@code \r}); thread-safe. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final int total;
    private int lastDrawn = -1;

    ProgressBar(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    /**
     * Draws the bar when the count changed.
     *
     * @param done rows done so far
     */
    synchronized void update(int done) {
        if (done == lastDrawn) {
            return;
        }
        lastDrawn = done;
        int filled = total == 0 ? WIDTH : done * WIDTH / total;
        int percent = total == 0 ? 100 : done * 100 / total;
        out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                + " (" + percent + "%)");
        out.flush();
    }

    /** Ends the line. */
    synchronized void finish() {
        update(total);
        out.println();
        out.flush();
    }
}
