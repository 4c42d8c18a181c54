package nl.klaslijn.chat.client;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Names for chat user ids, as far as the portal lets this user see them: the school's staff (school information
 * page) and the teachers and guardians of the user's groups (group information pages), each with the chat user id the
 * portal gives where this user may start a conversation with them. Someone not in the book is shown by the first
 * characters of their id.
 */
final class PeopleBook {

    private final Map<UUID, String> names = new LinkedHashMap<>();

    PeopleBook(Map<UUID, String> names) {
        this.names.putAll(names);
    }

    /** Reads the book from portal-api; pages this user may not see are left out. */
    static PeopleBook read(PortalSession portal) {
        Map<UUID, String> names = new LinkedHashMap<>();
        String school = "/api/schools/" + portal.schoolId();
        addStaff(names, portal.get(school + "/info").path("staff"));
        for (JsonNode group : portal.get(school + "/groups")) {
            JsonNode info;
            try {
                info = portal.get(school + "/groups/" + group.path("groupId").asString() + "/info");
            } catch (PortalException notVisible) {
                continue;
            }
            addStaff(names, info.path("teachers"));
            for (JsonNode classmate : info.path("classmates")) {
                addStaff(names, classmate.path("guardians"));
            }
        }
        return new PeopleBook(names);
    }

    private static void addStaff(Map<UUID, String> names, JsonNode people) {
        for (JsonNode person : people) {
            String id = person.path("chatUserId").asString("");
            if (!id.isEmpty()) {
                names.putIfAbsent(UUID.fromString(id), person.path("name").asString(id));
            }
        }
    }

    /** The person's name, or the first eight characters of the id for someone this user cannot see. */
    String name(String userId) {
        try {
            String name = names.get(UUID.fromString(userId));
            if (name != null) {
                return name;
            }
        } catch (IllegalArgumentException notAnId) {
            // shown as given
        }
        return userId.length() > 8 ? userId.substring(0, 8) : userId;
    }

    Map<UUID, String> everyone() {
        return names;
    }

    /**
     * The one person {@code query} names: their whole name's handle ({@code juf-anna}) or one word of it
     * ({@code anna}), or the start of their id. Fails with a message naming the candidates when there are none or
     * several.
     */
    UUID find(String query, UUID self) {
        String wanted = handle(query);
        List<Map.Entry<UUID, String>> exact = new ArrayList<>();
        List<Map.Entry<UUID, String>> partial = new ArrayList<>();
        for (Map.Entry<UUID, String> person : names.entrySet()) {
            if (person.getKey().equals(self)) {
                continue;
            }
            String h = handle(person.getValue());
            if (h.equals(wanted) || person.getKey().toString().equals(query)) {
                exact.add(person);
            } else if (List.of(h.split("-")).contains(wanted)
                    || (query.length() >= 4 && person.getKey().toString().startsWith(query))) {
                partial.add(person);
            }
        }
        List<Map.Entry<UUID, String>> found = exact.isEmpty() ? partial : exact;
        if (found.size() == 1) {
            return found.get(0).getKey();
        }
        String known = String.join(", ", names.entrySet().stream().filter(e -> !e.getKey().equals(self))
                .map(e -> handle(e.getValue())).toList());
        throw new IllegalArgumentException(found.isEmpty()
                ? "nobody called '" + query + "' that you can chat with; known: " + known
                : "'" + query + "' could be " + String.join(", ", found.stream().map(e -> handle(e.getValue())).toList()));
    }

    Optional<String> nameOf(UUID userId) {
        return Optional.ofNullable(names.get(userId));
    }

    /** A name or title as a handle: lower case, accents dropped, every run of other characters one dash. */
    static String handle(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
