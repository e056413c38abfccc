// Prepares a contract run from api-spec/openapi.json and tests/contract/portman-config.json:
//   <out>/portman-config.json   the portman configuration, with its operation groups (@...) expanded and one variation
//                               per request-body field (wrong type, out of range, oversized, bad format) added
//   <out>/env-<Role>.json       a newman environment per role: baseUrl, apiKey, demo ids and per-role values of the main bodies
//   <out>/contract-check.js     the check script with the documented responses and the expectations of expectations.json
// Usage: node lib/prepare.mjs <spec> <portman-config> <out-dir> <base-url> <Role=key>...
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [specPath, configPath, outDir, baseUrl, ...roleKeys] = process.argv.slice(2);
if (!roleKeys.length) {
  console.error('usage: node lib/prepare.mjs <spec> <portman-config> <out-dir> <base-url> <Role=key>...');
  process.exit(2);
}
const spec = JSON.parse(readFileSync(specPath, 'utf8'));
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const expectations = JSON.parse(readFileSync(new URL('../expectations.json', import.meta.url), 'utf8'));
mkdirSync(outDir, { recursive: true });
const fail = message => {
  console.error(`prepare: ${message}`);
  process.exit(2);
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];
const operations = [];
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    if (item[method]) operations.push({ path, method: method.toUpperCase(), op: item[method] });
  }
}
const schemas = spec.components?.schemas ?? {};
const deref = s => {
  while (s && s.$ref) s = schemas[s.$ref.split('/').pop()];
  return s;
};
// The non-null branch of `oneOf: [{type: null}, X]`, and the schema without null in its type list.
const unwrap = s => {
  s = deref(s);
  if (s?.oneOf) {
    const rest = s.oneOf.filter(x => x.type !== 'null');
    if (rest.length === 1) return unwrap(rest[0]);
  }
  return s;
};
const typesOf = s => [].concat(s?.type ?? []).filter(t => t !== 'null');
const jsonBodySchema = op => op.requestBody?.content?.['application/json']?.schema;
const param = (op, name, where) => (op.parameters ?? []).some(p => p.name === name && (!where || p.in === where));

// ---- operation groups used in portman-config.json ------------------------------------------------------------------
const groups = {
  '@all': operations.filter(o => o.path.startsWith('/api/')),
  '@with-json-body': operations.filter(o => jsonBodySchema(o.op)),
  '@with-id-path': operations.filter(o => param(o.op, 'id', 'path')),
  '@with-code-path': operations.filter(o => param(o.op, 'code', 'path')),
  '@with-if-match': operations.filter(o => param(o.op, 'If-Match', 'header')),
  '@with-idempotency-key': operations.filter(o => param(o.op, 'Idempotency-Key', 'header')),
  '@with-query': operations.filter(o => (o.op.parameters ?? []).some(p => p.in === 'query')),
};
// '@with-<name>-path': the operations with that path parameter.
for (const o of operations) {
  for (const p of (o.op.parameters ?? []).filter(x => x.in === 'path')) (groups[`@with-${p.name}-path`] ??= []).push(o);
}
// The check scripts tell a variation from its main request by the name: the summary, then [variation].
const summaries = operations.map(o => o.op.summary ?? '');
const badSummary = summaries.find((x, i) => !x || x.includes('[') || summaries.indexOf(x) !== i);
if (badSummary !== undefined) {
  console.error(`every operation needs a unique summary without '[': '${badSummary}'`);
  process.exit(2);
}
const expand = ids => ids.flatMap(id => (groups[id] ? groups[id].map(o => o.op.operationId) : [id]));
const expandTargets = list => {
  for (const entry of list ?? []) {
    if (Array.isArray(entry.openApiOperationIds)) entry.openApiOperationIds = [...new Set(expand(entry.openApiOperationIds))];
    if (Array.isArray(entry.excludeForOperations)) entry.excludeForOperations = expand(entry.excludeForOperations);
  }
};
expandTargets(config.tests?.contractTests);
expandTargets(config.tests?.variationTests);
expandTargets(config.overwrites);
expandTargets(config.assignVariables);

