package org.staffcard.virtualcard;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketOption;
import jdk.net.ExtendedSocketOptions;

/**
 * vpcd's framing: a 2-byte big-endian length, then that many bytes. A one-byte frame is a control message, a
 * longer one a command APDU.
 */
final class VpcdFrames {

    private static final int MAX_FRAME = 0xFFFF;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean quickAck;

    VpcdFrames(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        socket.setTcpNoDelay(true);
        SocketOption<Boolean> option = ExtendedSocketOptions.TCP_QUICKACK;
        this.quickAck = socket.supportedOptions().contains(option);
    }

    /** The next frame's payload, or null when vpcd closed the link. */
    byte[] read() throws IOException, VpcdProtocolException {
        acknowledgeQuickly();
        int length;
        try {
            length = in.readUnsignedShort();
        } catch (EOFException e) {
            return null;
        }
        if (length == 0) {
            throw new VpcdProtocolException("vpcd sent an empty frame");
        }
        acknowledgeQuickly();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    void write(byte[] payload) throws IOException {
        if (payload.length > MAX_FRAME) {
            throw new IllegalArgumentException("a vpcd frame holds at most " + MAX_FRAME + " bytes");
        }
        byte[] frame = new byte[payload.length + 2];
        frame[0] = (byte) (payload.length >> 8);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        // One write, so vpcd never waits for a delayed second segment.
        out.write(frame);
        out.flush();
    }

    /**
     * Linux turns quick acknowledgement off again after some segments, and Debian's vpcd writes the length and the
     * body of a frame separately; without a fresh TCP_QUICKACK before each read, the delayed ACK holds vpcd's second
     * write back and every APDU costs about 43 ms.
     */
    private void acknowledgeQuickly() throws IOException {
        if (quickAck) {
            socket.setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
        }
    }
}
