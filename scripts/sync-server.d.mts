export interface SyncServer {
  url: string;
  dataDir: string;
  logs: string[];
  stop(): Promise<void>;
}
export function startSyncServer(options?: {
  dataDir?: string;
  env?: Record<string, string>;
}): Promise<SyncServer>;