// ---- expectations (expectations.json) ------------------------------------------------------------------------------
// Every operation has the status its main request must get, per role; a new operation without one stops the run.
const ROLES = ['Admin', 'Matchingspunt', 'Corporatie', 'Zorgaanbieder', 'Gemeente'];
const operationIds = new Set(operations.map(o => o.op.operationId));
for (const o of operations) {
  const main = expectations.main[o.op.operationId];
  if (!main) fail(`expectations.json has no main expectation for ${o.op.operationId}`);
  for (const role of ROLES) {
    const status = main[role] ?? main['*'];
    if (!status || !o.op.responses?.[String(status)]) fail(`expectations.json: ${o.op.operationId} for ${role} expects ${status}, which the contract does not document`);
  }
}
for (const id of Object.keys(expectations.main)) if (!operationIds.has(id)) fail(`expectations.json names an unknown operation ${id}`);
// The schema name of a request body: its $ref, also inside oneOf [null, $ref] (an optional body).
const bodySchemaName = op => {
  const s = jsonBodySchema(op);
  const ref = s?.$ref ?? s?.oneOf?.find(x => x.$ref)?.$ref;
  return ref?.split('/').pop();
};
// The properties that must be sent: those the contract lists as required, less those the documents call optional
// (and everything below an optional one), one level deep.
const documentedOptional = expectations.documentedOptional;
const mustSendOf = op => {
  const name = bodySchemaName(op);
  if (!name) return [];
  const optional = documentedOptional[name] ?? [];
  const isOptional = path => optional.some(f => path === f || path.startsWith(f + '.'));
  const out = [];
  const walk = (schema, prefix, depth) => {
    const s = unwrap(schema);
    for (const field of s?.required ?? []) {
      const path = prefix + field;
      if (isOptional(path)) continue;
      out.push(path);
      if (depth < 1) walk(s.properties?.[field], path + '.', depth + 1);
    }
  };
  walk(jsonBodySchema(op), '', 0);
  return out;
};
for (const [name, fields] of Object.entries(documentedOptional)) {
  if (name.startsWith('$')) continue;
  if (!schemas[name]) fail(`expectations.json: documentedOptional names an unknown schema ${name}`);
  for (const f of fields) {
    let s = schemas[name];
    for (const part of f.split('.')) s = unwrap(s)?.properties?.[part];
    if (!s) fail(`expectations.json: documentedOptional names an unknown property ${name}.${f}`);
  }
}
const variationRules = expectations.variations.map((rule, index) => {
  try { new RegExp(rule.variation); } catch (e) { fail(`expectations.json: variation rule ${index}: ${e.message}`); }
  if (rule.expect === undefined || !rule.why) fail(`expectations.json: variation rule ${index} needs expect and why`);
  const ops = rule.operations ? [...new Set(expand(rule.operations))] : null;
  for (const id of ops ?? []) if (!operationIds.has(id)) fail(`expectations.json: variation rule ${index} names an unknown operation ${id}`);
  return { ...rule, operations: ops, index };
});

