package dev.referralkit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The HTML report in a real browser: headless Chromium (Debian's {@code /usr/bin/chromium}, or
 * {@code -Dreferralkit.chromium=PATH}) opens the quick-start program's report through the DevTools
 * protocol and checks that every chart has drawn marks (on screen and in print), that the console
 * has no errors and that the page asked for nothing but itself. It writes
 * {@code target/browser/quickstart-report.png} (the README's screenshot).
 *
 * <p>Not part of the default build (its name is not {@code *Test}): {@code .ci/run} runs it when
 * Chromium is present, with {@code ./mvnw -B test -pl reports -am -Dtest=HtmlInBrowserCheck
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class HtmlInBrowserCheck {
    static final List<String> CHARTS = List.of("leaderboard", "funnel", "by-period", "cohorts-referred", "reciprocity");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_chart_draws_marks_and_the_console_has_no_errors() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "browser").toAbsolutePath());
        Path page = dir.resolve("quickstart-report.html");
        Files.writeString(page, ReportFormat.HTML.write(QuickStartReportTest.quickStart(ReportOptions.monthly().withBusiness("saas"))));
        String chromium = System.getProperty("referralkit.chromium", "/usr/bin/chromium");
        assertThat(Path.of(chromium)).as("Chromium (apt-get install chromium)").isExecutable();
        Path profile = Files.createTempDirectory("chromium-profile");
        Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (Devtools dt = Devtools.connect(browser)) {
            String target = dt.call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
            String session = dt.call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                    .path("sessionId").asText();
            for (String domain : List.of("Runtime.enable", "Log.enable", "Page.enable", "Network.enable")) {
                dt.call(session, domain, Map.of());
            }
            dt.call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", 1100, "height", 900,
                    "deviceScaleFactor", 1, "mobile", false));
            String url = page.toUri().toString();
            dt.call(session, "Page.navigate", Map.of("url", url));
            dt.await("Page.loadEventFired", 30);

            String marks = "JSON.stringify([...document.querySelectorAll('svg.chart')].map(s => ({name: s.dataset.chart, "
                    + "marks: [...s.querySelectorAll('.mark')].filter(m => { const b = m.getBoundingClientRect(); "
                    + "return b.width > 0 && b.height > 0; }).length})))";
            for (String media : List.of("screen", "print")) {
                dt.call(session, "Emulation.setEmulatedMedia", Map.of("media", media));
                JsonNode charts = JSON.readTree(dt.call(session, "Runtime.evaluate", Map.of("expression", marks,
                        "returnByValue", true)).path("result").path("value").asText());
                List<String> names = new ArrayList<>();
                charts.forEach(c -> {
                    names.add(c.path("name").asText());
                    assertThat(c.path("marks").asInt()).as("%s: marks drawn in chart %s", media, c.path("name").asText())
                            .isPositive();
                });
                assertThat(names).as(media).containsAll(CHARTS);
            }
            dt.call(session, "Emulation.setEmulatedMedia", Map.of("media", "screen"));
            int height = (int) Math.ceil(dt.call(session, "Page.getLayoutMetrics", Map.of()).path("cssContentSize")
                    .path("height").asDouble(1200));
            dt.call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", 1100, "height", Math.min(height, 4000),
                    "deviceScaleFactor", 1, "mobile", false));
            String png = dt.call(session, "Page.captureScreenshot", Map.of("format", "png")).path("data").asText();
            Files.write(dir.resolve("quickstart-report.png"), Base64.getDecoder().decode(png));
            String pdf = dt.call(session, "Page.printToPDF", Map.of()).path("data").asText();
            assertThat(Base64.getDecoder().decode(pdf)).as("printed").hasSizeGreaterThan(1000);

            assertThat(dt.errors()).as("console errors").isEmpty();
            assertThat(dt.requests()).as("requests").containsOnly(url);
            dt.call(null, "Browser.close", Map.of());
        } finally {
            browser.destroy();
            if (!browser.waitFor(10, TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
        }
    }

    /** A minimal DevTools protocol client over the JDK's WebSocket. */
    static final class Devtools implements WebSocket.Listener, AutoCloseable {
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
        private final List<JsonNode> events = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Devtools connect(Process browser) throws Exception {
            BufferedReader err = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8));
            String line;
            String ws = null;
            while ((line = err.readLine()) != null) {
                int at = line.indexOf("ws://");
                if (line.startsWith("DevTools listening on ") && at >= 0) {
                    ws = line.substring(at).trim();
                    break;
                }
            }
            assertThat(ws).as("Chromium's DevTools address on its stderr").isNotNull();
            Thread drain = new Thread(() -> {
                try {
                    while (err.readLine() != null) {
                        // Chromium's own log (dbus and the like), not the page's console
                    }
                } catch (IOException e) {
                    // the browser has gone
                }
            });
            drain.setDaemon(true);
            drain.start();
            Devtools dt = new Devtools();
            dt.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(ws), dt).get(30, TimeUnit.SECONDS);
            return dt;
        }

        JsonNode call(String session, String method, Map<String, ?> params) throws Exception {
            int id = ids.incrementAndGet();
            ObjectNode message = JSON.createObjectNode();
            message.put("id", id);
            message.put("method", method);
            message.set("params", JSON.valueToTree(params));
            if (session != null) {
                message.put("sessionId", session);
            }
            CompletableFuture<JsonNode> reply = new CompletableFuture<>();
            calls.put(id, reply);
            socket.sendText(JSON.writeValueAsString(message), true).get(30, TimeUnit.SECONDS);
            JsonNode r = reply.get(60, TimeUnit.SECONDS);
            assertThat(r.has("error")).as("%s: %s", method, r.path("error")).isFalse();
            return r.path("result");
        }

        void await(String method, int seconds) throws InterruptedException {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (events.stream().noneMatch(e -> e.path("method").asText().equals(method))) {
                assertThat(System.nanoTime()).as("waiting for %s", method).isLessThan(until);
                Thread.sleep(20);
            }
        }

        List<String> errors() {
            List<String> out = new ArrayList<>();
            for (JsonNode e : events) {
                String m = e.path("method").asText();
                JsonNode p = e.path("params");
                if (m.equals("Runtime.exceptionThrown")) {
                    out.add(p.path("exceptionDetails").toString());
                } else if (m.equals("Runtime.consoleAPICalled") && p.path("type").asText().equals("error")) {
                    out.add(p.path("args").toString());
                } else if (m.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
                    out.add(p.path("entry").path("text").asText());
                }
            }
            return out;
        }

        List<String> requests() {
            List<String> out = new ArrayList<>();
            for (JsonNode e : events) {
                if (e.path("method").asText().equals("Network.requestWillBeSent")) {
                    out.add(e.path("params").path("request").path("url").asText());
                }
            }
            return out;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> f = calls.remove(message.get("id").asInt());
                        if (f != null) {
                            f.complete(message);
                        }
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("DevTools sent no JSON", e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
