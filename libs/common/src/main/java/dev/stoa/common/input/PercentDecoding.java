package dev.stoa.common.input;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Strict percent-decoding of URI components: a malformed escape ({@code %%}, {@code %zz}, a trailing {@code %}) or
 * bytes that are not UTF-8 make the component unreadable, where lenient decoders would guess (U+FFFD, or the raw
 * text) and let the request go on with a value its sender never meant.
 */
public final class PercentDecoding {
    private PercentDecoding() {}

    /**
     * The decoded component, or null when it is not valid percent-encoded UTF-8.
     *
     * @param plusIsSpace whether {@code +} means a space (query components, as HTML forms encode them)
     */
    public static @Nullable String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        int literal = 0; // start of the run of characters not yet copied
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%' && !(c == '+' && plusIsSpace)) {
                continue;
            }
            bytes.writeBytes(raw.substring(literal, i).getBytes(StandardCharsets.UTF_8));
            if (c == '+') {
                bytes.write(' ');
            } else if (i + 2 < raw.length()
                    && HexFormat.isHexDigit(raw.charAt(i + 1))
                    && HexFormat.isHexDigit(raw.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                i += 2;
            } else {
                return null;
            }
            literal = i + 1;
        }
        bytes.writeBytes(raw.substring(literal).getBytes(StandardCharsets.UTF_8));
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