// ---- one variation per body field ----------------------------------------------------------------------------------
// Values that a client may send by mistake or by malice. "@@name@@" is a token that scripts/pre-request.js replaces
// (a long string, an array of 5000 items, a number beyond any integer type, a number with 15 decimals: portman writes
// such a number as the string "0.123456789012345===", which would test a wrong type instead).
function mutationsFor(schema) {
  const s = unwrap(schema);
  if (!s) return [];
  const types = typesOf(s);
  if (s.enum) {
    return [['unknown enum value', 'NoSuchValue'], ['enum as integer', 1]];
  }
  if (types.includes('object') || s.properties) return [['wrong type (string)', 'text'], ['wrong type (array)', []]];
  if (types.includes('array')) {
    return [['wrong type (object)', { a: 1 }], ['oversized array', '@@big-array@@'], ['items of the wrong type', [1, null, {}, [], true]]];
  }
  if (types.includes('boolean')) return [['wrong type (string)', 'yes'], ['wrong type (number)', 1]];
  if (types.includes('integer')) {
    return [['wrong type (word)', 'abc'], ['beyond int64', '@@huge-number@@'], ['int32 maximum', 2147483647], ['int32 minimum', -2147483648],
      ['fraction', 1.5]];
  }
  if (types.includes('number')) {
    return [['wrong type (word)', 'abc'], ['beyond decimal', '@@huge-number@@'], ['1e300', '@@exponent-300@@'], ['negative', -1],
      ['many decimals', '@@many-decimals@@']];
  }
  if (types.includes('string')) {
    const common = [['wrong type (number)', 12345], ['wrong type (array)', ['x']], ['oversized string', '@@long-string@@'], ['empty string', ''],
      ['NUL character', '@@nul-string@@']];
    switch (s.format) {
      case 'date': return [...common, ['impossible date', '2026-02-30'], ['date far away', '9999-12-31'], ['date with time', '2026-01-01T10:00:00Z']];
      case 'date-time': return [...common, ['not a time', 'yesterday'], ['time beyond the range', '9999-12-31T23:59:59-14:00'],
        ['time before the range', '0001-01-01T00:00:00+14:00'], ['time without offset', '2026-01-01T10:00:00']];
      case 'uuid': return [...common, ['not a uuid', 'not-a-uuid'], ['empty uuid', '00000000-0000-0000-0000-000000000000']];
      default: return common;
    }
  }
  return [['wrong type (object)', { a: 1 }]];
}

function fieldsOf(schema, prefix = '', depth = 0) {
  const s = unwrap(schema);
  const out = [];
  for (const [name, prop] of Object.entries(s?.properties ?? {})) {
    const key = prefix + name;
    out.push([key, prop]);
    const inner = unwrap(prop);
    if (depth < 1 && inner?.properties) out.push(...fieldsOf(inner, key + '.', depth + 1));
  }
  return out;
}

// One operation per request schema: POST /candidates and PUT /candidates/{id} bind and validate the same
// CandidateRequest, so its fields are varied once (on the first operation that takes it).
const fieldVariations = [];
const variedSchemas = new Set();
for (const o of groups['@with-json-body']) {
  const schemaKey = JSON.stringify(jsonBodySchema(o.op));
  if (variedSchemas.has(schemaKey)) continue;
  variedSchemas.add(schemaKey);
  const variations = [];
  for (const [key, prop] of fieldsOf(jsonBodySchema(o.op))) {
    for (const [what, value] of mutationsFor(prop)) {
      variations.push({ name: `${key}: ${what}`, overwrites: [{ overwriteRequestBody: [{ key, value, overwrite: true }] }] });
    }
  }
  if (variations.length) fieldVariations.push({ openApiOperationId: o.op.operationId, variations });
}

// ---- one variation per query parameter -----------------------------------------------------------------------------
const queryValues = p => {
  const s = unwrap(p.schema) ?? {};
  const types = typesOf(s);
  const values = [['oversized', '@@medium-string@@'], ['NUL character', '%00'], ['odd characters', '%E2%80%AE%27%22%3B--%FF']];
  if (types.includes('integer') || types.includes('number')) values.push(['word', 'abc'], ['beyond int64', '99999999999999999999999'], ['negative', '-1'], ['int32 maximum', '2147483647']);
  else if (types.includes('boolean')) values.push(['word', 'yes']);
  else if (s.format === 'uuid') values.push(['not a uuid', 'not-a-uuid']);
  else if (s.format === 'date-time') values.push(['not a time', 'yesterday'], ['time beyond the range', '9999-12-31T23:59:59-14:00'], ['unencoded plus', '2026-01-01T10:00:00+01:00']);
  else if (s.format === 'date') values.push(['impossible date', '2026-02-30'], ['date far away', '9999-12-31']);
  else if (s.enum) values.push(['unknown enum value', 'NoSuchValue'], ['enum as integer', '1']);
  else values.push(['wrong case', 'gm0983'], ['date-like', '2026-13-45']);
  return values;
};
const queryVariations = [];
for (const o of groups['@with-query']) {
  const variations = [];
  for (const p of (o.op.parameters ?? []).filter(x => x.in === 'query')) {
    for (const [what, value] of queryValues(p)) {
      variations.push({ name: `?${p.name}: ${what}`, overwrites: [{ overwriteRequestQueryParams: [{ key: p.name, value }] }] });
    }
  }
  variations.push({ name: 'every parameter twice', overwrites: [{ overwriteRequestHeaders: [{ key: 'X-Contract-Fuzz', value: 'duplicate-query' }] }] });
  variations.push({ name: 'every parameter empty', overwrites: [{ overwriteRequestHeaders: [{ key: 'X-Contract-Fuzz', value: 'empty-query' }] }] });
  queryVariations.push({ openApiOperationId: o.op.operationId, variations });
}

