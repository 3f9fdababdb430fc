package org.skaben.api;

/** What every refused request answers (4xx, or 500): the reason, naming the bad field by its path where one is. */
public record ApiError(String error) {
}
