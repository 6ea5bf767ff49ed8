import { stopRunningCommands } from './run.js';

let requested: { signal: NodeJS.Signals; at: number } | undefined;

// npm forwards the signal it gets to us while the terminal sends it to us too: one Ctrl-C arrives
// twice within milliseconds. Only a repeat after this long is a second, deliberate Ctrl-C.
const duplicateWindowMs = 1500;

/** The signal that asked us to stop, once one did. */
export function stopRequested(): NodeJS.Signals | undefined {
  return requested?.signal;
}

/** First Ctrl-C (or SIGTERM, SIGHUP): stop gracefully. A second one: kill what is left and leave. */
export function onStopSignal(stopGracefully: (signal: NodeJS.Signals) => Promise<void>, killNow: () => void): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (requested) {
        if (Date.now() - requested.at < duplicateWindowMs) return;
        console.log(`\n▸ ${signal} again: killing what is left`);
        killNow();
        process.exit(130);
      }
      requested = { signal, at: Date.now() };
      console.log(`\n▸ ${signal}: stopping (press Ctrl-C again to kill at once)`);
      stopRunningCommands(signal);
      void stopGracefully(signal);
    });
  }
}