config.tests.variationTests = [...(config.tests.variationTests ?? []), ...fieldVariations, ...queryVariations];
// portman's schema wants `tests` on every variation; the deciding assertions are the collection's (scripts/contract-check.js).
for (const entry of config.tests.variationTests) for (const v of entry.variations) v.tests ??= {};

// ---- the placeholder of the id variables ----------------------------------------------------------------------------
// Every id variable starts as the same placeholder: a request that still carries it fails (scripts/contract-check.js).
const PLACEHOLDER = config.globals.collectionVariables.placeholderId;
if (!/^[0-9a-f-]{36}$/.test(PLACEHOLDER ?? '')) fail('portman-config.json: globals.collectionVariables.placeholderId must be a UUID');
for (const [name, value] of Object.entries(config.globals.collectionVariables)) {
  if (value === '{{placeholderId}}') config.globals.collectionVariables[name] = PLACEHOLDER;
}

// ---- the documented responses, for scripts/contract-check.js -------------------------------------------------------
const rewrite = value => JSON.parse(JSON.stringify(value).split('#/components/schemas/').join('#/definitions/'));
// Every schema a schema refers to, directly or not: the check compiles only those.
const refsOf = (value, found = new Set()) => {
  const text = JSON.stringify(value);
  for (const m of text.matchAll(/#\/definitions\/([\w.-]+)/g)) {
    if (!found.has(m[1])) {
      found.add(m[1]);
      refsOf(rewrite(schemas[m[1]] ?? {}), found);
    }
  }
  return found;
};
const withRefs = responses => {
  for (const response of Object.values(responses)) {
    for (const media of Object.values(response.content ?? {})) {
      if (media.schema) media.refs = [...refsOf(media.schema)];
    }
  }
  return responses;
};
const contractOps = operations
  .map(o => ({
    operationId: o.op.operationId,
    summary: o.op.summary,
    method: o.method,
    path: o.path,
    bodyRequired: !!(jsonBodySchema(o.op) && o.op.requestBody.required),
    mustSend: mustSendOf(o.op),
    properties: Object.keys(unwrap(jsonBodySchema(o.op))?.properties ?? {}),
    query: (o.op.parameters ?? []).filter(p => p.in === 'query').map(p => p.name),
    params: (o.path.match(/\{/g) ?? []).length,
    regex: '^' + o.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}/]+\\?\}/g, '[^/]+') + '/?$',
    responses: withRefs(rewrite(o.op.responses ?? {})),
  }))
  .sort((a, b) => a.params - b.params);
const contract = {
  operations: contractOps.map(({ params, ...rest }) => rest),
  definitions: rewrite(schemas),
  // Answers that any operation may give without documenting them: none. (The 429 of the rate limiter is documented
  // on every operation behind a key, health excepted, which is never limited.)
  crossCutting: {},
  // The status of each main request per role, and the ordered rules for the variations (expectations.json).
  main: expectations.main,
  rules: variationRules.map(({ why, ...rule }) => rule),
  // The value of every id variable until a response assigns it: a request that still carries it fails.
  placeholder: PLACEHOLDER,
};

