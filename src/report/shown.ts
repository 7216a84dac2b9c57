/**
 * What a page and a CI's test report show of a long text. report.json and failures.har keep every byte (replay reads
 * them), but a body of 1.5 MiB shown whole in each failure made a two-bug provider's report.html 21 MB and its
 * junit.xml 16 MB: there a body is cut after its first 16 Ki characters, and a curl line that long gives way to the
 * replay command.
 */

/** The characters of a body shown before the rest is left out. */
export const SHOWN_CHARS = 16 * 1024;

/** `text` cut after `SHOWN_CHARS` (never inside a surrogate pair), its last line saying how much was left out. */
export function shownText(text: string): string {
  if (text.length <= SHOWN_CHARS) return text;
  const code = text.charCodeAt(SHOWN_CHARS - 1);
  const end = code >= 0xd800 && code <= 0xdbff ? SHOWN_CHARS - 1 : SHOWN_CHARS;
  return `${text.slice(0, end)}\n… ${(text.length - end).toLocaleString('en-US')} more characters (the whole body is in report.json)`;
}

/** Whether a line that reproduces a request is too long to show (a curl line carrying a large body). */
export function tooLongToShow(line: string): boolean {
  return line.length > SHOWN_CHARS;
}

/**
 * What stands in for a curl line too long to show: why, and the replay command that sends the request from
 * `reportJson` (the path the run wrote it to, read from where the run ran: replay finds the spec as the run did).
 */
export function replayInstead(ref: string, chars: number, reportJson = 'report.json'): readonly [string, string] {
  const which = ref.startsWith('P') ? 'problem' : 'failure';
  return [
    `the curl line is ${chars.toLocaleString('en-US')} characters long, too long to show: replay the request from report.json, where the run ran`,
    `npx conformance replay ${reportJson} --${which} ${ref}`,
  ];
}

/** Where the writers of a run's files say its report.json is. */
export interface ShownOptions {
  /** report.json as the run wrote it (`reports/report.json`); `report.json` where not given. */
  readonly reportJson?: string;
}
