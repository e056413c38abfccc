// Runs the generated collection with newman, once per role, in two passes, after arranging what the role's writes need
// (lib/arrange.mjs; its webhooks go to the receiver in NML_CONTRACT_HOOK_URL, lib/webhook-receiver.mjs):
//   main         the main request of every operation, in order (it assigns the ids the later requests use)
//   variations   the variations, without those that cannot reach the input for this role: the variations of an
//                operation whose main request got 403 (the same 403 would come first), and, except for the roles in
//                AUTH_FUZZ_ROLES and QUERY_FUZZ_ROLES (Admin: it may call every list and sees all data), those without a
//                valid key and those of query parameters (they do not depend on the role)
// Reports:
//   <out>/junit-<Role>-<pass>.xml   newman's JUnit reporter (a testsuite per request, a testcase per assertion)
//   <out>/summary.json              per role: requests, assertions, failures, statuses, the 5xx answers and the failures
//   <out>/summary.md                the same for people; it is also printed
// Usage: node lib/run-newman.mjs <collection> <env-dir> <out-dir> <Role>...
// Exit status 1 when an assertion failed, a script failed, a request got no answer or the arranging failed; 2 when the
// collection is not what lib/prepare.mjs expects (no variations folder, a main request missing).
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { arrange } from './arrange.mjs';
import { countClosedOversizedBodiesAsRefused } from './junit-refusals.mjs';

const require = createRequire(import.meta.url);
const newman = require('newman');

const AUTH_FUZZ_ROLES = ['Admin'];
const QUERY_FUZZ_ROLES = ['Admin'];
const VARIATIONS_FOLDER = 'Variation Tests';
const MAX_FAILURES_KEPT = 400;

// A server may answer 413 and close the connection before it has read a large body; the socket then reports EPIPE or
// ECONNRESET outside newman's callbacks. newman still records the request (with its answer or as a request error).
process.on('uncaughtException', err => {
  if (err && (err.code === 'EPIPE' || err.code === 'ECONNRESET')) return;
  console.error(err);
  process.exit(2);
});

const [collectionPath, envDir, outDir, ...roles] = process.argv.slice(2);
const collection = JSON.parse(readFileSync(collectionPath, 'utf8'));
const mainFolders = collection.item.filter(f => f.name !== VARIATIONS_FOLDER);
const variationFolder = collection.item.find(f => f.name === VARIATIONS_FOLDER);
const expected = JSON.parse(readFileSync(join(envDir, 'expected.json'), 'utf8'));

// ---- the collection is what prepare.mjs asked for --------------------------------------------------------------------
// A renamed folder or a changed naming in portman must not silently leave out the variations (or main requests).
const leaves = items => items.flatMap(i => (i.item ? leaves(i.item) : [i]));
const stop = message => {
  console.error(`run-newman: ${message}`);
  process.exit(2);
};
if (!variationFolder) stop(`the collection has no folder '${VARIATIONS_FOLDER}' (folders: ${collection.item.map(f => f.name).join(', ')}): no variation would run`);
const mainNames = leaves(mainFolders).map(i => i.name).sort();
const missing = expected.summaries.filter(summary => !mainNames.includes(summary));
if (missing.length || mainNames.length !== expected.summaries.length) {
  stop(`the main folders hold ${mainNames.length} requests for ${expected.summaries.length} operations; missing: ${missing.join(' | ') || 'none'}`);
}
const variationItems = leaves(variationFolder.item);
const strays = variationItems.filter(i => !expected.summaries.some(summary => i.name.startsWith(summary + '[')));
if (strays.length) stop(`variations whose name is not '<summary>[<variation>]': ${strays.slice(0, 5).map(i => i.name).join(' | ')}`);
const generated = new Set(variationItems.map(i => i.name.slice(i.name.indexOf('['))));
const lost = expected.variationNames.filter(v => !generated.has(`[${v}]`));
if (lost.length) stop(`portman generated no request for these variations of portman-config.json: ${lost.slice(0, 10).join(' | ')}`);
// newman adds "Content-Type: application/json" to a raw JSON body that has none; the variation wants none at all.
for (const item of variationItems.filter(i => i.name.endsWith('[content type missing]'))) {
  item.protocolProfileBehavior = { ...(item.protocolProfileBehavior ?? {}), disabledSystemHeaders: { 'content-type': true } };
}
process.stdout.write(`collection: ${mainNames.length} main requests, ${variationItems.length} variations\n`);

