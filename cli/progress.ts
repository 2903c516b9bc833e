/**
 * Progress of long work on a terminal (standard error, only when it is one): one line rewritten in
 * place at most five times a second, cleared when the work ends or is interrupted.
 */
import { onInterrupt } from './interrupt';

export interface Progress {
  (text: string): void;
  /** Clears the progress line, if one was written. */
  clear(): void;
}

/** A progress line on standard error when it is a terminal; null otherwise. */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress | null {
  if (!stream.isTTY) return null;
  let last = 0;
  let visible = false;
  const clear = (): void => {
    if (visible) stream.write('\r\u001b[K');
    visible = false;
  };
  const report = (text: string): void => {
    const now = Date.now();
    if (now - last < 200) return;
    last = now;
    visible = true;
    stream.write(`\r${text}\u001b[K`);
  };
  const release = onInterrupt(clear);
  return Object.assign(report, {
    clear: () => {
      release();
      clear();
    },
  });
}

const count = new Intl.NumberFormat('en-US');

/** "1 min 05 s", "42 s", "2 h 03 min". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/**
 * Monte Carlo progress lines: "Monte Carlo: 12,480 of 100,000 draws (12%), about 1 min 45 s
 * left". The estimate starts once a second of drawing has been seen.
 */
export function monteCarloProgress(
  report: (text: string) => void,
  now: () => number = Date.now,
): (done: number, total: number) => void {
  let firstAt: number | null = null;
  let firstDone = 0;
  return (done, total) => {
    if (done === 0) {
      report(`Monte Carlo: starting ${count.format(total)} draws…`);
      return;
    }
    const t = now();
    if (firstAt === null) {
      firstAt = t;
      firstDone = done;
    }
    const percent = Math.floor((100 * done) / total);
    let line = `Monte Carlo: ${count.format(done)} of ${count.format(total)} draws (${percent}%)`;
    const elapsed = t - firstAt;
    if (elapsed >= 1000 && done > firstDone && done < total) {
      const left = ((total - done) * elapsed) / (done - firstDone);
      line += `, about ${formatDuration(left)} left`;
    }
    report(line);
  };
}
