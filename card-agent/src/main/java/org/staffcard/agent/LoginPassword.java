package org.staffcard.agent;

import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The staff member's password for {@code login}: typed at the terminal without echo, or read from standard input
 * for a PC logon module. PAM's pam_exec with expose_authtok writes the password followed by a NUL byte; a line end
 * or the end of input ends it as well. The caller clears the returned characters.
 */
final class LoginPassword {

    /** Far above any password policy; a longer input is not a password. */
    static final int MAX_CHARS = 1024;

    private LoginPassword() {
    }

    static char[] read(boolean fromStdin, InputStream stdin, Console console) throws LoginFailedException {
        if (fromStdin) {
            return fromStream(stdin);
        }
        if (console == null) {
            throw new LoginFailedException(LoginExit.USAGE, "this client needs the password and there is no "
                    + "terminal to ask for it", "give it on standard input with --password-stdin");
        }
        char[] typed = console.readPassword("Password: ");
        if (typed == null || typed.length == 0) {
            throw new LoginFailedException(LoginExit.PASSWORD, "no password was typed", "run login again and type "
                    + "the password of your staff account");
        }
        return typed;
    }

    private static char[] fromStream(InputStream stdin) throws LoginFailedException {
        byte[] bytes = new byte[MAX_CHARS * 4];
        int length = 0;
        try {
            for (int next = stdin.read(); next != -1 && next != 0 && next != '\n'; next = stdin.read()) {
                if (length == bytes.length) {
                    Arrays.fill(bytes, (byte) 0);
                    throw new LoginFailedException(LoginExit.USAGE, "the password on standard input is too long",
                            "send the password alone, ended by a line end or a NUL byte");
                }
                bytes[length++] = (byte) next;
            }
        } catch (IOException e) {
            throw new LoginFailedException(LoginExit.USAGE, "cannot read the password from standard input",
                    "send the password on standard input", e);
        }
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        if (length == 0) {
            throw new LoginFailedException(LoginExit.PASSWORD, "standard input held no password",
                    "send the password on standard input");
        }
        java.nio.CharBuffer chars = java.nio.charset.StandardCharsets.UTF_8.decode(
                java.nio.ByteBuffer.wrap(bytes, 0, length));
        Arrays.fill(bytes, (byte) 0);
        char[] password = new char[chars.remaining()];
        chars.get(password);
        Arrays.fill(chars.array(), '\0');
        return password;
    }
}
