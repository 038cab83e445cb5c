package io.groundstation.bench.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingStackMetadata;
import org.apache.skywalking.apm.network.ebpf.profiling.v3.EBPFProfilingStackType;

/**
 * Stacks as Rover uploads them: symbols leaf first, a user stack then a kernel stack, unresolvable frames as
 * {@code [MISSING]} (most of a JIT-compiled Java stack). Built once; a sample only picks from them.
 */
final class StackCatalog {

    static final String MISSING = "[MISSING]";

    private static final String[][] KERNEL_ON_CPU = {
            {"tcp_sendmsg_locked", "tcp_sendmsg", "sock_sendmsg", "__sys_sendto", "__x64_sys_sendto",
                    "do_syscall_64", "entry_SYSCALL_64_after_hwframe"},
            {"copy_user_enhanced_fast_string", "_copy_to_iter", "tcp_recvmsg_locked", "tcp_recvmsg", "inet_recvmsg",
                    "sock_read_iter", "vfs_read", "ksys_read", "__x64_sys_read", "do_syscall_64",
                    "entry_SYSCALL_64_after_hwframe"},
            {"clear_page_erms", "get_page_from_freelist", "__alloc_pages", "handle_mm_fault", "do_user_addr_fault",
                    "exc_page_fault", "asm_exc_page_fault"},
    };
    private static final String[][] KERNEL_OFF_CPU = {
            {"finish_task_switch", "__schedule", "schedule", "schedule_hrtimeout_range_clock", "do_epoll_wait",
                    "__x64_sys_epoll_wait", "do_syscall_64", "entry_SYSCALL_64_after_hwframe"},
            {"finish_task_switch", "__schedule", "schedule", "futex_wait_queue", "futex_wait", "do_futex",
                    "__x64_sys_futex", "do_syscall_64", "entry_SYSCALL_64_after_hwframe"},
            {"finish_task_switch", "__schedule", "schedule", "io_schedule", "folio_wait_bit_common",
                    "filemap_get_pages", "filemap_read", "vfs_read", "ksys_read", "__x64_sys_read", "do_syscall_64",
                    "entry_SYSCALL_64_after_hwframe"},
    };
    private static final Map<Workload, String[][]> USER = new EnumMap<>(Workload.class);

