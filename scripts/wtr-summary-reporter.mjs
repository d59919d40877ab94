/**
 * Prints one plain `N passed, N failed` line (with `, N skipped` when tests were skipped) after the
 * run, counted over every test file and browser, so CI logs show the totals in a fixed form.
 */
export function summaryLineReporter() {
  let counts = { passed: 0, failed: 0, skipped: 0 };

  function count(suite) {
    for (const test of suite.tests) {
      if (test.skipped) counts.skipped++;
      else if (test.passed) counts.passed++;
      else counts.failed++;
    }
    for (const child of suite.suites) count(child);
  }

  return {
    onTestRunFinished({ sessions }) {
      counts = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        // A file that failed to load or threw outside a test counts as one failed test.
        if (!session.passed && (!session.testResults || session.errors.length > 0)) counts.failed++;
      }
    },
    stop() {
      const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : '';
      process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed${skipped}\n`);
    },
  };
}