// ---- the webhook receiver of the run (lib/webhook-receiver.mjs, started by run.sh) --------------------------------------
const hookUrl = process.env.NML_CONTRACT_HOOK_URL;
if (!hookUrl) stop('NML_CONTRACT_HOOK_URL (the webhook receiver of the run) is not set');
if (!roles.length) stop('no role to run');
const environments = {};
for (const file of readdirSync(envDir).filter(f => /^env-\w+\.json$/.test(f))) {
  const env = JSON.parse(readFileSync(join(envDir, file), 'utf8'));
  env.values.push({ key: 'hookUrl', value: hookUrl, type: 'default', enabled: true });
  environments[file.slice(4, -5)] = env;
}
const envValue = (env, key) => env.values.find(v => v.key === key)?.value;
const keys = Object.fromEntries(Object.entries(environments).map(([role, env]) => [role, envValue(env, 'apiKey')]));

function newResult(role) {
  return { role, requests: 0, assertions: 0, failed: 0, requestErrors: 0, seconds: 0, statuses: {}, serverErrors: [], failures: [],
    mainRequests: 0, variationRequests: 0 };
}

function runPass(result, pass, passCollection, environment) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const mainStatus = {};
    let last = null;
    let variables = passCollection.variable;
    const emitter = newman.run({
      collection: passCollection,
      environment,
      reporters: ['junit'],
      reporter: { junit: { export: join(outDir, `junit-${result.role}-${pass}.xml`) } },
      timeoutRequest: 60000,
      ignoreRedirects: true,
      color: 'off',
    }, (err, summary) => {
      if (err) return reject(err);
      result.seconds = Math.round((result.seconds + (Date.now() - started) / 1000) * 10) / 10;
      for (const f of summary.run.failures) {
        // newman also lists the oversized body refused by closing the connection as a failed request: it is a refusal.
        const closedOnOversizedBody = /\[body of 1 MiB\]$/.test(f.source?.name ?? '')
          && (['EPIPE', 'ECONNRESET'].includes(f.error?.code) || /\b(EPIPE|ECONNRESET)\b/.test(String(f.error?.message)));
        if (f.error?.name !== 'AssertionError' && !closedOnOversizedBody) {
          result.failed++;
          result.failures.push({ request: f.source?.name, assertion: `${f.at}: ${f.error?.name}`, message: String(f.error?.message).slice(0, 600) });
        }
      }
      try {
        countClosedOversizedBodiesAsRefused(join(outDir, `junit-${result.role}-${pass}.xml`));
      } catch (e) {
        return reject(e);
      }
      resolve({ mainStatus, variables });
    });
    emitter.on('request', (err, args) => {
      result.requests++;
      if (pass === 'main') result.mainRequests++;
      else result.variationRequests++;
      // An oversized body refused by closing the connection (see scripts/contract-check.js) is not a request without an answer.
      const closedOnOversizedBody = Boolean(err) && /\[body of 1 MiB\]$/.test(args.item.name) && ['EPIPE', 'ECONNRESET'].includes(err.code);
      const status = closedOnOversizedBody ? 'closed (body over the limit)' : err ? 'no answer' : String(args.response.code);
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      mainStatus[args.item.name] = status;
      last = { item: args.item.name, method: args.request.method, url: args.request.url.toString().slice(0, 200), status, body: '' };
      if (err && !closedOnOversizedBody) {
        result.requestErrors++;
        last.body = String(err.message ?? err);
      } else if (!err && args.response.code >= 400) {
        last.body = args.response.text().slice(0, 600);
      }
      if (result.requests % 500 === 0) process.stdout.write(`  ${result.role}: ${result.requests} requests\n`);
    });
    // The collection variables as the last script left them (the ids that assignVariables picked up).
    emitter.on('script', (err, args) => {
      const scope = args?.execution?.collectionVariables;
      if (scope?.values) variables = typeof scope.values.toJSON === 'function' ? scope.values.toJSON() : scope.values;
    });
    emitter.on('assertion', (err, args) => {
      result.assertions++;
      if (!err) return;
      result.failed++;
      const failure = { request: last?.item ?? args.item.name, method: last?.method, url: last?.url, status: last?.status,
        assertion: args.assertion, message: String(err.message).slice(0, 600), response: last?.body };
      if (/ - no 5xx /.test(args.assertion)) result.serverErrors.push(failure);
      else if (result.failures.length < MAX_FAILURES_KEPT) result.failures.push(failure);
    });
  });
}

