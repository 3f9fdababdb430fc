package org.skaben;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.apache.camel.Route;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Camel's route reload replaces the routes of a file that is created or changed, but leaves running the
 * routes of a file that was deleted. Deleting a rule's file is how a game master removes a rule, so this
 * watcher of the same folder stops and removes the routes that came from a deleted file (and does nothing
 * else: the reload camel-main sets up handles every other change).
 */
public class RouteFileRemoval extends RouteWatcherReloadStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(RouteFileRemoval.class);

    public RouteFileRemoval(String directory, String pattern) {
        super(directory, true);
        setPattern(pattern);
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        for (Resource resource : resources) {
            Path file = path(resource);
            if (file == null || Files.exists(file)) {
                continue;
            }
            List<Route> routes = getCamelContext().getRoutes().stream()
                    .filter(r -> r.getSourceResource() != null && file.equals(path(r.getSourceResource()))).toList();
            for (Route route : routes) {
                try {
                    getCamelContext().getRouteController().stopRoute(route.getRouteId());
                    getCamelContext().removeRoute(route.getRouteId());
                    LOG.info("Removed route {}: its file {} was deleted", route.getRouteId(), file);
                } catch (Exception e) {
                    LOG.error("Could not remove route {} of the deleted file {}", route.getRouteId(), file, e);
                }
            }
        }
    }

    private static Path path(Resource resource) {
        String location = resource.getLocation();
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        return Path.of(location.substring("file:".length())).toAbsolutePath().normalize();
    }
}
