package org.skaben.api;

import java.util.Map;
import org.apache.camel.model.rest.RestDefinition;

/** /api/simple-configs: what the devices of a simple type are told in each alert state. */
public class SimpleConfigRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api/simple-configs", "simple configs");
        endpoint(rest.get().outType(SimpleConfigApi.SimpleConfigView[].class), "simple-configs",
                "every simple type's config in every state", "simpleConfigApi", "simpleConfigs");
        endpoint(both(rest.get("/{type}/{state}").outType(SimpleConfigApi.SimpleConfigView.class)),
                "simple-config", "one type's config in one state",
                "simpleConfigApi", "simpleConfig(${header.type}, ${header.state})");
        endpoint(both(rest.put("/{type}/{state}").type(Map.class).outType(SimpleConfigApi.SimpleConfigView.class)),
                "simple-config-save", "saves the config (the body); sent at once when the state is current",
                "simpleConfigApi", "saveSimpleConfig(${header.type}, ${header.state}, ${body}, " + SOURCE + ")");
        endpoint(both(rest.delete("/{type}/{state}").outType(SimpleConfigApi.SimpleConfigDeleted.class)),
                "simple-config-delete", "deletes the config",
                "simpleConfigApi", "deleteSimpleConfig(${header.type}, ${header.state}, " + SOURCE + ")");
    }

    private static RestDefinition both(RestDefinition verb) {
        return path(path(verb, "type", "a simple device type"), "state", "an alert state's name");
    }
}
