// Collection test script (portman globals.collectionTestScripts), run by newman after every request, main request or
// variation, for every role. These are the deciding assertions of the contract run:
//   1. no response is a 5xx, and none is a 429 (run.sh lifts the rate limits, so a 429 means they did not apply);
//   2. no request carries the placeholder of an id variable that no response assigned, nor a value that was never made
//      (a token of scripts/pre-request.js, a number that portman wrote as a string);
//   3. a main request gets the status expectations.json gives for the role (2xx where the role may act);
//   4. a variation gets what its rule in expectations.json says: an invalid input a 400 whose `errors` names the field,
//      a reused Idempotency-Key a 409, and so on; a variation that no rule covers fails;
//   5. the status is one that api-spec/openapi.json documents for the operation;
//   6. the Content-Type is the documented one, and a documented body matches its JSON schema;
//   7. an error is an RFC 9457 problem with `code` and `traceId`, and carries no exception text or stack trace.
// CONTRACT, the documented responses and the expectations per operation, is put in front of this script by
// tests/contract/lib/prepare.mjs.
(function () {
  /* global CONTRACT */
  const contract = CONTRACT;
  const method = pm.request.method.toUpperCase();
  const path = pm.request.url.getPath();
  const status = pm.response.code;
  const label = '[' + method + '] ' + path.replace(/^\/api\/v1/, '');

  // A body over the limit may be refused by closing the connection while the client is still sending it (RFC 9110
  // §15.5.14: the server may close the connection after a 413); the client then has no answer to read. That, and only
  // for the oversized-body variations, counts as the refusal; every other request without an answer fails below.
  if (status === undefined && /\[body of 1 MiB\]$/.test(pm.info.requestName)) {
    pm.test(label + ' - oversized body refused (connection closed before the answer was read)', function () {});
    return;
  }

  // The operation: the documented path template that matches, the one with the fewest parameters first.
  const op = contract.operations.find(o => o.method === method && new RegExp(o.regex).test(path));
  const name = op ? '[' + method + ']::' + op.path : label;

  pm.test(name + ' - no 5xx (got ' + status + ')', function () {
    pm.expect(status, 'status').to.be.below(500);
  });
  pm.test(name + ' - not rate limited', function () {
    pm.expect(status, 'status (the run lifts the rate limits)').to.not.equal(429);
  });
  const sent = {
    url: pm.variables.replaceIn(pm.request.url.toString()),
    body: pm.variables.replaceIn((pm.request.body && pm.request.body.raw) || ''),
    headers: pm.variables.replaceIn(JSON.stringify(pm.request.headers.toObject())),
  };
  pm.test(name + ' - carries no unassigned id', function () {
    const where = ['url', 'body', 'headers'].filter(k => sent[k].indexOf(contract.placeholder) >= 0);
    pm.expect(where, 'the placeholder id ' + contract.placeholder + ' (no response assigned the variable) in the request ' + where.join(', ')).to.be.empty;
  });
  // A value that was never made: a token of scripts/pre-request.js left as it is, or a number that portman wrote as a
  // string with "===" (then the variation would test a wrong type instead of the value it names).
  pm.test(name + ' - sends no unmade value', function () {
    const text = sent.url + ' ' + sent.body;
    const unmade = (text.match(/@@[\w:-]{1,40}@@/g) || []).concat(text.indexOf('==="') >= 0 ? ['a value ending in ==='] : []);
    pm.expect(unmade, 'values in the request').to.be.empty;
  });
  if (!op) {
    pm.test(name + ' - path is documented', function () { pm.expect.fail('no operation in the contract for ' + method + ' ' + path); });
    return;
  }
  const text = pm.response.text();
  expectations(op, name);

  const crossCutting = contract.crossCutting[String(status)];
  const documented = op.responses[String(status)] || crossCutting;
  pm.test(name + ' - status ' + status + ' is documented', function () {
    pm.expect(documented, 'documented statuses: ' + Object.keys(op.responses).join(', ')).to.be.ok;
  });
  if (!documented) return;

  const contentType = (pm.response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  const media = Object.keys(documented.content || {});
  if (media.length === 0) {
    pm.test(name + ' - ' + status + ' has no body', function () {
      pm.expect(text.length, 'body length').to.equal(0);
    });
    return;
  }
  pm.test(name + ' - ' + status + ' Content-Type is ' + media.join(' or '), function () {
    pm.expect(media, 'Content-Type ' + contentType).to.include(contentType);
  });
  const schema = (documented.content[contentType] || {}).schema;
  if (!/json/.test(contentType) || !schema) return;

  let body;
  pm.test(name + ' - ' + status + ' body is JSON', function () {
    body = JSON.parse(text);
  });
  if (body === undefined) return;

  pm.test(name + ' - ' + status + ' body matches the schema', function () {
    const Ajv = require('ajv');
    const ajv = new Ajv({ allErrors: false, unknownFormats: 'ignore', validateSchema: false });
    const definitions = {};
    (documented.content[contentType].refs || []).forEach(ref => { definitions[ref] = contract.definitions[ref]; });
    const validate = ajv.compile(Object.assign({ definitions: definitions }, schema));
    const ok = validate(body);
    pm.expect(ok, ok ? '' : ajv.errorsText(validate.errors, { dataVar: 'body' }) + ' in ' + text.slice(0, 300)).to.equal(true);
  });

  if (status >= 400) {
    pm.test(name + ' - ' + status + ' is a problem with code and traceId', function () {
      pm.expect(contentType).to.equal('application/problem+json');
      pm.expect(body.status, 'status member').to.equal(status);
      pm.expect(body.code, 'code member').to.be.a('string').and.not.empty;
      pm.expect(body.type, 'type member').to.equal('urn:nml-matching:problem:' + body.code);
      pm.expect(body.traceId, 'traceId member').to.match(/^[0-9a-f]{32}$|^[\w:.-]+$/);
    });
    pm.test(name + ' - ' + status + ' shows no exception text', function () {
      pm.expect(text).to.not.match(/\bat [A-Z][\w.`<>]+\.[\w<>]+\(|Exception\b|Npgsql|System\.[A-Z]\w+\.|   at /);
    });
  }

  // ---- expectations.json ------------------------------------------------------------------------------------------
  function expectations(op, name) {
    const role = pm.environment.get('role');
    const itemName = pm.info.requestName || '';
    const short = text.slice(0, 300);
    pm.test(name + ' - request name starts with the operation summary', function () {
      pm.expect(itemName.indexOf(op.summary), 'request "' + itemName + '"').to.equal(0);
    });
    if (itemName.indexOf(op.summary) !== 0) return;
    const label = itemName.slice(op.summary.length);
    if (label === '') {
      const main = contract.main[op.operationId] || {};
      const expected = main[role] !== undefined ? main[role] : main['*'];
      pm.test(name + ' - main request of ' + role + ' gets ' + expected, function () {
        pm.expect(status, 'status, answer ' + short).to.equal(expected);
      });
      return;
    }
    const rule = contract.rules.find(r => (!r.operations || r.operations.indexOf(op.operationId) >= 0) && new RegExp(r.variation).test(label));
    pm.test(name + ' - variation ' + label + ' is classified in expectations.json', function () {
      pm.expect(rule, 'no rule of expectations.json matches ' + op.operationId + ' ' + label).to.be.ok;
    });
    if (!rule || rule.expect === 'documented') return;
    const match = new RegExp(rule.variation).exec(label);
    const captured = match.groups && match.groups.field;
    let body = null;
    try { body = JSON.parse(sent.body); } catch (e) { body = null; }
    const conditions = {
      'body-required': () => op.bodyRequired,
      'must-send': () => op.mustSend.length > 0,
      'field-must-send': () => op.mustSend.indexOf(captured) >= 0,
      'changed': () => pm.variables.get('contractFuzzChanged') === true,
    };
    if (rule.when && !conditions[rule.when]()) return;

    // A body-field variation must have reached its field: portman cannot set a field of a body that is not an object.
    if (rule.field === '$field' && /^\[[A-Za-z][\w.]*: /.test(label)) {
      pm.test(name + ' - variation ' + label + ' sends the field ' + captured, function () {
        let value = body;
        captured.split('.').forEach(part => { value = value && typeof value === 'object' && part in value ? value[part] : undefined; });
        pm.expect(value, 'the field in the sent body ' + sent.body.slice(0, 200)).to.not.equal(undefined);
      });
    }
    if (/^\[Idempotency-Key reused/.test(label)) {
      pm.test(name + ' - the first request with the reused Idempotency-Key succeeded', function () {
        pm.expect(pm.variables.get('contractFirstStatus'), 'status of the first request').to.be.within(200, 299);
      });
    }
    const allowed = [].concat(rule.expect);
    pm.test(name + ' - variation ' + label + ' gets ' + allowed.join(' or '), function () {
      pm.expect(allowed, 'status ' + status + ', answer ' + short).to.include(status);
    });
    if (allowed.indexOf(status) < 0) return;
    let problem = null;
    try { problem = JSON.parse(text); } catch (e) { problem = null; }
    if (rule.code) {
      pm.test(name + ' - variation ' + label + ' answers code ' + rule.code, function () {
        pm.expect(problem && problem.code, 'answer ' + short).to.equal(rule.code);
      });
    }
    if (status === 400 && rule.field) {
      const errors = (problem && problem.errors) || {};
      const keys = Object.keys(errors);
      const names = (key, field) => key === field || key.indexOf(field + '.') === 0 || key.indexOf(field + '[') === 0;
      const candidates = {
        '$field': () => [captured],
        '@body': () => op.properties.concat(['body']),
        '@must-send': () => op.mustSend,
        '@query': () => op.query,
      };
      const fields = candidates[rule.field] ? candidates[rule.field]() : [rule.field];
      pm.test(name + ' - variation ' + label + ' names ' + (fields.length === 1 ? fields[0] : 'one of ' + fields.join(', ')) + ' in errors', function () {
        const hit = keys.some(k => fields.some(f => names(k, f) || names(f, k)));
        pm.expect(hit, 'errors keys [' + keys.join(', ') + '], answer ' + short).to.equal(true);
      });
    }
  }
})();
