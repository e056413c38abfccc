// Collection pre-request script (portman globals.collectionPreRequestScripts), run by newman before every request.
// A variation that needs more than portman's overwrites can express carries the header X-Contract-Fuzz: <kind>.
// This script removes the header and rewrites the request: the body is the valid body of the main request.
(function () {
  // Large and odd values are written into the generated requests as tokens ("@@name@@") and made here, so that
  // neither the collection nor the environment (both handed to every script) carry them.
  const tokens = {
    'long-string': () => JSON.stringify('x'.repeat(20000)),
    'nul-string': () => '"a\\u0000b"',
    'big-array': () => JSON.stringify(Array.from({ length: 5000 }, (_, i) => 'GM' + String(i % 10000).padStart(4, '0'))),
    'huge-number': () => '1' + '0'.repeat(40),
    'exponent-300': () => '1e300',
    'many-decimals': () => '0.123456789012345',
  };
  // "@@env:name@@" is the environment's value, unquoted (a number of the role, such as agreementYear).
  const current = pm.request.body && pm.request.body.raw;
  if (current && current.indexOf('"@@') >= 0) {
    pm.request.body.update(current
      .replace(/"@@([a-z0-9-]+)@@"/g, (m, t) => (tokens[t] ? tokens[t]() : m))
      .replace(/"@@env:([A-Za-z]+)@@"/g, (m, name) => String(pm.environment.get(name))));
  }
  pm.request.url.query.each(q => {
    if (q.value === '@@medium-string@@') q.value = 'q'.repeat(2000);
  });

  const kind = pm.request.headers.get('X-Contract-Fuzz');
  if (!kind) return;
  pm.request.headers.remove('X-Contract-Fuzz');

  const raw = (pm.request.body && pm.request.body.raw) || '';
  let body;
  try { body = JSON.parse(pm.variables.replaceIn(raw)); } catch (e) { body = {}; }
  if (!body || typeof body !== 'object' || Array.isArray(body)) body = {};
  const long = 'x'.repeat(20000);

  // Applies f to every string (or every leaf) of a JSON value.
  function mapStrings(value, f) {
    if (typeof value === 'string') return f(value);
    if (Array.isArray(value)) return value.map(v => mapStrings(v, f));
    if (value && typeof value === 'object') {
      const out = {};
      Object.keys(value).forEach(k => { out[k] = mapStrings(value[k], f); });
      return out;
    }
    return value;
  }
  function mapLeaves(value, f) {
    if (Array.isArray(value)) return value.map(v => mapLeaves(v, f));
    if (value && typeof value === 'object') {
      const out = {};
      Object.keys(value).forEach(k => { out[k] = mapLeaves(value[k], f); });
      return out;
    }
    return f(value);
  }
  function setRaw(text) {
    pm.request.body.update({ mode: 'raw', raw: text, options: { raw: { language: 'json' } } });
  }

  switch (kind) {
    case 'no-body':
      pm.request.body.update({ mode: 'raw', raw: '' });
      break;
    case 'not-json':
      setRaw('this is not JSON');
      break;
    case 'truncated':
      setRaw(JSON.stringify(body).slice(0, -3));
      break;
    case 'deep': {
      let deep = '1';
      for (let i = 0; i < 2000; i++) deep = '{"a":' + deep + '}';
      const first = Object.keys(body)[0] || 'a';
      setRaw('{"' + first + '":' + deep + '}');
      break;
    }
    case 'duplicate-property': {
      const text = JSON.stringify(body);
      const first = Object.keys(body)[0];
      setRaw(first ? '{"' + first + '":' + JSON.stringify(body[first]) + ',' + text.slice(1) : text);
      break;
    }
    case 'oversized-body': {
      // 1 MiB: far beyond any body this API needs (its limit is 256 KiB). The answer must be 413 (or 400), never 5xx.
      const first = Object.keys(body)[0] || 'a';
      const big = {}; big[first] = 'x'.repeat(1024 * 1024);
      setRaw(JSON.stringify(big));
      break;
    }
    case 'long-strings':
      setRaw(JSON.stringify(mapStrings(body, () => long)));
      break;
    case 'nul-strings':
      setRaw(JSON.stringify(mapStrings(body, s => s + '\u0000' + s)));
      break;
    case 'control-strings':
      setRaw(JSON.stringify(mapStrings(body, s => '\u202e\ud83d\ude00\u0007\u001b[31m' + s + '\'";--')));
      break;
    case 'lone-surrogate':
      // A JSON escape for half a UTF-16 pair: valid JSON text, not valid Unicode.
      setRaw(JSON.stringify(mapStrings(body, s => s + '@@SURROGATE@@')).split('@@SURROGATE@@').join('\\ud800'));
      break;
    case 'nulls':
      setRaw(JSON.stringify(mapLeaves(body, () => null)));
      break;
    case 'numbers-as-strings': {
      // Whether the body had a number at all: only then is the result invalid (scripts/contract-check.js, 'changed').
      let changed = false;
      setRaw(JSON.stringify(mapLeaves(body, v => {
        if (typeof v !== 'number') return v;
        changed = true;
        return String(v) + 'x';
      })));
      pm.variables.set('contractFuzzChanged', changed);
      break;
    }
    case 'reused-key': {
      // The same Idempotency-Key first with a valid body (which must succeed), then with another body: the request
      // itself must get 409 idempotency-key-reused. The second body differs in its first string property.
      const key = 'contract-reused-' + Date.now() + '-' + Math.floor(Math.random() * 1e9);
      const second = JSON.parse(JSON.stringify(body));
      const firstString = Object.keys(second).find(k => typeof second[k] === 'string');
      if (firstString) second[firstString] += '-b';
      const headers = pm.request.headers.toObject();
      Object.keys(headers).forEach(h => { headers[h] = pm.variables.replaceIn(String(headers[h])); });
      headers['X-Api-Key'] = pm.variables.replaceIn('{{apiKey}}');
      headers['Idempotency-Key'] = key;
      headers['Content-Type'] = 'application/json';
      pm.request.headers.upsert({ key: 'Idempotency-Key', value: key });
      setRaw(firstString ? JSON.stringify(second) : JSON.stringify(body) + ' ');
      pm.sendRequest({
        url: pm.variables.replaceIn(pm.request.url.toString()),
        method: pm.request.method,
        header: Object.keys(headers).map(k => ({ key: k, value: headers[k] })),
        body: { mode: 'raw', raw: JSON.stringify(body) },
      }, (err, res) => {
        pm.variables.set('contractFirstStatus', err ? 0 : res.code);
      });
      break;
    }
    case 'duplicate-query': {
      const params = pm.request.url.query.all().filter(q => !q.disabled);
      params.forEach(q => pm.request.url.query.add({ key: q.key, value: q.value }));
      break;
    }
    case 'empty-query': {
      pm.request.url.query.all().forEach(q => { q.value = ''; });
      break;
    }
    default:
      throw new Error('unknown X-Contract-Fuzz kind: ' + kind);
  }
})();
