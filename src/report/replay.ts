// Rebuilding what a reported failure sent, for `conformance replay`: the case, read back by case-record.ts (replay sends it
// to the target's operation path as run does, in runner/send.ts).
export { caseFromFailure, inferAuth } from './case-record.ts';
