export function buildServer(outdir?: string): Promise<string>;
export const SERVER_NODE_FLAGS: string[];
export const SERVER_ENV: Record<string, string>;
/** Node arguments (flags and the built main.js) of a build for this process. */
export function buildServerForThisProcess(): Promise<string[]>;
