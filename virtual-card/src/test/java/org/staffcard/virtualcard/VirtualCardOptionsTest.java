package org.staffcard.virtualcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VirtualCardOptionsTest {

    @Test
    void demoAloneUsesTheFirstVpcdSlotOnLoopback() throws UsageException {
        VirtualCardOptions options = VirtualCardOptions.parse(new String[] {"--demo"});

        assertThat(options.vpcdHost()).isEqualTo("127.0.0.1");
        assertThat(options.vpcdPort()).isEqualTo(35963);
        assertThat(options.quirks()).isEqualTo(CardQuirks.NONE);
    }

    @Test
    void portAndQuirksAreTaken() throws UsageException {
        VirtualCardOptions options = VirtualCardOptions.parse(
                new String[] {"--vpcd-port", "35964", "--demo", "--quirk-get-response", "--quirk-wrong-le"});

        assertThat(options.vpcdPort()).isEqualTo(35964);
        assertThat(options.quirks()).isEqualTo(new CardQuirks(true, true));
    }

    @Test
    void withoutDemoThereIsNoCardToInsert() {
        assertThatThrownBy(() -> VirtualCardOptions.parse(new String[0])).isInstanceOf(UsageException.class)
                .hasMessageContaining("--demo");
    }

    @Test
    void portOutsideTheTcpRangeIsRefused() {
        assertThatThrownBy(() -> VirtualCardOptions.parse(new String[] {"--demo", "--vpcd-port", "70000"}))
                .isInstanceOf(UsageException.class);
    }
}
