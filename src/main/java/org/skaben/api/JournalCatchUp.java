package org.skaben.api;

import java.util.List;
import java.util.Map;
import org.apache.camel.ProducerTemplate;

/**
 * What a live journal client missed: the entries after an id, oldest first, as GET /api/events shows them. Read
 * through the route that serves GET /api/events?after= (direct:journal-after, api/EventRoutes), so the
 * statements stay in one place.
 */
@FunctionalInterface
public interface JournalCatchUp {

    List<Map<String, Object>> after(long afterId, String uid, String kind, int limit);

    @SuppressWarnings("unchecked")
    static JournalCatchUp through(ProducerTemplate template) {
        return (afterId, uid, kind, limit) -> template.requestBody("direct:journal-after",
                new EventApi.Query(uid, kind, 0, limit, afterId), List.class);
    }
}
