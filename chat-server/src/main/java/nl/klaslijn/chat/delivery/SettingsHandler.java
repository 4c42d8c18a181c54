package nl.klaslijn.chat.delivery;

import nl.klaslijn.chat.settings.Preferences;

/** {@code SETTINGS}: this node forgets its cached settings of the user, or of the school when the user is NONE. */
final class SettingsHandler implements LiveEventHandler {

    private final Preferences preferences;

    SettingsHandler(Preferences preferences) {
        this.preferences = preferences;
    }

    @Override
    public LiveEvent.Kind kind() {
        return LiveEvent.Kind.SETTINGS;
    }

    @Override
    public void handle(LiveEvent event) {
        if (event.user().equals(LiveEvent.NONE)) {
            preferences.forgetSchool(event.school());
        } else {
            preferences.forgetUser(event.school(), event.user());
        }
    }
}
