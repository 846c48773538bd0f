package org.staffcard.authenticator.revocation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;

/**
 * Fetches revocation data over plain HTTP, the way OCSP responders and CRL distribution points are served
 * (RFC 6960 appendix A, RFC 5280 section 4.2.1.13). Every call is bounded: a connect timeout, a read timeout for
 * each wait on the socket, an overall deadline, and a size limit, so a responder that hangs or trickles bytes holds
 * a sign-in for a few seconds at most.
 */
final class RevocationTransport {

    private final Duration connectTimeout;
    private final Duration readTimeout;

    RevocationTransport(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    byte[] post(URI uri, String contentType, byte[] body, int maxBytes) throws RevocationDataException {
        return exchange(uri, contentType, body, maxBytes);
    }

    byte[] get(URI uri, int maxBytes) throws RevocationDataException {
        return exchange(uri, null, null, maxBytes);
    }

    private byte[] exchange(URI uri, String contentType, byte[] body, int maxBytes) throws RevocationDataException {
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            // Revocation data is signed and needs no TLS; https would bring its own revocation check, and a loop.
            throw new RevocationDataException("revocation address " + uri + " is not an http address");
        }

        long deadline = System.nanoTime() + connectTimeout.plus(readTimeout).toNanos();
        HttpURLConnection connection = null;
        try {
            URL url = uri.toURL();
            connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(millis(connectTimeout));
            connection.setReadTimeout(millis(readTimeout));
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            if (body != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", contentType);
                connection.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(body);
                }
            }

            int status = connection.getResponseCode();
            if (status != HttpURLConnection.HTTP_OK) {
                throw new RevocationDataException(uri + " answered HTTP " + status);
            }
            long declared = connection.getContentLengthLong();
            if (declared > maxBytes) {
                throw new RevocationDataException(uri + " announces " + declared + " bytes, more than the "
                        + maxBytes + " accepted");
            }
            try (InputStream in = connection.getInputStream()) {
                return readBounded(in, uri, maxBytes, deadline);
            }
        } catch (SocketTimeoutException e) {
            throw new RevocationDataException(uri + " did not answer in time (connect " + connectTimeout.toMillis()
                    + " ms, read " + readTimeout.toMillis() + " ms)", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new RevocationDataException(uri + " could not be reached: " + e.getMessage(), e);
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private byte[] readBounded(InputStream in, URI uri, int maxBytes, long deadline)
            throws IOException, RevocationDataException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = in.read(buffer)) != -1) {
            out.write(buffer, 0, read);
            if (out.size() > maxBytes) {
                throw new RevocationDataException(uri + " sent more than the " + maxBytes + " bytes accepted");
            }
            if (System.nanoTime() > deadline) {
                throw new RevocationDataException(uri + " did not finish its answer within "
                        + connectTimeout.plus(readTimeout).toMillis() + " ms");
            }
        }
        return out.toByteArray();
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