    static {
        String[][] libc = {{"__GI___poll", "__libc_start_main", "_start"}, {"epoll_wait", "main", "__libc_start_main"}};
        USER.put(Workload.JAVA, new String[][]{
                {MISSING, MISSING, MISSING, "JavaCalls::call_helper", "JavaThread::run", "thread_native_entry",
                        "start_thread"},
                {"Unsafe_Park", MISSING, MISSING, MISSING, "JavaThread::thread_main_inner", "start_thread"},
                {"G1ParScanThreadState::trim_queue", "G1ParEvacuateFollowersClosure::do_void",
                        "WorkerThread::run", "Thread::call_run", "thread_native_entry", "start_thread"}});
        USER.put(Workload.PYTHON, new String[][]{
                {"_PyEval_EvalFrameDefault", "_PyFunction_Vectorcall", MISSING, "_PyEval_EvalFrameDefault",
                        "PyEval_EvalCode", "Py_RunMain", "__libc_start_main"},
                {"sock_recv_impl", "sock_call_ex", "_PyEval_EvalFrameDefault", "Py_RunMain", "__libc_start_main"}});
        USER.put(Workload.NODE, new String[][]{
                {MISSING, MISSING, "v8::internal::Execution::Call", "node::InternalCallbackScope::Close",
                        "uv__io_poll", "uv_run", "node::Start", "__libc_start_main"},
                {"uv__io_poll", "uv_run", "node::SpinEventLoop", "node::Start", "__libc_start_main"}});
        USER.put(Workload.GO, new String[][]{
                {"runtime.futex", "runtime.notesleep", "runtime.stopm", "runtime.findRunnable", "runtime.schedule",
                        "runtime.park_m", "runtime.mcall"},
                {"syscall.Syscall", "internal/poll.(*FD).Write", "net.(*conn).Write", "bufio.(*Writer).Flush",
                        "net/http.(*response).finishRequest", "net/http.(*conn).serve", "runtime.goexit"},
                {"encoding/json.(*encodeState).marshal", "encoding/json.Marshal", "main.handleOrder",
                        "net/http.HandlerFunc.ServeHTTP", "net/http.serverHandler.ServeHTTP",
                        "net/http.(*conn).serve", "runtime.goexit"}});
        USER.put(Workload.NGINX, new String[][]{
                {"ngx_http_write_filter", "ngx_http_output_filter", "ngx_http_send_response",
                        "ngx_http_core_content_phase", "ngx_http_process_request", "ngx_epoll_process_events",
                        "ngx_process_events_and_timers", "ngx_worker_process_cycle", "main"},
                libc[0]});
        USER.put(Workload.REDIS, new String[][]{
                {"dictFind", "lookupKey", "getGenericCommand", "call", "processCommand", "processInputBuffer",
                        "readQueryFromClient", "aeProcessEvents", "aeMain", "main"},
                libc[1]});
        USER.put(Workload.ENVOY, new String[][]{
                {"Envoy::Http::Http1::ConnectionImpl::dispatch", "Envoy::Network::ConnectionImpl::onReadReady",
                        "event_process_active_single_queue", "event_base_loop", "Envoy::Event::DispatcherImpl::run",
                        "Envoy::Server::WorkerImpl::threadRoutine", MISSING, "start_thread"},
                {"epoll_wait", "epoll_dispatch", "event_base_loop", "Envoy::Event::DispatcherImpl::run",
                        "Envoy::Server::InstanceImpl::run", "main", "__libc_start_main"}});
        USER.put(Workload.FLUENT_BIT, new String[][]{
                {"flb_engine_start", "flb_lib_worker", "start_thread"}, libc[1]});
    }

    private final Map<Workload, List<EBPFProfilingStackMetadata>> user = new EnumMap<>(Workload.class);
    private final List<EBPFProfilingStackMetadata> kernelOnCpu = stacks(KERNEL_ON_CPU,
            EBPFProfilingStackType.PROCESS_KERNEL_SPACE);
    private final List<EBPFProfilingStackMetadata> kernelOffCpu = stacks(KERNEL_OFF_CPU,
            EBPFProfilingStackType.PROCESS_KERNEL_SPACE);

    StackCatalog() {
        USER.forEach((workload, frames) ->
                user.put(workload, stacks(frames, EBPFProfilingStackType.PROCESS_USER_SPACE)));
    }

    /** The stacks of one sample: user first, then kernel; on-CPU time is sometimes spent in user space only. */
    List<EBPFProfilingStackMetadata> sample(Workload workload, boolean onCpu, SplittableRandom random) {
        EBPFProfilingStackMetadata userStack = pick(user.get(workload), random);
        if (onCpu && random.nextInt(3) == 0) {
            return List.of(userStack);
        }
        return List.of(userStack, pick(onCpu ? kernelOnCpu : kernelOffCpu, random));
    }

    private static EBPFProfilingStackMetadata pick(List<EBPFProfilingStackMetadata> stacks, SplittableRandom random) {
        return stacks.get(random.nextInt(stacks.size()));
    }

    private static List<EBPFProfilingStackMetadata> stacks(String[][] frames, EBPFProfilingStackType type) {
        List<EBPFProfilingStackMetadata> out = new ArrayList<>();
        for (String[] stack : frames) {
            out.add(EBPFProfilingStackMetadata.newBuilder()
                    .setStackType(type)
                    // Rover's ids come from the BPF stack map; any stable number per distinct stack will do
                    .setStackId(Arrays.hashCode(stack) & 0x7fffffff)
                    .addAllStackSymbols(Arrays.asList(stack))
                    .build());
        }
        return out;
    }
}
