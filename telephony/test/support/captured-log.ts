import { type Logger, pino } from 'pino';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger whose lines (warn and above by default) the test can read. */
export function capturedLog(level: 'debug' | 'info' | 'warn' | 'error' = 'warn'): {
  logger: Logger;
  lines: LogLine[];
  errors: () => LogLine[];
} {
  const lines: LogLine[] = [];
  const logger = pino({ level }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  return { logger, lines, errors: () => lines.filter((l) => l.level >= 50) };
}
