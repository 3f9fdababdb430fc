package org.skaben.access;

import java.util.List;

/** A code opens a lock while one of these alert states (ids) is current. */
public record Permission(long id, String code, String lockUid, List<Integer> stateIds) {
}
