package nl.klaslijn.portal.people;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A guardian (parent, carer) as one school knows them. {@code accountId} is null until they registered. */
public record Guardian(UUID schoolId, UUID guardianId, String name, String email, @Nullable UUID accountId) {}
