package io.segursdk.samples.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The command end to end: a CSV in, the in-process INSi simulator, the terminal output and the result CSV. */
class BatchAppTest {

    @TempDir
    Path dir;

    private Path patients() throws Exception {
        Path file = dir.resolve("patients.csv");
        try (InputStream in = BatchAppTest.class.getResourceAsStream("/patients.csv")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void everyInputRowGetsOneResultRowInOrder() throws Exception {
        Path input = patients();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = new CommandLine(new BatchApp())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(input.toString(), "--rate", "50", "--concurrency", "4");

        assertThat(code).as(err.toString()).isZero();
        Path result = dir.resolve("patients.result.csv");
        List<String> lines = Files.readAllLines(result, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("line,id,operation,status,insiOutcome,ins,insOid,identityStatus,detail");
        List<List<String>> rows = lines.subList(1, lines.size()).stream().map(Csv::parseLine).toList();
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("2", "3", "4", "5", "6", "8", "9", "10");
        assertThat(rows).extracting(r -> r.get(1)).containsExactly("P1", "P2", "P3", "P4", "", "P6", "P7", "P8");
        assertThat(rows).extracting(r -> r.get(3)).containsExactly(
                "QUALIFIED", "RETRIEVED", "NO_MATCH", "NO_MATCH", "INVALID", "INVALID", "INVALID", "QUALIFIED");
        assertThat(rows).extracting(r -> r.get(4)).containsExactly(
                "FOUND", "FOUND", "NOT_FOUND", "SEVERAL_FOUND", "", "", "", "VERIFIED");
        assertThat(rows.get(0).get(5)).isEqualTo("284053523811778");
        assertThat(rows.get(0).get(7)).isEqualTo("QUALIFIED");
        assertThat(rows.get(1).get(7)).isEqualTo("RETRIEVED");
        assertThat(rows.get(7).get(2)).isEqualTo("VERIFY");
        assertThat(rows.get(4).get(8)).contains("quoted field is not closed");
        assertThat(rows.get(5).get(8)).contains("sex", "birthDate");
        assertThat(rows.get(6).get(8)).contains("expected 9 columns, found 3");

        String terminal = out.toString();
        assertThat(terminal).contains("Summary: 8 row(s)", "QUALIFIED  2", "RETRIEVED  1", "NO_MATCH   2",
                "INVALID    3", "ERROR      0", "line 6: INVALID", "line 9: INVALID");
        assertThat(terminal).as("no patient data on the terminal")
                .doesNotContainIgnoringCase("brandeville").doesNotContain("284053523811778");
        assertThat(err.toString()).contains("[##############################] 8/8 (100%)");
    }

    @Test
    void aFileWithoutTheRequiredColumnsIsRefusedWithTheirNames() throws Exception {
        Path input = dir.resolve("bad.csv");
        Files.writeString(input, "name,born\nX,2000-01-01\n");
        StringWriter err = new StringWriter();

        int code = new CommandLine(new BatchApp()).setErr(new PrintWriter(err)).execute(input.toString());

        assertThat(code).isNotZero();
        assertThat(err.toString()).contains("lacks the column(s) [birthName, firstNames, sex, birthDate]");
        assertThat(dir.resolve("bad.result.csv")).doesNotExist();
    }
}
