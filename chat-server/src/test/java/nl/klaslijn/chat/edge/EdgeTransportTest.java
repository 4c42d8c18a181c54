package nl.klaslijn.chat.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import org.junit.jupiter.api.Test;

class EdgeTransportTest {

    @Test
    void parsesTheConfigurationNames() {
        assertThat(EdgeTransport.parse("auto")).isEqualTo(EdgeTransport.AUTO);
        assertThat(EdgeTransport.parse(" EPOLL ")).isEqualTo(EdgeTransport.EPOLL);
        assertThat(EdgeTransport.parse("nio")).isEqualTo(EdgeTransport.NIO);
        assertThat(EdgeTransport.EPOLL.wireName()).isEqualTo("epoll");
    }

    @Test
    void refusesAnUnknownName() {
        assertThatThrownBy(() -> EdgeTransport.parse("kqueue"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kqueue").hasMessageContaining("epoll");
    }

    @Test
    void autoMeansEpollWhereItLoadsElseNio() {
        assertThat(EdgeTransport.AUTO.resolve()).isEqualTo(Epoll.isAvailable() ? EdgeTransport.EPOLL : EdgeTransport.NIO);
        assertThat(EdgeTransport.NIO.resolve()).isEqualTo(EdgeTransport.NIO);
    }
}
