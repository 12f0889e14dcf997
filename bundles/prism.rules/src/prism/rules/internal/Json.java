package prism.rules.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import prism.rules.RuleException;

/** A JSON document read with Jackson's streaming parser into values that remember their line and column. */
public final class Json {

    /** A value (a Map of Node, a List of Node, a String, a Number, a Boolean or null) and where it starts. */
    public record Node(Object value, int line, int column) {
        @SuppressWarnings("unchecked")
        public Map<String, Node> object() {
            return (Map<String, Node>) value;
        }

        @SuppressWarnings("unchecked")
        public List<Node> array() {
            return (List<Node>) value;
        }
    }

    /** No document an analyst writes comes near these; they keep a hostile one from costing memory. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 20).build()).build();

    private Json() {
    }

    public static Node parse(String file, String text) throws RuleException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new RuleException(file, 1, 1, "expected a JSON object, found an empty file");
            }
            Node n = value(file, p, t);
            if (p.nextToken() != null) {
                JsonLocation l = p.currentTokenLocation();
                throw new RuleException(file, l.getLineNr(), l.getColumnNr(), "expected the end of the document after its object");
            }
            return n;
        } catch (JsonParseException e) {
            JsonLocation l = e.getLocation();
            String m = e.getOriginalMessage();
            int cut = m.indexOf('\n');
            throw new RuleException(file, l == null ? 1 : l.getLineNr(), l == null ? 1 : l.getColumnNr(),
                    "malformed JSON: " + (cut > 0 ? m.substring(0, cut) : m));
        } catch (IOException e) {
            throw new RuleException(file, 1, 1, "cannot read: " + e.getMessage());
        }
    }

    private static Node value(String file, JsonParser p, JsonToken t) throws IOException, RuleException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr(), column = at.getColumnNr();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Node> m = new LinkedHashMap<>();
                for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
                    String name = p.currentName();
                    JsonLocation kl = p.currentTokenLocation();
                    if (m.containsKey(name)) {
                        throw new RuleException(file, kl.getLineNr(), kl.getColumnNr(), "duplicate key \"" + name + "\"");
                    }
                    m.put(name, value(file, p, p.nextToken()));
                }
                return new Node(m, line, column);
            }
            case START_ARRAY -> {
                List<Node> l = new ArrayList<>();
                for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
                    l.add(value(file, p, e));
                }
                return new Node(l, line, column);
            }
            case VALUE_STRING -> { return new Node(p.getText(), line, column); }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> { return new Node(p.getNumberValue(), line, column); }
            case VALUE_TRUE -> { return new Node(Boolean.TRUE, line, column); }
            case VALUE_FALSE -> { return new Node(Boolean.FALSE, line, column); }
            case VALUE_NULL -> { return new Node(null, line, column); }
            default -> throw new RuleException(file, line, column, "unexpected " + t);
        }
    }
}
