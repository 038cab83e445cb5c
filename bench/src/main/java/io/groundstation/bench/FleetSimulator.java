package io.groundstation.bench;

import io.groundstation.bench.report.ReportTable;
import io.groundstation.bench.report.RunReport;
import io.groundstation.bench.sim.Fleet;
import io.groundstation.bench.sim.SimulatorOptions;

/** Command-line entry of the fleet simulator; see {@link SimulatorOptions#HELP}. */
public final class FleetSimulator {

    private static final int EXIT_BAD_OPTIONS = 2;
    private static final int EXIT_MISREADS = 3;

    private FleetSimulator() {
    }

    public static void main(String[] args) throws Exception {
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage() + " (see --help)");
            System.exit(EXIT_BAD_OPTIONS);
            return;
        }
        if (options == null) {
            System.out.print(SimulatorOptions.HELP);
            return;
        }
        RunReport report = Fleet.run(options);
        System.out.print(ReportTable.render(report));
        if (options.jsonOut() != null) {
            report.writeJson(options.jsonOut());
        }
        System.exit(report.totalMisreads() > 0 ? EXIT_MISREADS : 0);
    }
}
