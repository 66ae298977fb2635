package dev.tacit.experiments;

import dev.tacit.linalg.Backends;
import dev.tacit.linalg.Workers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds {@code provenance.json}: configuration, seeds, versions, backend and machine. */
public final class Provenance {

    /** The library version. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    private Provenance() {
    }

    /**
     * @param experiment the experiment id
     * @param config the resolved configuration (values are strings, numbers, booleans or lists)
     * @return the provenance as compact JSON
     */
    public static String json(String experiment, Map<String, Object> config) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("experiment", experiment);
        root.put("tacit_version", VERSION);
        root.put("created", Instant.now().toString());
        root.put("config", config);
        root.putAll(environment());
        return Json.write(root);
    }

    /**
     * @return software (Java, backend, threads) and machine (OS, CPU, processors, heap) of this run
     */
    public static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        Map<String, Object> software = new LinkedHashMap<>();
        software.put("java_version", System.getProperty("java.version"));
        software.put("java_vendor", System.getProperty("java.vendor"));
        software.put("vm", System.getProperty("java.vm.name"));
        software.put("backend", Backends.get().kind().name());
        software.put("backend_detail", Backends.get().describe());
        software.put("threads", Workers.threads());
        env.put("software", software);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("arch", System.getProperty("os.arch"));
        machine.put("processors", Runtime.getRuntime().availableProcessors());
        machine.put("cpu", cpuModel());
        machine.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        env.put("machine", machine);
        return env;
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return "unknown";
    }

    /** Minimal JSON writer for maps, lists, strings, numbers and booleans. */
    static final class Json {
        private Json() {
        }

        static String write(Object o) {
            StringBuilder sb = new StringBuilder();
            write(o, sb);
            return sb.toString();
        }

        private static void write(Object o, StringBuilder sb) {
            if (o == null) {
                sb.append("null");
            } else if (o instanceof Map<?, ?> m) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    string(String.valueOf(e.getKey()), sb);
                    sb.append(':');
                    write(e.getValue(), sb);
                }
                sb.append('}');
            } else if (o instanceof List<?> l) {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    write(l.get(i), sb);
                }
                sb.append(']');
            } else if (o instanceof Double d) {
                sb.append(Double.isFinite(d) ? d.toString() : "null");
            } else if (o instanceof Number || o instanceof Boolean) {
                sb.append(o);
            } else {
                string(o.toString(), sb);
            }
        }

        private static void string(String s, StringBuilder sb) {
            sb.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        }
    }
}
