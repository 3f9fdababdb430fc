package org.skaben.access;

/** A player character or a game master; owns access codes. The description is free text (empty when none). */
public record Person(long id, String name, String role, String description) {

    public Person(long id, String name, String role) {
        this(id, name, role, "");
    }
}
