/** Output channels, so that tests can capture them. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
}
