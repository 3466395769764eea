/**
 * A background loop that runs `tick` every `intervalMs()` after the previous tick ended
 * (never two at once), logs a failing tick and goes on, and stops cleanly: `stop()`
 * waits for the tick in progress. `runNow()` runs one tick at once (tests, workers),
 * sharing a tick already running. The timers, the outbox relay and the in-process job
 * queue poll this way.
 */
export class PollLoop {
  private timeout?: NodeJS.Timeout;
  private running?: Promise<number>;
  private started = false;
  private halted = false;

  constructor(
    private readonly tick: () => Promise<number>,
    private readonly intervalMs: () => number,
    private readonly onError: (message: string) => void,
  ) {}

  /** After stop: a tick working through a batch should end early. */
  get stopped(): boolean {
    return this.halted;
  }

  start(): void {
    if (this.started || this.halted) return;
    this.started = true;
    this.schedule();
  }

  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timeout);
    await this.running?.catch(() => undefined);
  }

  /** Runs one tick now; resolves to what it did (e.g. how many rows it handled). */
  runNow(): Promise<number> {
    this.running ??= this.tick().finally(() => (this.running = undefined));
    return this.running;
  }

  private schedule(): void {
    if (this.halted) return;
    this.timeout = setTimeout(() => {
      void this.runNow()
        .catch((error) => this.onError(error instanceof Error ? error.message : String(error)))
        .finally(() => this.schedule());
    }, this.intervalMs());
    this.timeout.unref();
  }
}
