package org.staffcard.staffimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads comma-separated records as RFC 4180 writes them: fields may be quoted, a quote inside a quoted field is
 * doubled, a quoted field may hold commas and line breaks; lines end in CRLF or LF. The text must be UTF-8, with or
 * without the byte order mark that spreadsheet programs put in front; anything else is refused rather than guessed,
 * because a Shift_JIS file read as UTF-8 would import every Japanese name as garbage.
 */
public final class CsvReader {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private CsvReader() {
    }

    public static List<CsvRecord> read(InputStream in) throws IOException, CsvFormatException {
        return parse(decode(in.readAllBytes()));
    }

    static String decode(byte[] bytes) throws CsvFormatException {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer text = utf8.decode(ByteBuffer.wrap(bytes));
            String decoded = text.toString();
            return !decoded.isEmpty() && decoded.charAt(0) == BYTE_ORDER_MARK ? decoded.substring(1) : decoded;
        } catch (CharacterCodingException e) {
            throw new CsvFormatException("the file is not UTF-8 text; save it as \"CSV UTF-8\" and try again");
        }
    }

    static List<CsvRecord> parse(String text) throws CsvFormatException {
        List<CsvRecord> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean fieldWasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                i++;
                continue;
            }

            if (c == '"' && field.isEmpty() && !fieldWasQuoted) {
                quoted = true;
                fieldWasQuoted = true;
            } else if (c == '"') {
                throw new CsvFormatException("line " + line + ": a quote inside an unquoted field; quote the whole"
                        + " field and double the quote");
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                i++;
                continue;
            } else if (c == '\n') {
                fields.add(field.toString());
                records.add(new CsvRecord(recordLine, fields));
                fields = new ArrayList<>();
                field.setLength(0);
                fieldWasQuoted = false;
                line++;
                recordLine = line;
            } else if (fieldWasQuoted) {
                throw new CsvFormatException("line " + line + ": text after a closing quote");
            } else {
                field.append(c);
            }
            i++;
        }

        if (quoted) {
            throw new CsvFormatException("line " + recordLine + ": a quoted field is never closed");
        }
        if (!field.isEmpty() || !fields.isEmpty() || fieldWasQuoted) {
            fields.add(field.toString());
            records.add(new CsvRecord(recordLine, fields));
        }
        return records;
    }
}
