package dev.kompira.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kompira.core.Kompira;
import dev.kompira.core.object.WriteRefusedException;
import dev.kompira.core.object.types.StandardTree;
import dev.kompira.core.schedule.Schedule;
import dev.kompira.core.schedule.ScheduleFields;
import dev.kompira.core.schedule.Schedules;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The schedule routes: list, show, add, remove the Schedule objects of the engine's tree (J237). An
 * add or a remove is a write of the tree, one commit of a Git store, checked as {@code kompira schedule
 * add} checks it. Thread-safe: it keeps no state of its own.
 */
final class ScheduleApi {

    private static final List<String> TIME_FIELDS = List.of("year", "month", "day", "week", "day_of_week", "hour", "minute");
    private static final Set<String> ADD_FIELDS = Set.of("name", "job", "parameters", "disabled", "year", "month", "day",
            "week", "day_of_week", "hour", "minute");

    private final Kompira engine;

    ScheduleApi(Kompira engine) {
        this.engine = engine;
    }

    /** {@code GET /api/v1/schedules}: every schedule, by id, with its next run time. */
    void list(Context ctx) {
        Schedules schedules = engine.schedules();
        ObjectNode body = Http.JSON.createObjectNode();
        ArrayNode list = body.putArray("schedules");
        schedules.list().forEach(s -> list.add(view(schedules, s)));
        Http.send(ctx, 200, body);
    }

    /** {@code GET /api/v1/schedules/{name}}. */
    void show(Context ctx) {
        Schedules schedules = engine.schedules();
        Http.send(ctx, 200, view(schedules, schedule(ctx, schedules)));
    }

    /** {@code POST /api/v1/schedules}: adds a schedule, as {@code kompira schedule add} does. */
    void add(Context ctx) {
        JsonNode body = Http.jsonBody(ctx);
        if (!body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object: {\"name\": ..., \"job\": \"/flows/x\", \"hour\": \"2\", ...}");
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!ADD_FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field \"" + name + "\": a schedule has name, job, parameters, disabled, "
                        + String.join(", ", TIME_FIELDS));
            }
        }
        String name = text(body, "name", true);
        String job = text(body, "job", true);
        if (name.isBlank()) {
            throw ApiException.badRequest("\"name\" must not be empty");
        }
        JsonNode disabled = body.path("disabled");
        if (!disabled.isMissingNode() && !disabled.isBoolean()) {
            throw ApiException.badRequest("\"disabled\" must be true or false");
        }
        ScheduleFields fields = new ScheduleFields(field(body, "year"), field(body, "month"), field(body, "day"),
                field(body, "week"), field(body, "day_of_week"), field(body, "hour"), field(body, "minute"));
        Schedules schedules = engine.schedules();
        Schedule added;
        try {
            added = schedules.add(name, job, parameters(body.get("parameters")), fields, disabled.asBoolean(false));
        } catch (WriteRefusedException e) {
            throw new ApiException(422, "schedule_refused", e.getMessage());
        }
        ctx.header("Location", "/api/v1/schedules/" + added.id());
        Http.send(ctx, 201, view(schedules, added));
    }

    /** {@code DELETE /api/v1/schedules/{name}}. */
    void remove(Context ctx) {
        Schedules schedules = engine.schedules();
        Schedule s = schedule(ctx, schedules);
        try {
            schedules.remove(s.id());
        } catch (java.util.NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        }
        ctx.status(204);
    }

    /** The schedule a path parameter names: by its id, or by its object's name under {@code /system/schedules}. */
    private static Schedule schedule(Context ctx, Schedules schedules) {
        String given = ctx.pathParam("name");
        if (!given.isEmpty() && given.chars().allMatch(Character::isDigit)) {
            long id;
            try {
                id = Long.parseLong(given);
            } catch (NumberFormatException tooLong) {
                throw ApiException.notFound("no schedule with id " + given);
            }
            return schedules.get(id).orElseThrow(() -> ApiException.notFound("no schedule with id " + given));
        }
        String path = StandardTree.SCHEDULES_DIRECTORY + "/" + given;
        return schedules.list().stream().filter(s -> s.path().equals(path)).findFirst()
                .orElseThrow(() -> ApiException.notFound("no schedule " + path));
    }

    private static ObjectNode view(Schedules schedules, Schedule s) {
        ObjectNode v = Http.JSON.createObjectNode();
        v.put("id", s.id());
        v.put("path", s.path());
        v.put("name", s.name());
        v.put("description", s.description());
        v.put("job", schedules.jobPath(s).orElse(null));
        ArrayNode parameters = v.putArray("parameters");
        s.parameters().forEach(parameters::add);
        ScheduleFields f = s.fields();
        String[] values = {f.year(), f.month(), f.day(), f.week(), f.dayOfWeek(), f.hour(), f.minute()};
        for (int i = 0; i < values.length; i++) {
            v.put(TIME_FIELDS.get(i), values[i]);
        }
        v.put("disabled", s.disabled());
        v.put("next_run_time", s.disabled() ? null
                : schedules.nextRunTime(s).map(t -> t.toOffsetDateTime().toString()).orElse(null));
        return v;
    }

    private static String text(JsonNode body, String name, boolean required) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                throw ApiException.badRequest("\"" + name + "\" is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("\"" + name + "\" must be a string");
        }
        return v.textValue();
    }

    /** A time field: a string as written ({@code "mon-fri"}, {@code "*&#47;5"}), or a whole number. */
    private static String field(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v != null && v.isIntegralNumber()) {
            return v.asText();
        }
        String text = text(body, name, false);
        return text == null || text.isBlank() ? null : text;
    }

    private static List<String> parameters(JsonNode given) {
        List<String> parameters = new ArrayList<>();
        if (given == null || given.isNull()) {
            return parameters;
        }
        if (!given.isArray()) {
            throw ApiException.badRequest("\"parameters\" must be an array of jobflow expressions, such as [\"'db'\", \"42\"]");
        }
        for (JsonNode p : given) {
            if (!p.isTextual()) {
                throw ApiException.badRequest("\"parameters\" must hold jobflow expressions as strings, such as \"'db'\", got " + p);
            }
            parameters.add(p.textValue());
        }
        return parameters;
    }
}
