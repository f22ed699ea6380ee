package dev.stoa.common.auth;

/** The kind of credential a platform token was issued for (the {@code typ} claim). */
public enum TokenType {
    /** A person who logged in. */
    USER("user"),
    /** An API key exchanged at the gateway. */
    API_KEY("api_key"),
    /** An SDK secret: valid on the SDK WebSocket only. */
    SDK("sdk"),
    /** A platform service acting for nobody in particular (jobs, consumers). */
    SERVICE("service");

    private final String wire;

    TokenType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static TokenType fromWire(String value) {
        for (TokenType type : values()) {
            if (type.wire.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown token type");
    }
}
