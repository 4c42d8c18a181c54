/** Node identity: the Cassandra lease that makes a node id unique, and the clock check that lets a node issue ids. */
package nl.klaslijn.chat.nodes;
