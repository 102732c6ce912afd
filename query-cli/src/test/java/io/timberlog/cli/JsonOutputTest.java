package io.timberlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.timberlog.core.query.StoreSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JsonOutputTest {
    @TempDir
    Path dir;

    @Test
    void query_json_goldenOutputWithEveryField() throws Exception {
        SampleStore.write(dir);
        Cli.Result r = Cli.query(dir.toString(), "--format", "json", "--since", "2024-01-01T00:00:04Z", "--until", "2024-01-01T00:00:05Z");
        assertEquals(0, r.code(), r.err());
        var run = StoreSet.open(dir).runs().get(0).run();
        String runFields = "\"run\":\"" + run.id() + "\",\"pid\":" + run.pid() + ",\"host\":\"" + run.host() + "\"";
        assertEquals("""
                {"time":"2024-01-01T00:00:04.250000000Z","store":".",RUN,"seq":3,"level":"INFO","logger":"com.acme.orders.OrderService","thread":"main","message":"order 2 for bob took 700 ms","template":"order {} for {} took {} ms","style":"SLF4J","args":[2,"bob",700]}
                {"time":"2024-01-01T00:00:05.000000000Z","store":".",RUN,"seq":4,"level":"ERROR","logger":"com.acme.orders","thread":"main","message":"payment failed for carol","template":"payment failed for {}","style":"SLF4J","args":["carol"],"mdc":{"requestId":"r-5"},"markers":["AUDIT"],"kv":{"customer":"carol"},"exception":{"class":"java.lang.IllegalStateException","message":"wrapped","frames":["a.B.c(B.java:1)"],"cause":{"class":"java.net.SocketTimeoutException","message":"read timed out","frames":["x.Y.z(Y.java:2)"]}}}
                """.replace("RUN", runFields), r.out());
    }

    @Test
    void query_json_everyLineParsesAsJq() throws Exception {
        SampleStore.write(dir);
        Cli.Result r = Cli.query(dir.toString(), "-o", "json");
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            events.add(mapper.readTree(line));
        }
        assertEquals(6, events.size());
        assertEquals(501.5, events.get(5).get("args").get(2).asDouble());
        assertEquals("SocketTimeoutException", events.get(4).at("/exception/cause/class").asText().replaceAll(".*\\.", ""));
    }
}
