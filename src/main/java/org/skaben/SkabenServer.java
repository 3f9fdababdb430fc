package org.skaben;

import org.apache.camel.main.Main;

/** Starts the SKABEN control server: broker, database and routes in one process. */
public final class SkabenServer {

    private SkabenServer() {
    }

    public static void main(String[] args) throws Exception {
        int exitCode;
        try {
            exitCode = new Main(SkabenServer.class).run(args);
        } catch (Exception e) {
            // a failed start leaves broker threads behind: end the process instead of hanging
            e.printStackTrace();
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
