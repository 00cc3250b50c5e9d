package dev.kompira.core.vm;

import dev.kompira.core.builtin.BuiltinFunction;
import dev.kompira.core.error.ErrorCode;
import dev.kompira.core.error.JobflowError;
import dev.kompira.core.event.ChannelValue;
import dev.kompira.core.event.EventWait;
import dev.kompira.core.event.Waitable;
import dev.kompira.core.object.ObjectPaths;
import dev.kompira.core.object.ObjectTree;
import dev.kompira.core.object.ObjectValue;
import dev.kompira.core.schedule.SchedulerValue;
import dev.kompira.core.object.WriteOrigin;
import dev.kompira.core.process.CheckpointStore;
import dev.kompira.core.process.JobflowProcess;
import dev.kompira.core.process.ProcessOutcome;
import dev.kompira.core.process.ProcessState;
import dev.kompira.core.process.RuntimeFailure;
import dev.kompira.core.process.StartOptions;
import dev.kompira.core.process.StepHandler;
import dev.kompira.core.store.StoredObject;
import dev.kompira.core.transport.CommandLine;
import dev.kompira.core.transport.CommandRequest;
import dev.kompira.core.transport.Transport;
import dev.kompira.core.value.Arguments;
import dev.kompira.core.value.IntegerValue;
import dev.kompira.core.value.NullValue;
import dev.kompira.core.value.Signature;
import dev.kompira.core.value.BooleanValue;
import dev.kompira.core.value.StringValue;
import dev.kompira.core.value.Value;
import dev.kompira.dsl.source.Span;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A process: the loop that runs its {@link FrameStack} (ARCHITECTURE.md §3). The loop steps the top
 * frame until the process parks (a command, a timer, a suspension) or ends; a completion puts it back
 * on a carrier thread ({@link CarrierHandOff}). No thread is held while the process waits. Around the
 * loop: {@link Unwinder} for control leaving frames early, {@link ProcessRecord} for what others see
 * of the process, {@link ConsoleBuffer} for its console, {@link ChildStart} for fork and pfor children.
 *
 * <p>Thread-safety: the frame stack is touched only by the one carrier thread that runs the
 * process at a time (hand-over through {@link #lock}); the {@link JobflowProcess} methods are
 * thread-safe.
 */
public final class Machine implements JobflowProcess {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Machine.class);

    private final long pid;
    private final EngineServices services;
    private final FrameStack stack = new FrameStack();
    private final ProcessRecord record = new ProcessRecord();
    private final ConsoleBuffer console = new ConsoleBuffer();
    private final CompletableFuture<ProcessOutcome> completion = new CompletableFuture<>();

    // the scheduling state; guarded by lock unless volatile
    private final Object lock = new Object();
    private ProcessState state = ProcessState.NEW;
    private volatile boolean suspendRequested;
    private volatile boolean terminateRequested;
    private volatile boolean shuttingDown;
    private boolean finished;
    private boolean parked;
    private Runnable resumption;
    private boolean wakePending;
    private boolean suspendedAtBoundary;
    private Runnable cancelWait;
    private Runnable resumeAction;
    private boolean holdsSlot;
    private boolean pendingSlot;
    /** What a call inside an expression waits for on the carrier thread, or null. */
    private volatile CompletableFuture<?> blocking;

    // the running state; touched by the carrier thread only
    private Invocation root;
    private ChildStart childStart;
    private boolean checkpointWarned;
    /** Whether a checkpoint of this process exists: it was saved, or restored from one. */
    private boolean everSaved;
    /** Whether a job with effects ran since the last checkpoint. */
    private boolean unsavedEffects;
    /** Whether this is a child without effects, which runs again with its parent after a crash and is never saved. */
    private boolean rerunsWithParent;
    /** Children joined since the last checkpoint, whose finished records that checkpoint makes unneeded. */
    private List<Machine> joinedChildren = List.of();
    private boolean absorbed;
    private boolean sessionOpen;
    /** The slot of the carrier thread running the current slice (null between slices). */
    private CarrierHandOff.Slot carrier;
    private Span currentSpan = Span.NONE;
    private Span lastJobSpan = Span.NONE;
    private long rootJobflow;
    private int rootMultiplicity;

    Machine(long pid, EngineServices services) {
        this.pid = pid;
        this.services = services;
    }

    // ---- starting -------------------------------------------------------------------------------

    /**
     * Creates a process that will run {@code flow} with {@code arguments} and {@code options}; call
     * {@link #start()}.
     * Parameter binding happens when it starts (D94).
     */
    public static Machine create(long pid, CompiledProgram flow, Map<String, Value> arguments, StartOptions options,
            EngineServices services) {
        Machine m = new Machine(pid, services);
        m.record.stepMode = options.stepMode();
        m.record.checkpointMode = Boolean.TRUE.equals(options.checkpointMode());
        if (options.monitoringMode() != null) {
            m.record.monitoringMode = options.monitoringMode();
        }
        m.root = new Invocation(flow, null, Span.NONE, services.environment().get());
        m.root.startValues = Map.copyOf(arguments);
        services.registry().register(m);
        return m;
    }

    /**
     * Puts the process on a carrier thread; it binds its parameters and runs. Beyond the engine's
     * process limit it stays READY until a slot frees (D105).
     */
    public void start() {
        synchronized (lock) {
            if (state != ProcessState.NEW) {
                throw new IllegalStateException("process " + pid + " was already started");
            }
            state = ProcessState.READY;
            resumption = this::bindParameters;
        }
        if (services.limiter().acquireOrWait(this::startHoldingSlot)) {
            startHoldingSlot();
        }
    }

    /** Starts a process that already owns a slot of the process limit. */
    void startHoldingSlot() {
        synchronized (lock) {
            holdsSlot = true;
            state = ProcessState.READY;
        }
        if (record.startedAt() == null) {
            record.started(Instant.now(services.clock()));
        }
        services.carriers().execute(this::drive);
    }

    /** Binds the root invocation's parameters (D94) and pushes its jobflow expression. */
    private void bindParameters() {
        if (rootJobflow != 0 && !services.multiplicity().acquire(rootJobflow, rootMultiplicity, this, this::enterRoot)) {
            parkUntilWoken(() -> { });
            return;
        }
        enterRoot();
    }

    private void enterRoot() {
        root.lockId = rootJobflow;
        JobflowCalls.checkArguments(root, root.startValues, true);
        pushParameters(root, root.startValues);
    }

    /**
     * Makes the process the run of the Jobflow object {@code jobflow}; call before {@link #start()}. It
     * takes a slot of the jobflow's multiplicity (§12.9), and the modes that {@code requested} leaves
     * {@code null} come from the jobflow's fields {@code defaultCheckpointMode} and {@code defaultMonitoringMode};
     * a default checkpoint mode is ignored by an engine without a checkpoint store (J174).
     */
    public void runsJobflow(StoredObject jobflow, StartOptions requested) {
        int limit = JobflowCalls.multiplicityOf(services.tree(), jobflow);
        if (limit > 0) {
            rootJobflow = jobflow.id();
            rootMultiplicity = limit;
        }
        if (requested.checkpointMode() == null && services.checkpoints() != null) {
            record.checkpointMode = services.tree().readField(jobflow, "defaultCheckpointMode") == BooleanValue.TRUE;
        }
        if (requested.monitoringMode() == null
                && services.tree().readField(jobflow, "defaultMonitoringMode") instanceof StringValue mode
                && StartOptions.MONITORING_MODES.contains(mode.value())) {
            record.monitoringMode = mode.value();
        }
    }

    /**
     * Pushes the frame that binds the parameters of {@code inv} in its own context (D138); it holds
     * the invocation's multiplicity slot until the jobflow expression takes over.
     */
    void pushParameters(Invocation inv, Map<String, Value> supplied) {
        ParameterFrame frame = new ParameterFrame(inv, supplied);
        inv.rootFrame = frame;
        stack.push(frame);
    }

    /** Replaces the finished {@link ParameterFrame} on top with its invocation's jobflow expression. */
    void enterFlow(ParameterFrame frame) {
        stack.pop(frame);
        pushRoot(frame.invocation);
    }

    /** Pushes the jobflow expression of {@code inv}; an invocation without one completes at once. */
    void pushRoot(Invocation inv) {
        if (inv.flow.main() == null) {
            completeInvocation(inv, inv.result, inv.status, inv.error);
            return;
        }
        FlowFrame frame = new FlowFrame(inv.flow.main(), inv, inv.scope);
        inv.rootFrame = frame;
        stack.push(frame);
    }

    // ---- the run loop ---------------------------------------------------------------------------

    /**
     * Runs the process until it parks or ends. Called on a carrier thread only, by one thread at a
     * time: only {@link #wakeWith} schedules it, and only for a WAITING process.
     */
    void runSlice(CarrierHandOff.Slot slot) {
        synchronized (lock) {
            if (state.isFinished()) {
                return;
            }
            state = ProcessState.RUNNING;
        }
        carrier = slot;
        WriteOrigin.set(this::writeOrigin);
        try {
            runUntilParked();
        } finally {
            WriteOrigin.clear();
            carrier = null;
        }
    }

    /** Says which process and jobflow write to the object tree (the trailer of a Git store's commit message). */
    private String writeOrigin() {
        return "Process: " + pid + "\nJobflow: " + invocation().flow.name();
    }

    private void runUntilParked() {
        while (true) {
            parked = false;
            Runnable r;
            synchronized (lock) {
                r = resumption;
                resumption = null;
                cancelWait = null;
            }
            if (terminateRequested) {
                endTerminated();
                return;
            }
            if (r != null) {
                runGuarded(r);
            }
            while (!parked && !finished) {
                Frame top = stack.top();
                if (top == null) {
                    finish(root.status, root.result, root.error, null);
                    break;
                }
                stepGuarded(top);
            }
            if (!parked || finished) {
                return;
            }
            synchronized (lock) {
                if (!wakePending && !terminateRequested) {
                    state = ProcessState.WAITING;
                    return;
                }
                wakePending = false;
            }
        }
    }

    private void runGuarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            raise(e);
        }
    }

    /** {@link #runGuarded} for the step of a frame, the run loop's hot path: no lambda made each step. */
    private void stepGuarded(Frame top) {
        try {
            top.step(this);
        } catch (RuntimeException e) {
            raise(e);
        }
    }

    /** Ends the running code with what a step threw: a jobflow error, a job's failure outside a job, or a bug. */
    private void raise(RuntimeException thrown) {
        if (thrown instanceof JobflowError e) {
            unwinder().raise(e);
        } else if (thrown instanceof JobFailure outsideAJob) {
            unwinder().raise(outsideAJob.asError());
        } else {
            unwinder().raise(internalError(thrown));
        }
    }

    /** A bug of the engine ends the process like a run-time error, with a message asking for a report. */
    private static JobflowError internalError(RuntimeException bug) {
        LOG.error("internal error in the engine", bug);
        return new JobflowError(ErrorCode.R_VALUE, "internal error: " + bug + " (this is a bug in the engine; please report it)");
    }

    /**
     * Ends a wait: {@code action} runs on a carrier thread before the top frame continues. Callable
     * from any thread, also before the job that parked has returned (the wait then ends at once).
     * Returns false when the process has already ended.
     */
    boolean wakeWith(Runnable action) {
        synchronized (lock) {
            if (state.isFinished()) {
                return false;
            }
            resumption = action;
            if (state != ProcessState.WAITING) {
                wakePending = true;
                return true;
            }
            state = ProcessState.READY;
        }
        CarrierHandOff.schedule(this, services);
        return true;
    }

    /**
     * Parks the process until {@code stage} completes, then runs {@code onDone} with its value on a
     * carrier thread before the top frame continues. Terminating the process cancels the stage.
     */
    <T> void park(CompletionStage<T> stage, BiConsumer<Machine, T> onDone) {
        parkUntilWoken(() -> stage.toCompletableFuture().cancel(true));
        stage.whenComplete((value, failure) -> {
            if (failure == null) {
                wakeWith(() -> onDone.accept(this, value));
            } else if (!(failure instanceof java.util.concurrent.CancellationException)) {
                wakeWith(() -> {
                    throw internalError(new IllegalStateException("a wait failed", failure));
                });
            }
        });
    }

    /**
     * Parks the process; whoever it waits for calls {@link #wakeWith}. {@code cancel} stops the wait
     * when the process is terminated first.
     */
    void parkUntilWoken(Runnable cancel) {
        parked = true;
        synchronized (lock) {
            cancelWait = cancel;
        }
    }

    /**
     * Parks the process until the first of {@code alternatives} fires (§8.5, §9.6); {@code apply}
     * then runs on a carrier thread before the top frame continues. Terminating the process cancels
     * the wait and its listeners.
     */
    void awaitEvents(List<EventWait.Alternative> alternatives, java.util.function.Consumer<EventWait.Outcome> apply) {
        java.util.concurrent.atomic.AtomicReference<EventWait> wait = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
        parkUntilWoken(() -> {
            cancelled.set(true);
            EventWait started = wait.get();
            if (started != null) {
                started.cancel();
            }
        });
        EventWait started = EventWait.start(alternatives, services.timer(), services.clock(),
                outcome -> wakeWith(() -> apply.accept(outcome)));
        wait.set(started);
        if (cancelled.get()) {
            started.cancel();
        }
    }

    /**
     * Waits on the carrier thread until {@code future} is done: for a call inside an expression,
     * which cannot park. It waits as a managed blocker, so that the carrier pool adds a thread
     * meanwhile; terminating the process cancels the future.
     */
    void awaitBlocking(CompletableFuture<?> future) {
        blocking = future;
        try {
            if (terminateRequested) {
                future.cancel(true);
            }
            ForkJoinPool.managedBlock(new ForkJoinPool.ManagedBlocker() {
                @Override
                public boolean block() throws InterruptedException {
                    try {
                        future.get();
                    } catch (ExecutionException | java.util.concurrent.CancellationException done) {
                        // the caller reads the outcome from the future
                    }
                    return true;
                }

                @Override
                public boolean isReleasable() {
                    return future.isDone();
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
        } finally {
            blocking = null;
        }
    }

    /** Returns whether the current job parked the process. */
    boolean isParked() {
        return parked;
    }

    /** Parks the process for {@code delay} on the engine timer, then runs {@code action}. */
    void sleep(Duration delay, Runnable action) {
        java.util.concurrent.ScheduledFuture<?> alarm = services.timer().schedule(() -> wakeWith(action),
                delay.toNanos(), TimeUnit.NANOSECONDS);
        parkUntilWoken(() -> alarm.cancel(false));
    }

    /**
     * Stops at a job boundary, before {@code next}, when the process was terminated (it ends) or
     * suspended (it parks until resumed). In checkpoint mode it saves the process first when a job
     * with effects ran since the last save, before its first job with effects, and when it suspends
     * (J140). Returns whether it stopped.
     */
    boolean pauseAtJobBoundary(JobCode next) {
        if (terminateRequested) {
            endTerminated();
            return true;
        }
        if (record.checkpointMode && !rerunsWithParent && (unsavedEffects || !everSaved && next.hasEffects() || suspendRequested)) {
            checkpoint();
        }
        if (!suspendRequested) {
            return false;
        }
        synchronized (lock) {
            suspendedAtBoundary = true;
        }
        parkUntilWoken(() -> { });
        return true;
    }

    /** Saves the state between two jobs (D102); a state that cannot be saved is reported once. */
    private void checkpoint() {
        CheckpointStore store = services.checkpoints();
        if (store == null) {
            return;
        }
        try {
            store.save(pid, ProcessSnapshots.writeRunning(this));
            everSaved = true;
            unsavedEffects = false;
            removeRecordsOf(joinedChildren);
            joinedChildren = List.of();
        } catch (IOException | IllegalStateException e) {
            if (!checkpointWarned) {
                checkpointWarned = true;
                console("checkpoint not saved: " + e.getMessage());
            }
        }
    }

    /** Saves the state now, in checkpoint mode: where a job changes what a restart must know (children started). */
    void checkpointNow() {
        if (record.checkpointMode && !rerunsWithParent) {
            checkpoint();
        }
    }

    /**
     * A fork or pfor block has joined {@code children}: the records of those that ended go once the
     * parent's next checkpoint no longer needs them (its {@code $RESULT} carries their outcomes).
     * Children that never saved have none: a pfor of 1 000 children without effects costs no removal.
     */
    void childrenJoined(List<Machine> children) {
        if (record.checkpointMode) {
            // a detached child is a process of its own: its record stays until it ends
            joined(children.stream().filter(c -> !c.isDetached() && c.everSaved).toList());
        }
    }

    /** Adds {@code children} to those whose records go with the next checkpoint (kept until one is written). */
    private void joined(List<Machine> children) {
        if (!children.isEmpty()) {
            List<Machine> joined = new ArrayList<>(joinedChildren);
            joined.addAll(children);
            joinedChildren = List.copyOf(joined);
        }
    }

    /** Removes the saved records of {@code processes} (children this process has joined). */
    private void removeRecordsOf(List<Machine> processes) {
        CheckpointStore store = services.checkpoints();
        for (Machine p : processes) {
            try {
                store.remove(p.pid());
            } catch (IOException e) {
                LOG.warn("cannot remove the saved record of process {}", p.pid(), e);
            }
        }
    }

    /**
     * Step mode (§12.6, D101): asks the engine's step handler whether {@code action} runs; without a
     * handler the process suspends and resuming performs it. {@code perform} runs the action.
     */
    void step(String action, Runnable perform) {
        StepHandler handler = services.stepHandler();
        StepHandler.PendingStep pending = new StepHandler.PendingStep(pid, jobflow(), record.currentLine, action);
        if (handler == null) {
            synchronized (lock) {
                suspendRequested = true;
                resumeAction = perform;
            }
            parkUntilWoken(() -> { });
            return;
        }
        park(handler.decide(pending), (m, decision) -> {
            if (decision == StepHandler.StepDecision.RUN) {
                perform.run();
            } else if (decision == StepHandler.StepDecision.SKIP) {
                invocation().setOutcome(StringValue.EMPTY, IntegerValue.ZERO, StringValue.EMPTY);
            } else {
                throw new JobflowError(ErrorCode.R_STEP, "aborted in step mode");
            }
        });
    }

    // ---- frames ---------------------------------------------------------------------------------

    void push(Frame frame) {
        stack.push(frame);
    }

    /**
     * Pushes {@code child} and steps it at once rather than on the run loop's next turn, which would
     * step it all the same: a loop runs a body that completes without waiting in one step of its own.
     * Returns whether {@code parent} is on top again, not parked, and may go on.
     */
    boolean pushAndStep(Frame parent, Frame child) {
        stack.push(child);
        child.step(this);
        return !parked && !finished && stack.top() == parent;
    }

    /** Pops {@code frame} (the top); popping an invocation's root frame completes the invocation. */
    void pop(Frame frame) {
        stack.pop(frame);
        if (frame == frame.invocation.rootFrame) {
            completeInvocation(frame.invocation, frame.invocation.result, frame.invocation.status, frame.invocation.error);
        }
    }

    /** Gives back the multiplicity slot an ending invocation holds. */
    void releaseSlot(Invocation inv) {
        if (inv.lockId != 0) {
            services.multiplicity().release(inv.lockId, this);
            inv.lockId = 0;
        }
    }

    /** Ends {@code inv}: its caller gets the outcome (D96), or the process ends with it. */
    void completeInvocation(Invocation inv, Value result, Value status, Value error) {
        releaseSlot(inv);
        if (inv.caller == null) {
            finish(status, result, error, null);
        } else {
            inv.caller.setOutcome(result, status, error);
        }
    }

    Frame top() {
        return stack.top();
    }

    int depth() {
        return stack.depth();
    }

    /** Returns the invocation whose code is running. */
    Invocation invocation() {
        Frame top = stack.top();
        return top == null ? root : top.invocation;
    }

    void beginJob(JobCode job) {
        CarrierHandOff.jobStarting(carrier, services);
        unsavedEffects |= job.hasEffects();
        Span span = job.span(); // once: an interface call that often goes through a wrapper (Effects.mark)
        currentSpan = span;
        lastJobSpan = span;
        record.startingLine(span.line());
    }

    void beginExpression(Span span) {
        currentSpan = span;
    }

    Span currentSpan() {
        return currentSpan;
    }

    Span lastJobSpan() {
        return lastJobSpan;
    }

    JobflowError locate(JobflowError e, Span span) {
        return e.at(span);
    }

    void markAbsorbed() {
        absorbed = true;
    }

    boolean takeAbsorbed() {
        boolean a = absorbed;
        absorbed = false;
        return a;
    }

    // ---- control leaving frames (Unwinder) -------------------------------------------------------

    /** The unwinder of this process; made when needed, since most processes never unwind early. */
    private Unwinder unwinder() {
        return new Unwinder(this, stack);
    }

    void breakLoop() {
        unwinder().breakLoop();
    }

    void continueLoop() {
        unwinder().continueLoop();
    }

    /** {@code exit()}: ends the whole process (§12.2). */
    void exitProcess(Value status, Value result, Value error) {
        unwinder().exitProcess(status, result, error);
    }

    /** {@code return()}: ends the current invocation (§11.3, D96). */
    void returnFromInvocation(Value result, Value status, Value error) {
        unwinder().returnFromInvocation(result, status, error);
    }

    /** {@code self()}: restarts the current invocation with its start values (D109). */
    void restartInvocation() {
        unwinder().restartInvocation();
    }

    /**
     * Restarts a fork or pfor child from a fresh copy of what it started with (D110), when
     * {@code inv} is such a child's root; returns whether it did.
     */
    boolean restartAsChild(Invocation inv) {
        if (inv != root || childStart == null) {
            return false;
        }
        enterChild();
        return true;
    }

    /** A connector stopped on the failed {@code job} (§10.2): a forced termination. */
    void forcedTermination(JobCode job) {
        unwinder().forcedTermination(job);
    }

    /** Unwinds to the nearest try, or ends the process ABORTED (§10.3). */
    void terminate(Termination t) {
        unwinder().terminate(t);
    }

    /** Returns the run-time diagnostic of D107: location, message and the call stack. */
    String diagnostic(String message, Span span) {
        return unwinder().diagnostic(message, span);
    }

    // ---- sessions (§9.9) -------------------------------------------------------------------------

    /** Marks a session as open, or fails if one is open already (one session per process). */
    void sessionStarting() {
        if (sessionOpen) {
            throw new JobflowError(ErrorCode.R_SESSION, "session already open in this process");
        }
        sessionOpen = true;
    }

    void sessionEnded() {
        sessionOpen = false;
    }

    /** The engine's timer, for a session's partial lines (D88) and library call timeouts. */
    ScheduledExecutorService timer() {
        return services.timer();
    }

    // ---- ending ----------------------------------------------------------------------------------

    /** Ends the process with {@code status}; {@code failure} says why when it ends abnormally. */
    void finish(Value status, Value result, Value error, RuntimeFailure failure) {
        long exit = status instanceof IntegerValue i && i.fitsLong() ? i.longValue() : 1;
        ProcessState end = exit == 0 ? ProcessState.DONE : ProcessState.ABORTED;
        ProcessOutcome ended = new ProcessOutcome(end, exit, result, error, failure);
        int slots;
        synchronized (lock) {
            if (state.isFinished()) {
                return;
            }
            state = end;
            finished = true;
            slots = (holdsSlot ? 1 : 0) + (pendingSlot ? 1 : 0);
            holdsSlot = false;
            pendingSlot = false;
        }
        stack.discardAll(this);
        services.multiplicity().releaseAll(this);
        if (!shuttingDown) {
            if (keepsFinishedRecord()) {
                saveFinishedRecord(ended);
                removeRecordsOf(joinedChildren);
            } else {
                removeCheckpoint();
                if (services.checkpoints() != null) {
                    removeRecordsOf(joinedChildren);
                }
            }
        }
        for (int i = 0; i < slots; i++) {
            services.limiter().release();
        }
        Instant now = Instant.now(services.clock());
        record.end(ended, now);
        if (!shuttingDown) {
            MonitoringMail.afterEnd(this, ended, now);
        }
        completion.complete(ended);
    }

    /**
     * Whether this process, ending, leaves a finished record: a child in checkpoint mode whose parent
     * has not joined it yet, so that a parent resumed after a crash knows it ended and how.
     */
    private boolean keepsFinishedRecord() {
        Machine parent = record.parent();
        return everSaved && record.checkpointMode && services.checkpoints() != null && parent != null && !record.isDetached()
                && parent.isCheckpointMode();
    }

    private void saveFinishedRecord(ProcessOutcome ended) {
        try {
            services.checkpoints().save(pid, ProcessSnapshots.writeFinished(this, ended));
        } catch (IOException | IllegalStateException e) {
            LOG.warn("cannot save the finished record of process {}", pid, e);
        }
    }

    private void removeCheckpoint() {
        // a process that never saved has nothing to remove: the children of a pfor without effects cost no file operations
        if (everSaved && services.checkpoints() != null) {
            try {
                services.checkpoints().remove(pid);
            } catch (IOException e) {
                LOG.warn("cannot remove the checkpoint of process {}", pid, e);
            }
        }
    }

    private void endTerminated() {
        RuntimeFailure failure = unwinder().terminated();
        stack.discardAll(this);
        finish(IntegerValue.ONE, root.result, StringValue.of("terminated"), failure);
    }

    // ---- services for jobs ----------------------------------------------------------------------

    /** Calls built-in function {@code name}. */
    Value callBuiltinFunction(String name, Arguments arguments) {
        if (name.equals("current")) {
            Signature.parse("current()").bind(arguments);
            return value();
        }
        if (name.equals("path")) {
            return PathFunction.call(arguments, services.tree(), invocation().flow.directory());
        }
        if (name.equals("channel")) {
            Signature.parse("channel()").bind(arguments);
            return ChannelValue.numbered(services.registry().newChannelNumber());
        }
        if (name.equals("mail_parse")) {
            return MailJobs.parse(services, arguments);
        }
        BuiltinFunction f = ExprCompiler.builtin(name);
        if (f == null) {
            throw new JobflowError(ErrorCode.R_CALL_FAILED, name + ": not available in this engine yet");
        }
        return f.call(f.signature().bind(arguments), services);
    }

    /** Evaluates an object path of the running jobflow (objects.md §1.3); a missing object is {@code R-NOTFOUND}. */
    Value resolveObject(String path) {
        ObjectTree tree = services.tree();
        String absolute = ObjectPaths.resolve(path, invocation().flow.directory());
        if (SchedulerValue.mounted(tree, absolute)) {
            return new SchedulerValue(tree, services.clock()).resolve(absolute);
        }
        StoredObject o = tree.require(path, invocation().flow.directory());
        return new ObjectValue(tree, o.id(), o.path());
    }

    /**
     * Runs {@code body} once this process holds a slot of {@code job}'s multiplicity (language.md §12.9, a
     * Jobflow or a ScriptJob), parking it until a slot frees; {@code body} runs at once when the
     * job has no multiplicity. The caller releases the slot with {@link #releaseSlotOf}.
     */
    void withSlotOf(StoredObject job, Runnable body) {
        int limit = JobflowCalls.multiplicityOf(services.tree(), job);
        if (limit == 0 || services.multiplicity().acquire(job.id(), limit, this, body)) {
            body.run();
        } else {
            parkUntilWoken(() -> { });
        }
    }

    /** Gives back one hold of a slot taken by {@link #withSlotOf}; nothing when none is held. */
    void releaseSlotOf(StoredObject job) {
        services.multiplicity().release(job.id(), this);
    }

    /** Resolves the connection of a command from its control variables (objects.md §6.3). */
    ConnectionResolver.Resolved resolveConnection(Map<String, Value> local, Map<String, Value> env) {
        return new ConnectionResolver(local, env, services.tree(), invocation().flow.directory()).resolve();
    }

    /**
     * The realm whose job managers run a command for {@code host} (objects.md §4.15), with
     * {@code explicit} the value of {@code __realm__}; empty when no enabled realm serves the host.
     */
    java.util.Optional<String> realmOf(Value explicit, String host) {
        return Realms.of(services.tree(), invocation().flow.directory(), explicit, host);
    }

    EngineServices services() {
        return services;
    }

    /** Returns the {@code $ENV} entry for a control variable, or null (D57). */
    Value environmentControl(String name) {
        Value v = invocation().env.get(name);
        return v == null ? NullValue.NULL : v;
    }

    /**
     * Returns the transport of {@code conntype}, or Java null after making the job of {@code inv} a
     * failure to reach its target (status -1): the one place that says a connection type has no transport.
     */
    Transport transportFor(String conntype, Invocation inv) {
        Transport transport = services.transportFor(conntype);
        if (transport == null) {
            Commands.unreachable(inv, "no transport for connection type '" + conntype + "'");
        }
        return transport;
    }

    Clock clock() {
        return services.clock();
    }

    /** Writes the show-commands line of D73 before a command runs, when the engine asks for it. */
    void echoCommand(CommandRequest request) {
        if (services.showCommands()) {
            console(CommandLine.consoleLine(request.target(), request.sudo(), request.command()));
        }
    }

    /** Writes what a library function printed to the console, ending in a line feed. */
    void printed(String text) {
        if (!text.isEmpty()) {
            console(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        }
    }

    /** Writes {@code line} and a line feed to the console. */
    void console(String line) {
        String text = line + "\n";
        console.keep(text);
        services.console().output(pid, text);
    }

    /** {@code suspend()} from the jobflow itself. */
    void suspendSelf() {
        synchronized (lock) {
            suspendRequested = true;
        }
    }

    // ---- JobflowProcess ----------------------------------------------------------------------------

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public ProcessState state() {
        synchronized (lock) {
            boolean suspended = state == ProcessState.WAITING && (suspendedAtBoundary || resumeAction != null);
            return suspended ? ProcessState.SUSPENDED : state;
        }
    }

    @Override
    public boolean isSuspended() {
        synchronized (lock) {
            return suspendRequested;
        }
    }

    @Override
    public String console() {
        return console.text();
    }

    @Override
    public CompletableFuture<ProcessOutcome> completion() {
        return completion;
    }

    @Override
    public void suspend() {
        suspendSelf();
        attachedChildren().forEach(Machine::suspend);
    }

    /** Returns the children that have not detached and have not ended. */
    private List<Machine> attachedChildren() {
        List<Machine> attached = new ArrayList<>(record.children());
        attached.removeIf(c -> c.isDetached() || c.state().isFinished());
        return attached;
    }

    @Override
    public void resume() {
        Runnable action;
        synchronized (lock) {
            suspendRequested = false;
            action = resumeAction;
            resumeAction = null;
            if (suspendedAtBoundary) {
                action = () -> { };
            }
            suspendedAtBoundary = false;
        }
        if (action != null) {
            wakeWith(action);
        }
        attachedChildren().forEach(Machine::resume);
    }

    /**
     * Stops the process because the engine shuts down: like {@link #terminate()}, but the last
     * checkpoint of a process in checkpoint mode stays in the store, so that the next engine resumes it.
     */
    public void stopForShutdown() {
        shuttingDown = true;
        attachedChildren().forEach(Machine::stopForShutdown);
        terminate();
    }

    @Override
    public void terminate() {
        attachedChildren().forEach(Machine::terminate);
        Runnable cancel;
        synchronized (lock) {
            if (state.isFinished() || terminateRequested) {
                return;
            }
            terminateRequested = true;
            if (state != ProcessState.WAITING) {
                CompletableFuture<?> waitingOn = blocking;
                if (waitingOn != null) {
                    waitingOn.cancel(true);
                }
                return;
            }
            cancel = cancelWait;
            cancelWait = null;
            state = ProcessState.READY;
        }
        if (cancel != null) {
            cancel.run();
        }
        services.carriers().execute(this::drive);
    }

    /** A carrier task that runs this process, then those it hands the thread to. */
    private void drive() {
        CarrierHandOff.drive(this, services);
    }

    /** Returns whether the process is parked by a suspension at a job boundary (the state a snapshot needs). */
    boolean isSuspendedAtBoundary() {
        synchronized (lock) {
            return state == ProcessState.WAITING && suspendedAtBoundary;
        }
    }

    Invocation rootInvocation() {
        return root;
    }

    /**
     * Returns a registered process with pid {@code pid} and no state yet, for {@link ProcessRestorer}
     * to fill in: with {@link #restoreState} and {@link #startRestored}, or {@link #restoreFinished}.
     */
    static Machine shell(long pid, EngineServices services) {
        Machine m = new Machine(pid, services);
        services.registry().reservePid(pid);
        services.registry().register(m);
        return m;
    }

    /** Gives a shell the state it was saved with: its root invocation, frames (bottom first), console and modes. */
    void restoreState(Invocation savedRoot, List<Frame> frames, String savedConsole, boolean[] modes, Instant started) {
        root = savedRoot;
        record.stepMode = modes[0];
        record.checkpointMode = modes[1];
        frames.forEach(stack::push);
        console.keep(savedConsole);
        record.started(started);
        everSaved = true;
    }

    /** Makes a shell the record of a process that has ended with {@code outcome}. */
    void restoreFinished(String jobflow, ProcessOutcome outcome, Instant started, String savedConsole) {
        everSaved = true; // a record may be there, which its parent removes once it no longer needs it
        record.jobflow = jobflow;
        record.started(started);
        console.keep(savedConsole);
        synchronized (lock) {
            state = outcome.state();
            finished = true;
        }
        record.end(outcome, Instant.now(services.clock()));
        completion.complete(outcome);
    }

    /** Makes this child one that is never saved: it has no effects and runs again with its parent after a crash. */
    void rerunWithParent() {
        rerunsWithParent = true;
    }

    /** Gives a restored record of a process that has ended its parent back, without joining it. */
    void restoredParent(Machine parent) {
        record.parentOnly(parent);
    }

    /**
     * Takes a restored child that this restored process had joined before its last save: its record
     * goes with this process's next checkpoint, as it would have without the crash.
     */
    void joinedBeforeRestore(Machine child) {
        joined(List.of(child));
    }

    /** Lets a restored process go on: suspended, it waits to be resumed; else it runs from where it was saved. */
    void startRestored(boolean suspended) {
        if (suspended) {
            synchronized (lock) {
                suspendRequested = true;
                suspendedAtBoundary = true;
                state = ProcessState.WAITING;
            }
            return;
        }
        state = ProcessState.NEW;
        if (services.limiter().acquireOrWait(this::startHoldingSlot)) {
            startHoldingSlot();
        }
    }

    /** Evaluates the default of the only parameter of {@code flow} in an empty scope (text parameters, D94). */
    public static Value evaluateDefault(CompiledProgram flow, EngineServices services) {
        Machine m = new Machine(0, services);
        m.root = new Invocation(flow, null, Span.NONE, services.environment().get());
        CompiledProgram.Parameter p = flow.parameters().get(0);
        return p.defaultValue().eval(m.root.scope, m);
    }

    // ---- the process record and fork/pfor --------------------------------------------------------

    /** Returns the Process value of this process. */
    ProcessValue value() {
        return record.value(this);
    }

    /** Returns how the process ended, or Java null while it is active. */
    ProcessOutcome outcome() {
        return record.outcome();
    }

    Machine parentProcess() {
        return record.parent();
    }

    boolean isDetached() {
        return record.isDetached();
    }

    ZoneId zone() {
        return services.zone();
    }

    String monitoringMode() {
        return record.monitoringMode;
    }

    void setStepMode(boolean on) {
        record.stepMode = on;
    }

    void setCheckpointMode(boolean on) {
        record.checkpointMode = on;
    }

    void setMonitoringMode(String mode) {
        record.monitoringMode = mode;
    }

    /** Calls {@code listener} when the process ends (at once if it has); returns the handle that removes it. */
    Waitable.Registration onEnd(Runnable listener) {
        return record.onEnd(listener);
    }

    /** {@code detach()}: the parent no longer waits for this process nor counts it (language.md §12.3, D98). */
    void detach() {
        Join parentJoin = record.detach();
        if (parentJoin != null) {
            parentJoin.leave();
        }
    }

    @Override
    public void delete() {
        if (!state().isFinished()) {
            throw new IllegalStateException("process " + pid + " is still active; terminate it before deleting it");
        }
        for (Machine child : record.children()) {
            if (child.state().isFinished()) {
                child.delete();
            }
        }
        services.registry().remove(this);
    }

    /**
     * Takes a slot of the process limit for a new child, or parks until one frees (the caller
     * returns and tries again when woken). Returns whether the slot is held now.
     */
    boolean acquireSlot() {
        synchronized (lock) {
            if (pendingSlot) {
                pendingSlot = false;
                return true;
            }
        }
        if (services.limiter().acquireOrWait(this::grantSlot)) {
            return true;
        }
        parkUntilWoken(() -> { });
        return false;
    }

    private void grantSlot() {
        boolean ended;
        synchronized (lock) {
            ended = state.isFinished();
            pendingSlot = !ended;
        }
        if (ended) {
            services.limiter().release();
        } else {
            wakeWith(() -> { });
        }
    }

    /**
     * Creates a child process that runs {@code body} with a deep copy of the variables visible in
     * {@code scope} and of the status variables (§6.3); a pfor child gets {@code loopValue} bound
     * in a block scope of its own. It inherits the modes; it is started by the caller.
     */
    Machine forkChild(CompiledProgram.FlowCode body, Scope scope, Invocation from, Value loopValue, Join parentJoin) {
        return forkChild(body, scope, from, loopValue, parentJoin, services.registry().newPid());
    }

    /** Forks a child with pid {@code pid} (a restored parent starting again a child that had not run yet). */
    Machine forkChild(CompiledProgram.FlowCode body, Scope scope, Invocation from, Value loopValue, Join parentJoin, long pid) {
        services.registry().reservePid(pid);
        Machine child = new Machine(pid, services);
        child.record.childOf(this, record, parentJoin);
        child.childStart = new ChildStart(body, scope, from, loopValue);
        child.enterChild();
        record.adopt(child);
        services.registry().register(child);
        return child;
    }

    /**
     * Makes a restored process the child of this one again (§9.7): counted by {@code parentJoin}
     * unless it has ended or detached, with {@code start} for its {@code self()}.
     */
    void adoptRestored(Machine child, Join parentJoin, ChildStart start) {
        child.childStart = start;
        record.adopt(child);
        if (!child.state().isFinished()) {
            child.record.childOf(this, record, parentJoin);
        } else {
            child.record.parentOnly(this);
        }
    }

    /** Makes a fork or pfor child's stack a fresh start from its {@link ChildStart}. */
    private void enterChild() {
        root = childStart.invocation();
        stack.clear();
        stack.push(root.rootFrame);
    }

    // ---- JobflowProcess: the record ------------------------------------------------------------------

    /** Makes this the run that the Schedule object {@code scheduleId} started (J230); call before {@link #start()}. */
    public void startedBy(long scheduleId) {
        record.schedule = scheduleId;
    }

    @Override
    public java.util.OptionalLong scheduleId() {
        long id = record.schedule;
        return id == 0 ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(id);
    }

    /** The {@code schedule} property: the Schedule object that started the process, null when none (or deleted). */
    Value schedule() {
        long id = record.schedule;
        return id == 0 ? NullValue.NULL : services.tree().get(id)
                .<Value>map(o -> new ObjectValue(services.tree(), o.id(), o.path())).orElse(NullValue.NULL);
    }

    @Override
    public String jobflow() {
        return root != null ? root.flow.name() : record.jobflow;
    }

    @Override
    public Optional<JobflowProcess> parent() {
        return Optional.ofNullable(record.parent());
    }

    @Override
    public List<JobflowProcess> children() {
        return List.copyOf(record.children());
    }

    @Override
    public Instant startedTime() {
        return record.startedAt();
    }

    @Override
    public Optional<Instant> finishedTime() {
        return Optional.ofNullable(record.finishedAt());
    }

    @Override
    public int currentLine() {
        return record.currentLine;
    }

    @Override
    public boolean isStepMode() {
        return record.stepMode;
    }

    @Override
    public boolean isCheckpointMode() {
        return record.checkpointMode;
    }

    /** Returns the frames, bottom first (for serialization). */
    List<Frame> frames() {
        return stack.bottomFirst();
    }
}
