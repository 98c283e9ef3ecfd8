export type LogFields = Record<string, unknown>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** One JSON object per line, so log collectors can parse it without configuration. */
export function createJsonLogger(
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
) {
  const log = (level: 'info' | 'error') => (msg: string, fields?: LogFields) =>
    write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }));
  return { info: log('info'), error: log('error') } satisfies Logger;
}

/** For tests: they assert on responses, not on log lines. */
export const silentLogger: Logger = { info: () => {}, error: () => {} };
