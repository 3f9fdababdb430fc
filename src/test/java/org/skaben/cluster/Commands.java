package org.skaben.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a short system command (initdb, pg_ctl, kill) to its end; a failure throws with what it printed. */
final class Commands {

    private static final boolean ROOT = "0".equals(uid());

    private Commands() {
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        // read before waiting: a command that fills the pipe would otherwise never end
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not end within 2 minutes: " + output);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command + " failed (" + p.exitValue() + "): " + output);
        }
        return output;
    }

    /** Sends a signal (KILL, STOP, CONT) to a process. */
    static void signal(long pid, String signal) throws IOException, InterruptedException {
        run(List.of("kill", "-" + signal, String.valueOf(pid)));
    }

    /** Runs {@code stop} when the test JVM ends, in case the test did not get to it; returns the hook. */
    static Thread atExit(String name, Runnable stop) {
        Thread hook = new Thread(stop, name);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    /** The test stopped it itself: the hook is not needed any more. */
    static void doneAtExit(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway; stopping twice is harmless
        }
    }

    static boolean isRoot() {
        return ROOT;
    }

    private static String uid() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() + "";
        } catch (RuntimeException | LinkageError notUnix) {
            return "";
        }
    }
}
