package io.groundstation.bench.reply;

import static io.groundstation.bench.reply.CommandsFixture.command;
import static io.groundstation.bench.reply.CommandsFixture.commands;
import static org.assertj.core.api.Assertions.assertThat;

import io.groundstation.bench.reply.RoverCommands.ReportTask;
import io.groundstation.bench.reply.RoverCommands.TaskQuery;
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
                commands(command(ReportTask.NAME, ReportTask.TASK_ID, "t-1")));

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
        Command good = command(ReportTask.NAME, ReportTask.TASK_ID, "t-1");
        for (Commands reply : List.of(
                commands(good, good),
                commands(command("ProfilingTask", ReportTask.TASK_ID, "t-1")),
                commands(command(ReportTask.NAME, "taskId", "t-1")),
                commands(command(ReportTask.NAME, ReportTask.TASK_ID, "")))) {
            assertThat(reader.readReportProfilingTask(reply).misread().kind())
                    .as(reply.toString()).isEqualTo(MisreadKind.TASK_REPLY_SHAPE);
        }
    }

    @Test
    void acceptsCompleteFixedTimeTasks() {
        TaskQueryResult result = reader.readQueryTasks(commands(
                task(),
                task(TaskQuery.TASK_ID, "t-2", TaskQuery.TARGET_TYPE, "NETWORK",
                        TaskQuery.PROCESS_ID, "p1,p2", TaskQuery.EXTENSION_CONFIG,
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

        assertSkipped(command(TaskQuery.NAME, args.toArray(String[]::new)));
    }

    @Test
    void skipsCommandsWithMalformedValues() {
        assertSkipped(command("EBPFProfilingTask", validArgs()));
        assertSkipped(task(TaskQuery.TASK_ID, ""));
        assertSkipped(task(TaskQuery.PROCESS_ID, "p1,"));
        assertSkipped(task(TaskQuery.PROCESS_ID, "p1,p2"));
        assertSkipped(task(TaskQuery.UPDATE_TIME, "soon"));
        assertSkipped(task(TaskQuery.TRIGGER_TYPE, "CONTINUOUS_PROFILING"));
        assertSkipped(task(TaskQuery.TARGET_TYPE, "MEMORY"));
        assertSkipped(task(TaskQuery.START_TIME, "1.7e12"));
        assertSkipped(task(TaskQuery.EXTENSION_CONFIG, ""));
        assertSkipped(task(TaskQuery.EXTENSION_CONFIG, "[]"));
        assertSkipped(task(TaskQuery.FIXED_DURATION, "60s"));
    }

    @Test
    void acceptsNullExtensionConfig() {
        assertThat(reader.readQueryTasks(commands(task(TaskQuery.EXTENSION_CONFIG, "null")), OWNED::contains)
                .accepted()).hasSize(1);
    }

    @Test
    void skipsTasksForProcessesTheAgentWasNeverGiven() {
        TaskQueryResult result = reader.readQueryTasks(commands(task(TaskQuery.PROCESS_ID, "p9")),
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
        return command(TaskQuery.NAME, args);
    }

    private static String[] validArgs() {
        return new String[]{
            TaskQuery.TASK_ID, "t-1",
            TaskQuery.PROCESS_ID, "p1",
            TaskQuery.UPDATE_TIME, "1700000000123",
            TaskQuery.TRIGGER_TYPE, "FIXED_TIME",
            TaskQuery.TARGET_TYPE, "ON_CPU",
            TaskQuery.START_TIME, "1700000000000",
            TaskQuery.EXTENSION_CONFIG, "null",
            TaskQuery.FIXED_DURATION, "60",
        };
    }
}
