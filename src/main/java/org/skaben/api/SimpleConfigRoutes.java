package org.skaben.api;

import java.util.Map;
import org.apache.camel.model.rest.RestDefinition;

/** /api/simple-configs: what the devices of a simple type are told in each alert state. */
public class SimpleConfigRoutes extends ApiRoutes {

    @Override
    protected void endpoints() {
        RestDefinition rest = api("/api/simple-configs", "simple configs");
        rest.get().routeId("rest-simple-configs").description("every simple type's config in every state")
                .outType(SimpleConfigApi.SimpleConfigView[].class).to("direct:api-simple-configs");
        both(rest.get("/{type}/{state}").routeId("rest-simple-config").description("one type's config in one state")
                .outType(SimpleConfigApi.SimpleConfigView.class)).to("direct:api-simple-config");
        both(rest.put("/{type}/{state}").routeId("rest-simple-config-save")
                .description("saves the config (the body); sent at once when the state is current")
                .type(Map.class).outType(SimpleConfigApi.SimpleConfigView.class)).to("direct:api-simple-config-save");
        both(rest.delete("/{type}/{state}").routeId("rest-simple-config-delete").description("deletes the config")
                .outType(SimpleConfigApi.SimpleConfigDeleted.class)).to("direct:api-simple-config-delete");

        reply("api-simple-configs", "simpleConfigApi", "simpleConfigs");
        reply("api-simple-config", "simpleConfigApi", "simpleConfig(${header.type}, ${header.state})");
        reply("api-simple-config-save", "simpleConfigApi", "saveSimpleConfig(${header.type}, ${header.state}, ${body})");
        reply("api-simple-config-delete", "simpleConfigApi", "deleteSimpleConfig(${header.type}, ${header.state})");
    }

    private static RestDefinition both(RestDefinition verb) {
        return path(path(verb, "type", "a simple device type"), "state", "an alert state's name");
    }
}