function keepVariation(role, mainStatus, name) {
  const cut = name.indexOf('[');
  const variation = name.slice(cut);
  if (mainStatus[name.slice(0, cut)] === '403') return false;
  if (/^\[(no api key|unknown api key|oversized api key)\]/.test(variation)) return AUTH_FUZZ_ROLES.includes(role);
  if (/^\[\?|^\[every parameter /.test(variation)) return QUERY_FUZZ_ROLES.includes(role);
  return true;
}

function filterItems(items, keep) {
  return items
    .map(i => (i.item ? { ...i, item: filterItems(i.item, keep) } : i))
    .filter(i => (i.item ? i.item.length > 0 : keep(i.name)));
}

const results = [];
for (const role of roles) {
  process.stdout.write(`newman: role ${role}\n`);
  const environment = environments[role];
  if (!environment) stop(`no environment for role ${role}`);
  const result = newResult(role);
  let arranged;
  try {
    arranged = await arrange({ baseUrl: envValue(environment, 'baseUrl'), keys, role, hookUrl, today: envValue(environment, 'today') });
  } catch (e) {
    result.failed++;
    result.failures.push({ request: 'arrange', assertion: `arrange for ${role}`, message: String(e.message).slice(0, 600) });
    results.push(result);
    process.stdout.write(`  ${role}: arranging failed: ${e.message}\n`);
    continue;
  }
  const variable = collection.variable.map(v => (v.key in arranged ? { ...v, value: arranged[v.key] } : v));
  for (const key of Object.keys(arranged)) if (!variable.some(v => v.key === key)) stop(`arrange sets ${key}, which is no collection variable`);
  const main = await runPass(result, 'main', { ...collection, variable, item: mainFolders }, environment);
  const kept = filterItems(variationFolder.item, name => keepVariation(role, main.mainStatus, name));
  await runPass(result, 'variations', { ...collection, variable: main.variables, item: [{ ...variationFolder, item: kept }] }, environment);
  // Every role runs all main requests and some variations; a pass that ran nothing would pass every check.
  if (result.mainRequests !== mainNames.length || result.variationRequests === 0) {
    result.failed++;
    result.failures.push({ request: 'run', assertion: `requests of ${role}`,
      message: `${result.mainRequests} main requests of ${mainNames.length}, ${result.variationRequests} variations` });
  }
  results.push(result);
  process.stdout.write(`  ${role}: ${result.requests} requests, ${result.assertions} assertions, ${result.failed} failed, ` +
    `${result.serverErrors.length} 5xx, ${result.requestErrors} without answer (${result.seconds}s)\n`);
}

// ---- reports ---------------------------------------------------------------------------------------------------------
writeFileSync(join(outDir, 'summary.json'), JSON.stringify(results, null, 2));
const lines = ['# Contract fuzzing (portman + newman)', '',
  '| role | main requests | variations | assertions | failed | 5xx | no answer | seconds | statuses |', '|---|---|---|---|---|---|---|---|---|'];
for (const r of results) {
  const statuses = Object.entries(r.statuses).sort().map(([s, n]) => `${s}: ${n}`).join(', ');
  lines.push(`| ${r.role} | ${r.mainRequests} | ${r.variationRequests} | ${r.assertions} | ${r.failed} | ${r.serverErrors.length} | ${r.requestErrors} | ` +
    `${r.seconds} | ${statuses} |`);
}
const hookCalls = process.env.NML_CONTRACT_HOOK_COUNT ? readFileSync(process.env.NML_CONTRACT_HOOK_COUNT, 'utf8').trim() : '?';
lines.push('', `The webhook receiver got ${hookCalls} deliveries.`);
const serverErrors = results.flatMap(r => r.serverErrors.map(f => ({ ...f, role: r.role })));
if (serverErrors.length) {
  lines.push('', `## 5xx answers (${serverErrors.length})`, '');
  for (const f of serverErrors) lines.push(`- ${f.role}: \`${f.request}\` ${f.method} ${f.url} → ${f.status}`);
}
const grouped = new Map();
for (const r of results) {
  for (const f of r.failures) {
    const key = f.assertion.replace(/ - \d{3} /, ' - ');
    const g = grouped.get(key) ?? { count: 0, roles: new Set(), example: f };
    g.count++;
    g.roles.add(r.role);
    grouped.set(key, g);
  }
}
if (grouped.size) {
  lines.push('', `## Other failures, by assertion (at most ${MAX_FAILURES_KEPT} kept per role; the first example shown)`, '');
  for (const [key, g] of [...grouped].sort((a, b) => b[1].count - a[1].count)) {
    const e = g.example;
    lines.push(`- **${key}** ×${g.count} (${[...g.roles].join(', ')})`,
      `  - request: \`${e.request}\` ${e.method ?? ''} ${e.url ?? ''} → ${e.status ?? ''}`,
      `  - ${e.message.replace(/\n/g, ' ')}`);
    if (e.response) lines.push(`  - response: \`${e.response.replace(/\n/g, ' ').slice(0, 300)}\``);
  }
}
writeFileSync(join(outDir, 'summary.md'), lines.join('\n') + '\n');
process.stdout.write('\n' + lines.join('\n') + '\n');

const failed = results.length !== roles.length || results.some(r => r.failed > 0 || r.requestErrors > 0 || r.assertions === 0);
process.exit(failed ? 1 : 0);