// The collection test script: the static checks with the documented responses in front of them.
const checkScript = join(outDir, 'contract-check.js');
writeFileSync(checkScript, `const CONTRACT = ${JSON.stringify(contract)};\n` + readFileSync(new URL('../scripts/contract-check.js', import.meta.url), 'utf8'));
const preRequestScript = new URL('../scripts/pre-request.js', import.meta.url).pathname;
config.globals.collectionTestScripts = [`file:${checkScript}`];
config.globals.collectionPreRequestScripts = [`file:${preRequestScript}`];
writeFileSync(join(outDir, 'portman-config.json'), JSON.stringify(config, null, 2));

// ---- environments --------------------------------------------------------------------------------------------------
// DemoData.StableId: the first 16 bytes of SHA-256("nml-demo:" + name), read as a .NET Guid.
const stableId = name => {
  const b = createHash('sha256').update('nml-demo:' + name).digest().subarray(0, 16);
  const hex = (from, to, reverse) => {
    const part = Buffer.from(b.subarray(from, to));
    return (reverse ? part.reverse() : part).toString('hex');
  };
  return `${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10)}-${hex(10, 16)}`;
};
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
// A lease that started 120 days ago: its follow-up of month 3 is due (docs/api.md, Follow-ups: from two weeks before it
// is due), and the start lies within the 365 days that a contract allows.
const daysBefore = (date, days) => new Date(Date.parse(date + 'T12:00:00Z') - days * 86400000).toISOString().slice(0, 10);
const common = {
  baseUrl,
  today,
  tenancyStart: daysBefore(today, 120),
  corporationId: stableId('nml_maasvallei_demo'),
  unknownId: '00000000-0000-4000-8000-00000000c0de',
  oversizedId: 'a'.repeat(300),
  oversizedKey: 'nml_' + 'k'.repeat(300),
};
// Per role, what its main bodies need to succeed: the party it declines as (docs/api.md, Matches: the unit's owner as
// Verhuurder, the Matchingspunt and Admin as Matchingspunt) with a reason of that party, and the year of the
// performance agreement it creates (one per role: an agreement per corporation, municipality and year).
const perRole = {
  Corporatie: { declineBy: 'Verhuurder', declineReason: 'verhuurder-woning-niet-beschikbaar', agreementYear: 2029 },
  Zorgaanbieder: { declineBy: 'Verhuurder', declineReason: 'verhuurder-woning-niet-beschikbaar', agreementYear: 2029 },
  Gemeente: { declineBy: 'Matchingspunt', declineReason: 'matchingspunt-betere-match', agreementYear: 2030 },
  Matchingspunt: { declineBy: 'Matchingspunt', declineReason: 'matchingspunt-betere-match', agreementYear: 2031 },
  Admin: { declineBy: 'Matchingspunt', declineReason: 'matchingspunt-betere-match', agreementYear: 2032 },
};
for (const roleKey of roleKeys) {
  const [role, ...rest] = roleKey.split('=');
  if (!perRole[role]) fail(`unknown role ${role}`);
  const values = { ...common, ...perRole[role], role, apiKey: rest.join('=') };
  const env = { name: `NML.Matching ${role}`, values: Object.entries(values).map(([key, value]) => ({ key, value, type: 'default', enabled: true })) };
  writeFileSync(join(outDir, `env-${role}.json`), JSON.stringify(env));
}
// What lib/run-newman.mjs checks the generated collection against: a main request per operation, named by its summary,
// and a request for every variation named in the configuration (portman's own fuzzing names its variations itself).
writeFileSync(join(outDir, 'expected.json'), JSON.stringify({
  summaries: operations.map(o => o.op.summary),
  variationNames: [...new Set(config.tests.variationTests.flatMap(entry => entry.variations.map(v => v.name)).filter(n => n !== 'portman fuzz'))],
}));
console.log(`prepared ${operations.length} operations, ${fieldVariations.reduce((n, v) => n + v.variations.length, 0)} body-field variations, ` +
  `${queryVariations.reduce((n, v) => n + v.variations.length, 0)} query variations, ${roleKeys.length} environments`);
