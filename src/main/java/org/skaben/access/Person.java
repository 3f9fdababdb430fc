package org.skaben.access;

/** A player character or a game master; owns access codes. */
public record Person(long id, String name, String role) {
}
