export interface StaticServer {
  url(path: string): string;
  close(): Promise<void>;
}
export function startStaticServer(root: string): Promise<StaticServer>;
