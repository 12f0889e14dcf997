package prism.store.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import prism.core.scheme.FittedModel;

/**
 * A fitted model as RUN_SCHEME.MODEL holds it: a line per parameter ({@code p NAME=VALUE}) and per
 * measure of fit ({@code f NAME=VALUE}), values in full precision, or one line {@code cannot REASON}.
 */
public final class ModelText {

    private ModelText() {
    }

    public static String write(FittedModel m) {
        if (m == null) {
            return null;
        }
        if (!m.fitted()) {
            return "cannot " + m.cannotFit().replace('\n', ' ');
        }
        StringBuilder b = new StringBuilder();
        m.parameters().forEach((k, v) -> b.append("p ").append(k).append('=').append(v).append('\n'));
        m.fit().forEach((k, v) -> b.append("f ").append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    public static FittedModel read(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.startsWith("cannot ")) {
            return FittedModel.cannotFit(text.substring(7));
        }
        Map<String, Double> parameters = new LinkedHashMap<>(), fit = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (line.length() > 2 && eq > 2) {
                (line.charAt(0) == 'p' ? parameters : fit).put(line.substring(2, eq), Double.parseDouble(line.substring(eq + 1)));
            }
        }
        return new FittedModel(parameters, fit, null);
    }
}
