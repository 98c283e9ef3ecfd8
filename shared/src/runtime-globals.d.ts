// shared/ runs in Node and in the browser; its lib is plain ES with no DOM, so the few web-platform
// globals that both runtimes provide are declared here rather than pulling in the whole DOM.
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly href: string;
  readonly protocol: string;
  readonly hostname: string;
  readonly host: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
  toString(): string;
}

/** WHATWG TextDecoder (Node and browsers): CSV import decodes UTF-8, and GB18030 from Chinese Excel. */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: Uint8Array | ArrayBuffer, options?: { stream?: boolean }): string;
}
