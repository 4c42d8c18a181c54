/**
 * The Netty transport of the chat server: HTTP, origin check, WebSocket handshake and frames, STOMP 1.2
 * codec, authentication on CONNECT and dispatch to the chat core. {@link nl.klaslijn.chat.edge.EdgeInitializer}
 * shows the pipeline top to bottom; {@link nl.klaslijn.chat.edge.ChatEdgeServer} starts and stops it.
 *
 * <p>Threading: every handler runs on its channel's event loop. {@link nl.klaslijn.chat.edge.NettyConnection}
 * is the one class the chat core calls from other threads.
 */
@NullMarked
package nl.klaslijn.chat.edge;

import org.jspecify.annotations.NullMarked;
