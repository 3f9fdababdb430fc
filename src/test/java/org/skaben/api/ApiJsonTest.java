package org.skaben.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/** The API's JSON: a body that cannot be read becomes a refusal naming the field by its path, never an exception. */
class ApiJsonTest {

    private static Object read(String json, Class<?> type) throws Exception {
        ApiJsonFormat format = new ApiJsonFormat();
        format.setUnmarshalType(type);
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            format.setCamelContext(camel);
            format.start();
            Exchange exchange = new DefaultExchange(camel);
            return format.unmarshal(exchange, new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static String refusal(String json, Class<?> type) throws Exception {
        return assertInstanceOf(BadBody.class, read(json, type)).reason();
    }

    @Test
    void aGoodBodyBecomesItsRecord() throws Exception {
        assertEquals(new AlertApi.CounterChange(5, null, "test"),
                read("{\"value\": 5, \"reason\": \"test\"}", AlertApi.CounterChange.class));
        assertEquals(new TypeApi.TypeChanges(true, null, Map.of("a", 1), Map.of("closed", "boolean")),
                read("{\"smart\": true, \"config\": {\"a\": 1}, \"sup_fields\": {\"closed\": \"boolean\"}}",
                        TypeApi.TypeChanges.class));
    }

    @Test
    void aWrongValueIsNamedByItsPath() throws Exception {
        assertEquals("\"value\" must be an integer", refusal("{\"value\": \"5\"}", AlertApi.CounterChange.class));
        assertEquals("\"in_game\" must be a boolean", refusal("{\"in_game\": 1}", AlertApi.AlertStateChanges.class));
        assertEquals("\"sup_fields.closed\" must be a string",
                refusal("{\"sup_fields\": {\"closed\": 1}}", TypeApi.TypeChanges.class));
        assertEquals("\"states\" must be an array",
                refusal("{\"states\": \"green\"}", AccessApi.PermissionChanges.class));
    }

    @Test
    void anUnknownFieldNamesTheKnownOnes() throws Exception {
        assertEquals("unknown field 'age': expected description, name, role",
                refusal("{\"name\": \"Eve\", \"age\": 30}", AccessApi.PersonRequest.class));
    }

    @Test
    void aBodyThatIsNoObjectOrNoJsonIsSaidSo() throws Exception {
        assertEquals("the request body must be a JSON object", refusal("[1]", AlertApi.CounterChange.class));
        assertEquals("the request body must be a JSON object", refusal("[1]", Map.class));
        assertTrue(refusal("{closed", Map.class).startsWith("the request body is not valid JSON: "));
    }

    @Test
    void theTokenValidatorDropsTheBodyOfARequestWithoutTheToken() throws Exception {
        BearerToken token = new BearerToken("secret");
        SessionCookie sessions = new SessionCookie("key", token.digest(), java.time.Duration.ofHours(1),
                java.time.Clock.systemUTC());
        TokenBeforeBody validator = new TokenBeforeBody(new ApiAccess(token, sessions));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            Exchange without = new DefaultExchange(camel);
            without.getIn().setBody("{broken");
            assertNull(validator.validate(without, null));
            assertNull(without.getIn().getBody(), "nothing is read for a request without the token");
            Exchange with = new DefaultExchange(camel);
            with.getIn().setHeader("Authorization", "Bearer secret");
            with.getIn().setBody("{broken");
            assertNull(validator.validate(with, null));
            assertEquals("{broken", with.getIn().getBody());
            // the console's session cookie stands for the token; a forged one does not
            Exchange signedIn = new DefaultExchange(camel);
            String cookie = sessions.signIn("Анна").split(";")[0];
            signedIn.getIn().setHeader("Cookie", "theme=dark; " + cookie);
            signedIn.getIn().setBody("{broken");
            assertNull(validator.validate(signedIn, null));
            assertEquals("{broken", signedIn.getIn().getBody());
            Exchange forged = new DefaultExchange(camel);
            forged.getIn().setHeader("Cookie", cookie.substring(0, cookie.length() - 2) + "xx");
            forged.getIn().setBody("{broken");
            assertNull(validator.validate(forged, null));
            assertNull(forged.getIn().getBody());
        }
    }
}
