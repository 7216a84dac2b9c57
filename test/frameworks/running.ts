/** A framework provider listening on 127.0.0.1. */
export interface RunningFramework {
  /** Stands for the spec's servers[0].url. */
  readonly url: string;
  close(): Promise<void>;
}
