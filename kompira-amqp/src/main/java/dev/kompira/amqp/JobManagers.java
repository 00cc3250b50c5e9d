package dev.kompira.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the job managers of a broker who they are: a question published to the fanout exchange
 * {@value Messages#ROLL_CALL} reaches every job manager's liveness queue, and each answers with a
 * {@link JobManagerInfo}. Stateless and thread-safe.
 */
public final class JobManagers {

    private static final Logger LOG = LoggerFactory.getLogger(JobManagers.class);

    private JobManagers() {
    }

    /**
     * Returns the job managers connected to the broker at {@code amqp} that answer within
     * {@code wait}, by realm and name.
     *
     * @throws IOException if the broker cannot be reached
     */
    public static List<JobManagerInfo> list(URI amqp, Duration wait) throws IOException, InterruptedException {
        try (Connection connection = Amqp.connect(amqp, "kompira-jobmanager-list")) {
            return list(connection, wait);
        }
    }

    /** Asks like {@link #list(URI, Duration)} over a connection of the caller's, on a channel of its own. */
    static List<JobManagerInfo> list(Connection connection, Duration wait) throws IOException, InterruptedException {
        Channel channel = connection.createChannel();
        try {
            Messages.declareRollCall(channel);
            String answers = channel.queueDeclare().getQueue();
            channel.basicPublish(Messages.ROLL_CALL, "", new AMQP.BasicProperties.Builder().replyTo(answers)
                    .type(Messages.WHO).contentType(Messages.CONTENT_TYPE).build(), new byte[0]);
            Thread.sleep(wait.toMillis());
            List<JobManagerInfo> found = new ArrayList<>();
            for (GetResponse r = channel.basicGet(answers, true); r != null; r = channel.basicGet(answers, true)) {
                try {
                    found.add(Messages.info(r.getBody()));
                } catch (IOException e) {
                    LOG.warn("dropped an answer that cannot be read: {}", e.getMessage());
                }
            }
            found.sort(Comparator.comparing(JobManagerInfo::realm).thenComparing(JobManagerInfo::name));
            return found;
        } finally {
            // its exclusive answer queue goes with it
            try {
                channel.close();
            } catch (IOException | TimeoutException | RuntimeException e) {
                LOG.debug("closing the roll call's channel", e);
            }
        }
    }
}
