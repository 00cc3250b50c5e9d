package dev.kompira.core.http;

import dev.kompira.core.value.ArrayValue;
import dev.kompira.core.value.DictionaryValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Rendering;
import dev.kompira.core.value.Value;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} text of a Dictionary, for {@code data} and
 * {@code params} (D115): UTF-8, keys and values in their text form, an Array value repeating its
 * key, {@code null} values left out — what Python's {@code urlencode(..., doseq=True)} writes.
 */
final class FormEncoding {

    private FormEncoding() {
    }

    /** The fields of {@code form} in order, Arrays spread into one field per item and nulls left out. */
    static List<Map.Entry<String, String>> fields(DictionaryValue form) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (Map.Entry<Value, Value> e : form.entries()) {
            String key = Rendering.text(e.getKey());
            List<Value> values = e.getValue() instanceof ArrayValue a ? a.snapshot() : List.of(e.getValue());
            for (Value v : values) {
                if (v != NullValue.NULL) {
                    fields.add(Map.entry(key, Rendering.text(v)));
                }
            }
        }
        return fields;
    }

    /** The encoded text of {@code form}: {@code a=1&b=x+y}. */
    static String encode(DictionaryValue form) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> field : fields(form)) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
