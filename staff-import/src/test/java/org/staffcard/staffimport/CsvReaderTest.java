package org.staffcard.staffimport;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws Exception {
        List<CsvRecord> records = CsvReader.parse("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,\n");

        assertThat(records).containsExactly(
                new CsvRecord(1, List.of("a", "b,c", "say \"hi\"")),
                new CsvRecord(2, List.of("two\nlines", "x", "")));
    }

    @Test
    void numbersEachRecordByTheLineItStartsOn() throws Exception {
        List<CsvRecord> records = CsvReader.parse("h\n\"multi\nline\"\nthird\n");

        assertThat(records).extracting(CsvRecord::line).containsExactly(1, 2, 4);
    }

    @Test
    void readsTheLastRecordWithoutALineBreak() throws Exception {
        assertThat(CsvReader.parse("a,b\nc,d")).extracting(CsvRecord::fields)
                .containsExactly(List.of("a", "b"), List.of("c", "d"));
    }

    @Test
    void dropsTheUtf8ByteOrderMarkThatSpreadsheetsWrite() throws Exception {
        byte[] withBom = "\uFEFF職員番号,姓\n".getBytes(StandardCharsets.UTF_8);

        List<CsvRecord> records = CsvReader.read(new ByteArrayInputStream(withBom));

        assertThat(records.get(0).fields()).containsExactly("職員番号", "姓");
    }

    @Test
    void refusesShiftJisInsteadOfImportingGarbledNames() {
        byte[] shiftJis = "職員番号,姓\n".getBytes(Charset.forName("Shift_JIS"));

        assertThatThrownBy(() -> CsvReader.read(new ByteArrayInputStream(shiftJis)))
                .isInstanceOf(CsvFormatException.class).hasMessageContaining("not UTF-8");
    }

    @Test
    void refusesAQuotedFieldThatIsNeverClosed() {
        assertThatThrownBy(() -> CsvReader.parse("a,b\nc,\"open\nd,e\n"))
                .isInstanceOf(CsvFormatException.class).hasMessage("line 2: a quoted field is never closed");
    }

    @Test
    void refusesAStrayQuoteInsideAnUnquotedField() {
        assertThatThrownBy(() -> CsvReader.parse("a,b\nc,d\"e\n"))
                .isInstanceOf(CsvFormatException.class).hasMessageStartingWith("line 2: a quote inside");
    }
}
