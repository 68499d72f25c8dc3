package dev.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * Where the request is not Undertow's, {@link UpgradeExchange} finds nothing to release and changes nothing; that it
 * releases Undertow's is {@code UpgradeRequestIT}'s, on WildFly.
 */
class UpgradeExchangeTest {

    /** A request shaped like Undertow's (an exchange with a connection) on a class path without Undertow. */
    public static final class LookAlike extends ServletRequestWrapper {

        public LookAlike(ServletRequest request) {
            super(request);
        }

        public Exchange getExchange() {
            return new Exchange();
        }
    }

    public static final class Exchange {

        public Object getConnection() {
            return new Object();
        }
    }

    private static HttpServletRequest plain() {
        return (HttpServletRequest) Proxy.newProxyInstance(UpgradeExchangeTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> null);
    }

    @Test
    void aRequestOfAnotherContainerIsLeftAsItIs() {
        HttpServletRequest request = plain();
        assertNull(UpgradeExchange.releaserOf(request));
        assertNull(UpgradeExchange.releaserOf(request), "and again, from what was found the first time");
    }

    @Test
    void aRequestThatOnlyLooksLikeUndertowsIsLeftAsItIs() {
        assertNull(UpgradeExchange.releaserOf(new LookAlike(plain())));
    }
}
