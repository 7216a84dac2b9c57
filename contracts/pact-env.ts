// Imported first by the contract tests: Pact must not phone home, and reads this at run time.
process.env['PACT_DO_NOT_TRACK'] ??= 'true';
