package org.skaben.game;

/** A game master's or a rule's request that cannot be carried out: the status a REST caller gets, and why. */
public class GameRefused extends RuntimeException {

    private final int status;

    public GameRefused(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
