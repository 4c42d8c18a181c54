package nl.klaslijn.portal.privacy;

/** A contact detail that can be shared one by one. Staff profiles have no ADDRESS. */
public enum ContactField { PHONE, EMAIL, ADDRESS, PHOTO }
