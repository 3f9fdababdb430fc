package org.skaben.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.InputStream;
import java.util.concurrent.Callable;
import org.apache.camel.Exchange;
import org.apache.camel.component.jackson.JacksonDataFormat;

/**
 * The REST binding's JSON data format ({@code restConfiguration().jsonDataFormat("skaben-api-json")}, found
 * through META-INF/services/org/apache/camel/dataformat): camel-jackson with {@link ApiJson#MAPPER}, and a body
 * it cannot read becomes a {@link BadBody} naming the problem rather than an exception.
 */
public class ApiJsonFormat extends JacksonDataFormat {

    public ApiJsonFormat() {
        setObjectMapper(ApiJson.MAPPER);
        setUseDefaultObjectMapper(false);
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return orBadBody(() -> super.unmarshal(exchange, stream));
    }

    @Override
    public Object unmarshal(Exchange exchange, Object body) throws Exception {
        return orBadBody(() -> super.unmarshal(exchange, body));
    }

    private static Object orBadBody(Callable<Object> read) throws Exception {
        try {
            return read.call();
        } catch (JsonProcessingException e) {
            return new BadBody(ApiJson.reason(e));
        }
    }
}
