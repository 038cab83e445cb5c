package io.groundstation.bench.reply;

import java.util.List;
import org.apache.skywalking.apm.network.common.v3.Command;
import org.apache.skywalking.apm.network.common.v3.Commands;
import org.apache.skywalking.apm.network.common.v3.KeyStringValuePair;

/** Builds agent commands for tests: {@code command("Name", "key", "value", ...)}. */
final class CommandsFixture {

    private CommandsFixture() {
    }

    static Command command(String name, String... keyValues) {
        Command.Builder command = Command.newBuilder().setCommand(name);
        for (int i = 0; i < keyValues.length; i += 2) {
            command.addArgs(KeyStringValuePair.newBuilder().setKey(keyValues[i]).setValue(keyValues[i + 1]));
        }
        return command.build();
    }

    static Commands commands(Command... commands) {
        return Commands.newBuilder().addAllCommands(List.of(commands)).build();
    }
}
