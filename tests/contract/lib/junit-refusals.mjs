import { readFileSync, writeFileSync } from 'node:fs';

// newman's JUnit reporter counts a request error as an error of the request's testsuite, also for the oversized body
// that the server refused by closing the connection; the check script counted that as the refusal (a passing assertion,
// scripts/contract-check.js), and so does the summary of lib/run-newman.mjs. The testsuite gets errors="0" and keeps its system-err
// text, marked, so that the report and the counts in .ci/run agree. Any other error (another request, another error
// code, a script error) stays.
export function countClosedOversizedBodiesAsRefused(file) {
  const xml = readFileSync(file, 'utf8');
  const fixed = xml.replace(/<testsuite\b[^>]*>[\s\S]*?<\/testsuite>/g, suite => {
    const open = suite.match(/^<testsuite\b[^>]*>/)[0];
    const name = open.match(/\bname="([^"]*)"/)?.[1] ?? '';
    const errors = Number(open.match(/\berrors="(\d+)"/)?.[1] ?? 0);
    const err = suite.match(/<system-err>([\s\S]*?)<\/system-err>/)?.[1] ?? '';
    const requestErrors = err.match(/RequestError: /g)?.length ?? 0;
    const closed = err.match(/RequestError: [^\n]*\b(EPIPE|ECONNRESET)\b/g)?.length ?? 0;
    if (!/\[body of 1 MiB\]$/.test(name) || errors === 0 || /ScriptError: /.test(err) || closed !== requestErrors || closed !== errors) {
      return suite;
    }
    return suite
      .replace(open, open.replace(/\berrors="\d+"/, 'errors="0"'))
      .replace('<system-err>', '<system-err>Counted as the refusal: the server closed the connection on the oversized body.\n');
  });
  if (fixed !== xml) writeFileSync(file, fixed);
}
