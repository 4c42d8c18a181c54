/**
 * The local start's SMTP sink: {@link nl.klaslijn.devstack.mail.MailSink} accepts every mail sent to it (GreenMail's
 * SMTP server on loopback) and writes each one as an {@code .eml} file into a folder, where a person reads it. Local
 * start and tests only: the production jars hold no devstack.
 */
@NullMarked
package nl.klaslijn.devstack.mail;

import org.jspecify.annotations.NullMarked;
