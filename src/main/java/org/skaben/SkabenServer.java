package org.skaben;

import org.apache.camel.main.Main;
import org.skaben.cluster.ClusterCheck;

/**
 * Starts the SKABEN control server: broker, database and routes in one process. camel-main finds the wiring
 * (org.skaben.wiring) and the Java routes by scanning this package; the YAML routes come from routes/.
 */
public final class SkabenServer {

    private SkabenServer() {
    }

    public static void main(String[] args) throws Exception {
        int exitCode;
        try {
            Main main = new Main(SkabenServer.class);
            // the defaults ship inside the jar; an installation overrides them in ./skaben.properties
            main.setPropertyPlaceholderLocations(
                    "file:skaben.properties;optional=true,classpath:application.properties");
            main.addMainListener(new ClusterCheck());
            main.addMainListener(new RoutesFolderCheck());
            main.addMainListener(new HttpPortCheck());
            exitCode = main.run(args);
        } catch (IllegalStateException refused) {
            // a start refused for a reason the operator can fix: one line, no stack trace
            System.err.println("SKABEN server not started: " + refused.getMessage());
            exitCode = 1;
        } catch (Exception e) {
            // a failed start leaves broker threads behind: end the process instead of hanging
            e.printStackTrace();
            exitCode = 1;
        }
        System.exit(exitCode);
    }
}
