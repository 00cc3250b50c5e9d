package dev.kompira.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kompira.store.git.GitHistory.ObjectChange;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReviewBeforeDeployExampleTest {

    @Test
    void aFlowChangedOnABranchIsCheckedDiffedMergedAndDeployed(@TempDir Path work) throws Exception {
        ByteArrayOutputStream narration = new ByteArrayOutputStream();
        ReviewBeforeDeployExample.Outcome outcome = ReviewBeforeDeployExample.run(work,
                new PrintStream(narration, true, StandardCharsets.UTF_8));

        assertEquals("hello from version 1\n", outcome.consoleBefore());
        assertEquals(1, outcome.problemsOfBrokenChange().size(), outcome.problemsOfBrokenChange().toString());
        assertTrue(outcome.problemsOfBrokenChange().get(0).startsWith(ReviewBeforeDeployExample.FLOW_FILE + ":1:34: error:"),
                outcome.problemsOfBrokenChange().get(0));
        assertEquals(0, outcome.problemsOfFix().size(), outcome.problemsOfFix().toString());

        assertEquals(1, outcome.review().size(), outcome.review().toString());
        ObjectChange change = outcome.review().get(0);
        assertEquals(ReviewBeforeDeployExample.FLOW, change.path());
        assertEquals("changed", change.kind());
        String details = String.join("\n", change.details());
        assertTrue(details.contains("\n-" + ReviewBeforeDeployExample.FIRST), details);
        assertTrue(details.endsWith("\n+" + ReviewBeforeDeployExample.FIXED.strip()), details);

        assertEquals(outcome.mergedCommit(), outcome.deployedCommit());
        assertEquals("hello from version 2\nreviewed before it ran\n", outcome.consoleAfter());
        assertTrue(narration.toString(StandardCharsets.UTF_8).contains("check of friendlier-greeting after the fix: clean"));
    }
}
