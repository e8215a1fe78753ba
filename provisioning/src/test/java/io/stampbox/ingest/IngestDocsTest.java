package io.stampbox.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The schema in provisioning/docs/ingest.md is the one the ingest creates. */
class IngestDocsTest {

    @Test
    void theDocumentedSchemaIsTheOneCreated() throws Exception {
        String doc = Files.readString(Path.of("docs", "ingest.md"));
        int start = doc.indexOf("```sql\n") + "```sql\n".length();
        assertEquals(Schema.SQL, doc.substring(start, doc.indexOf("```", start)));
    }
}
