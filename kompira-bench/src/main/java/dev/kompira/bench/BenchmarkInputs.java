package dev.kompira.bench;

import java.util.Random;

/**
 * Deterministic inputs for the benchmarks: a realistic jobflow and a JSON document of about the same
 * size, so that their parse rates compare like with like.
 */
public final class BenchmarkInputs {

    private static final String[] HOSTS = {"web01", "web02", "db01", "lb01", "cache01", "ノード1"};
    private static final String[] COMMANDS = {"systemctl is-active nginx", "df -h --output=pcent /var", "uptime",
            "journalctl -u app --since \"10 min ago\" | grep -c ERROR", "cat /etc/os-release"};

    private BenchmarkInputs() {
    }

    /**
     * Returns a jobflow of at least {@code size} characters: a sequence of blocks of about a hundred
     * jobs each (the limit of 4 096 jobs per expression is respected), mixing commands, assignments,
     * conditionals, loops, event jobs, literals of every kind and comments.
     */
    public static String jobflow(int size) {
        Random random = new Random(42);
        StringBuilder out = new StringBuilder(size + 4096);
        out.append("# generated benchmark flow\n| hosts = ['web01', 'web02', 'db01'] |\n| retries = 3 |\n\n");
        int block = 0;
        while (out.length() < size) {
            if (block > 0) {
                out.append(" ->\n");
            }
            out.append("{ for host in hosts |\n    [count = 0, ratio = 0.5, state = null, conf = {retries = 0}, lines = ['']]");
            for (int job = 0; job < 100; job++) {
                out.append(random.nextInt(4) == 0 ? " =>\n" : " ->\n");
                appendJob(out, random, block);
            }
            out.append("\n}");
            block++;
        }
        return out.append('\n').toString();
    }

    private static void appendJob(StringBuilder out, Random random, int block) {
        String host = HOSTS[random.nextInt(HOSTS.length)];
        String command = COMMANDS[random.nextInt(COMMANDS.length)];
        switch (random.nextInt(8)) {
            case 0:
                out.append("    # check ").append(host).append("\n    ['").append(command).append("']");
                break;
            case 1:
                out.append("    [__host__ = '").append(host).append("', count = ").append(random.nextInt(10_000))
                        .append(", ratio = ").append(random.nextInt(100)).append(".5]");
                break;
            case 2:
                out.append("    { if $STATUS == 0 and count >= ").append(random.nextInt(50))
                        .append(" | then: print('ok on $host: ${RESULT}') else: print('failed: ' + $ERROR.strip()) }");
                break;
            case 3:
                out.append("    [conf = {port = ").append(1024 + random.nextInt(60_000)).append(", user = 'ops', tags = ['a', 'b'], ")
                        .append("pattern = r'^(ERROR|WARN): (.*)$'i, raw = b'\\x00\\xff'}]");
                break;
            case 4:
                out.append("    { case $RESULT | g'*active*': [state = 'up'] r'^\\d+%$': [state = 'disk'] else: [state = null] }");
                break;
            case 5:
                out.append("    <./queues/events_").append(block).append(" ?? r'^READY (\\d+)': timeout=30> =>> print('timeout')");
                break;
            case 6:
                out.append("    [lines = $RESULT.splitlines(), first = lines[0].split(',', 2)[-1], n = length(lines) * 2 + 1]");
                break;
            default:
                out.append("    ['cat' << '''line one\n").append("line two of block ").append(block).append("\n'''] -> [")
                        .append(random.nextInt(100)).append(" >> conf['retries']]");
        }
    }

    /**
     * Returns a JSON document of at least {@code size} characters: an array of objects shaped like a
     * Kompira export (paths, names, field dictionaries, numbers, booleans, nested arrays).
     */
    public static String json(int size) {
        Random random = new Random(42);
        StringBuilder out = new StringBuilder(size + 4096).append("[\n");
        int index = 0;
        while (out.length() < size) {
            if (index > 0) {
                out.append(",\n");
            }
            String host = HOSTS[random.nextInt(HOSTS.length)];
            out.append("  {\"abspath\": \"/nodes/").append(host).append('_').append(index)
                    .append("\", \"type_object\": \"/system/types/NodeInfo\", \"display_name\": \"").append(host)
                    .append(" \\u30ce\\u30fc\\u30c9\", \"created\": \"2024-03-09T07:05:03+09:00\", \"fields\": {")
                    .append("\"hostname\": \"").append(host).append(".example.com\", \"ipaddr\": \"10.0.")
                    .append(random.nextInt(256)).append('.').append(random.nextInt(256)).append("\", \"port\": ")
                    .append(22 + random.nextInt(3)).append(", \"use_shell\": ").append(random.nextBoolean())
                    .append(", \"ratio\": ").append(random.nextInt(100)).append(".5, \"tags\": [\"web\", \"prod\", null]")
                    .append(", \"command\": \"").append(COMMANDS[random.nextInt(COMMANDS.length)].replace("\"", "\\\""))
                    .append("\"}}");
            index++;
        }
        return out.append("\n]\n").toString();
    }
}
