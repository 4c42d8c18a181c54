package nl.klaslijn.chat.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import nl.klaslijn.chat.core.http.HttpCall;
import nl.klaslijn.chat.core.http.HttpReply;
import nl.klaslijn.chat.portalevents.PortalEvents;
import nl.klaslijn.chat.protocol.ErrorCode;
import nl.klaslijn.chat.protocol.RequestException;
import nl.klaslijn.chat.protocol.Wire;
import nl.klaslijn.common.events.PortalEvent;
import nl.klaslijn.common.events.PortalEventJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal event road's internal routes (docs/protocol.md, section 7):
 * {@code POST .../events} {@code {"events":[...]}} (1 to {@value #MAX_EVENTS} events of the school: 200
 * {@code {"accepted":n,"duplicates":m}}; a malformed body 400, an invalid or foreign event 422 naming its index, a
 * body over {@value #MAX_BODY_BYTES} bytes 413), {@code PUT .../pupils/{pupil}/guardians} {@code {"guardians":[...]}}
 * (the whole set) and {@code DELETE .../pupils/{pupil}} (idempotent).
 */
public final class PortalEventRoutes implements InternalRoutes {

    static final int MAX_EVENTS = 100;
    /** 100 events of at most 1 KB each, and the envelope. */
    static final int MAX_BODY_BYTES = MAX_EVENTS * (PortalEventJson.MAX_BYTES + 1) + 64;
    private static final int MAX_GUARDIANS = 50;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** Body of PUT .../pupils/{pupil}/guardians. */
    record PutGuardians(@Nullable List<String> guardians) {}

    private final PortalEvents events;

    public PortalEventRoutes(PortalEvents events) {
        this.events = events;
    }

    @Override
    public @Nullable CompletionStage<HttpReply> route(HttpCall call, UUID school, String[] parts) {
        if (parts.length == 2 && parts[1].equals("events") && call.method().equals("POST")) {
            if (call.body().length > MAX_BODY_BYTES) {
                return done(HttpReply.problem(413, "Content Too Large",
                        "an events body holds at most " + MAX_BODY_BYTES + " bytes"));
            }
            List<PortalEvent> batch;
            try {
                batch = decode(school, call.body());
            } catch (Refused r) {
                return done(HttpReply.problem(r.status, r.status == 400 ? "Bad Request" : "Unprocessable Content",
                        r.getMessage()));
            }
            return events.ingest(school, batch).thenApply(done -> HttpReply.json(200,
                    Wire.encode(Map.of("accepted", done.accepted(), "duplicates", done.duplicates()))));
        }
        if (parts.length == 4 && parts[1].equals("pupils") && parts[3].equals("guardians")
                && call.method().equals("PUT")) {
            UUID pupil = Wire.uuid(parts[2], "pupil id");
            List<String> listed = Wire.decode(call.body(), PutGuardians.class).guardians();
            if (listed == null || listed.size() > MAX_GUARDIANS) {
                throw new RequestException(ErrorCode.MALFORMED_BODY,
                        "guardians must list 0 to " + MAX_GUARDIANS + " account ids");
            }
            Set<UUID> guardians = new LinkedHashSet<>();
            for (String id : listed) {
                guardians.add(Wire.uuid(id, "guardians[]"));
            }
            return events.putGuardians(school, pupil, guardians).thenApply(done -> ok());
        }
        if (parts.length == 3 && parts[1].equals("pupils") && call.method().equals("DELETE")) {
            return events.removePupil(school, Wire.uuid(parts[2], "pupil id")).thenApply(done -> ok());
        }
        return null;
    }

    /** Every event decoded and of this school, or a refusal naming the first bad one by index. */
    private static List<PortalEvent> decode(UUID school, byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new Refused(400, "the body is not JSON");
        }
        JsonNode list = root == null ? null : root.get("events");
        if (list == null || !list.isArray() || root.size() != 1) {
            throw new Refused(400, "the body must be {\"events\":[...]}");
        }
        if (list.isEmpty() || list.size() > MAX_EVENTS) {
            throw new Refused(400, "events must hold 1 to " + MAX_EVENTS + " events, got " + list.size());
        }
        List<PortalEvent> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            PortalEvent event;
            try {
                event = PortalEventJson.decode(MAPPER.writeValueAsBytes(list.get(i)));
            } catch (IllegalArgumentException e) {
                throw new Refused(422, "events[" + i + "]: " + e.getMessage());
            }
            if (!event.schoolId().equals(school)) {
                throw new Refused(422, "events[" + i + "].schoolId is not the school of the path");
            }
            out.add(event);
        }
        return out;
    }

    private static HttpReply ok() {
        return HttpReply.json(200, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static CompletionStage<HttpReply> done(HttpReply reply) {
        return java.util.concurrent.CompletableFuture.completedFuture(reply);
    }

    private static final class Refused extends RuntimeException {
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }
}
