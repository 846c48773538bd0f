package org.staffcard.it;

import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The cookies of one simulated browser, thrown away before each of its sign-ins so that every sign-in starts without
 * a session, while the HTTP client that holds this jar (and its connections and threads) is kept.
 */
final class FreshCookieJar extends CookieHandler {

    private volatile LoopbackCookieJar cookies = new LoopbackCookieJar();

    /** Forgets every cookie, as a new private browser window would. */
    void empty() {
        cookies = new LoopbackCookieJar();
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        return cookies.get(uri, requestHeaders);
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        cookies.put(uri, responseHeaders);
    }
}
