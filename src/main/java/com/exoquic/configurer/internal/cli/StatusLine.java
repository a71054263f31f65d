package com.exoquic.configurer.internal.cli;

import java.io.PrintWriter;

/**
 * One line on a terminal, rewritten in place (carriage return, the text, erase to the end of the line) and cleared
 * before anything else is written: it shows a run advancing, and never stays on the screen as a second copy of the
 * report that follows.
 */
final class StatusLine {
    private final PrintWriter err;
    private boolean shown;

    StatusLine(PrintWriter err) {
        this.err = err;
    }

    synchronized void show(String text) {
        err.print("\r" + text + "\033[K");
        err.flush();
        shown = true;
    }

    synchronized void clear() {
        if (shown) {
            err.print("\r\033[K");
            err.flush();
            shown = false;
        }
    }
}
