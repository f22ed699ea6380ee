package dev.stoa.eval.peers;

import com.google.protobuf.ListValue;
import com.google.protobuf.NullValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** JSON objects as protobuf {@link Struct}s (a case's context as the turn's prompt variables). */
final class Structs {
    private Structs() {}

    static Struct of(JsonNode object) {
        Struct.Builder struct = Struct.newBuilder();
        for (Map.Entry<String, JsonNode> member : object.properties()) {
            struct.putFields(member.getKey(), value(member.getValue()));
        }
        return struct.build();
    }

    private static Value value(JsonNode node) {
        if (node.isObject()) {
            return Value.newBuilder().setStructValue(of(node)).build();
        }
        if (node.isArray()) {
            ListValue.Builder list = ListValue.newBuilder();
            node.forEach(item -> list.addValues(value(item)));
            return Value.newBuilder().setListValue(list).build();
        }
        if (node.isNumber()) {
            return Value.newBuilder().setNumberValue(node.asDouble()).build();
        }
        if (node.isBoolean()) {
            return Value.newBuilder().setBoolValue(node.asBoolean()).build();
        }
        if (node.isNull()) {
            return Value.newBuilder().setNullValue(NullValue.NULL_VALUE).build();
        }
        return Value.newBuilder().setStringValue(node.asString()).build();
    }
}
