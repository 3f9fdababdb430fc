package org.skaben.access;

/** A card number or keypad code ({@code kind} card or code), owned by a person. */
public record AccessCode(String code, long personId, String kind) {
}
