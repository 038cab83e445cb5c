package io.groundstation.bench.reply;

import static io.groundstation.bench.reply.CommandsFixture.command;
import static io.groundstation.bench.reply.CommandsFixture.commands;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.skywalking.apm.network.common.v3.Command;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AgentReplyReaderTasksTest {

    private static final Set<String> OWNED = Set.of("p1", "p2");

    private final AgentReplyReader reader = new AgentReplyReader();

    @Test
    void grantsTheTaskIdOfExactlyOneReportTaskCommand() {
        TaskGrant grant = reader.readReportProfilingTask(
                commands(command(RoverCommands.REPORT_TASK, RoverCommands.TASK_ID_ARG, "t-1")));

        assertThat(grant.isGranted()).isTrue();
        assertThat(grant.taskId()).isEqualTo("t-1");
    }

    @Test
    void anEmptyReplyToATriggerCrashesTheAgent() {
        TaskGrant grant = reader.readReportProfilingTask(Commands.getDefaultInstance());

        assertThat(grant.isGranted()).isFalse();
        assertThat(grant.misread().kind()).isEqualTo(MisreadKind.TASK_REPLY_EMPTY);
        assertThat(grant.misread().kind().crashesAgent()).isTrue();
    }

    @Test
    void rejectsEveryOtherTriggerReply() {
        Command good = command(RoverCommands.REPORT_TASK, RoverCommands.TASK_ID_ARG, "t-1");
        for (Commands reply : List.of(
                commands(good, good),
                commands(command("ProfilingTask", RoverCommands.TASK_ID_ARG, "t-1")),
                commands(command(RoverCommands.REPORT_TASK, "taskId", "t-1")),
                commands(command(RoverCommands.REPORT_TASK, RoverCommands.TASK_ID_ARG, "")))) {
            assertThat(reader.readReportProfilingTask(reply).misread().kind())
                    .as(reply.toString()).isEqualTo(MisreadKind.TASK_REPLY_SHAPE);
        }
    }

    @Test
    void acceptsCompleteFixedTimeTasks() {
        TaskQueryResult result = reader.readQueryTasks(commands(
                task(),
                task(RoverCommands.TASK_ID_ARG, "t-2", RoverCommands.TARGET_TYPE_ARG, "NETWORK",
                        RoverCommands.PROCESS_ID_ARG, "p1,p2", RoverCommands.EXTENSION_CONFIG_ARG,
                        "{\"NetworkSamplings\":[]}")), OWNED::contains);

        assertThat(result.misreads()).isEmpty();
        assertThat(result.accepted()).containsExactly(
                new FixedTimeTask("t-1", List.of("p1"), 1700000000123L, "ON_CPU", 1700000000000L, 60),
                new FixedTimeTask("t-2", List.of("p1", "p2"), 1700000000123L, "NETWORK", 1700000000000L, 60));
        assertThat(result.accepted().get(0).endTimeMillis()).isEqualTo(1700000060000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TaskId", "ProcessId", "TaskUpdateTime", "TriggerType", "TargetType", "TaskStartTime",
        "ExtensionConfigJSON", "FixedTriggerDuration"})
    void skipsACommandMissingAnyArgument(String missing) {
        List<String> args = new ArrayList<>(Arrays.asList(validArgs()));
        int at = args.indexOf(missing);
        args.remove(at + 1);
        args.remove(at);

        assertSkipped(command(RoverCommands.TASK_QUERY, args.toArray(String[]::new)));
    }

    @Test
    void skipsCommandsWithMalformedValues() {
        assertSkipped(command("EBPFProfilingTask", validArgs()));
        assertSkipped(task(RoverCommands.TASK_ID_ARG, ""));
        assertSkipped(task(RoverCommands.PROCESS_ID_ARG, "p1,"));
        assertSkipped(task(RoverCommands.PROCESS_ID_ARG, "p1,p2"));
        assertSkipped(task(RoverCommands.TASK_UPDATE_TIME_ARG, "soon"));
        assertSkipped(task(RoverCommands.TRIGGER_TYPE_ARG, "CONTINUOUS_PROFILING"));
        assertSkipped(task(RoverCommands.TARGET_TYPE_ARG, "MEMORY"));
        assertSkipped(task(RoverCommands.TASK_START_TIME_ARG, "1.7e12"));
        assertSkipped(task(RoverCommands.EXTENSION_CONFIG_ARG, ""));
        assertSkipped(task(RoverCommands.EXTENSION_CONFIG_ARG, "[]"));
        assertSkipped(task(RoverCommands.FIXED_DURATION_ARG, "60s"));
    }

    @Test
    void acceptsNullExtensionConfig() {
        assertThat(reader.readQueryTasks(commands(task(RoverCommands.EXTENSION_CONFIG_ARG, "null")), OWNED::contains)
                .accepted()).hasSize(1);
    }

    @Test
    void skipsTasksForProcessesTheAgentWasNeverGiven() {
        TaskQueryResult result = reader.readQueryTasks(commands(task(RoverCommands.PROCESS_ID_ARG, "p9")),
                OWNED::contains);

        assertThat(result.accepted()).isEmpty();
        assertThat(result.misreads()).extracting(Misread::kind)
                .containsExactly(MisreadKind.TASK_QUERY_UNKNOWN_PROCESS);
    }

    private void assertSkipped(Command command) {
        TaskQueryResult result = reader.readQueryTasks(commands(command, task()), OWNED::contains);

        assertThat(result.accepted()).as(command.toString()).hasSize(1);
        assertThat(result.misreads()).as(command.toString()).extracting(Misread::kind)
                .containsExactly(MisreadKind.TASK_QUERY_COMMAND_INVALID);
    }

    /** A valid task command with some arguments replaced. */
    private static Command task(String... replacements) {
        String[] args = validArgs();
        for (int r = 0; r < replacements.length; r += 2) {
            args[Arrays.asList(args).indexOf(replacements[r]) + 1] = replacements[r + 1];
        }
        return command(RoverCommands.TASK_QUERY, args);
    }

    private static String[] validArgs() {
        return new String[]{
            RoverCommands.TASK_ID_ARG, "t-1",
            RoverCommands.PROCESS_ID_ARG, "p1",
            RoverCommands.TASK_UPDATE_TIME_ARG, "1700000000123",
            RoverCommands.TRIGGER_TYPE_ARG, "FIXED_TIME",
            RoverCommands.TARGET_TYPE_ARG, "ON_CPU",
            RoverCommands.TASK_START_TIME_ARG, "1700000000000",
            RoverCommands.EXTENSION_CONFIG_ARG, "null",
            RoverCommands.FIXED_DURATION_ARG, "60",
        };
    }
}
