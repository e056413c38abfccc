// Collection test script (portman globals.collectionTestScripts), run by newman after every request, main request or
// variation, for every role. These are the deciding assertions of the contract run:
//   1. no response is a 5xx;
//   2. the status is one that api-spec/openapi.json documents for the operation (429 of the rate limiter included:
//      it is documented on every operation behind a key);
//   3. the Content-Type is the documented one, and a documented body matches its JSON schema;
//   4. an error is an RFC 9457 problem with `code` and `traceId`, and carries no exception text or stack trace.
// CONTRACT, the documented responses per operation, is put in front of this script by tests/contract/lib/prepare.mjs.
(function () {
  /* global CONTRACT */
  const contract = CONTRACT;
  const method = pm.request.method.toUpperCase();
  const path = pm.request.url.getPath();
  const status = pm.response.code;
  const label = '[' + method + '] ' + path.replace(/^\/api\/v1/, '');

  // The operation: the documented path template that matches, the one with the fewest parameters first.
  const op = contract.operations.find(o => o.method === method && new RegExp(o.regex).test(path));
  const name = op ? '[' + method + ']::' + op.path : label;

  pm.test(name + ' - no 5xx (got ' + status + ')', function () {
    pm.expect(status, 'status').to.be.below(500);
  });
  if (!op) {
    pm.test(name + ' - path is documented', function () { pm.expect.fail('no operation in the contract for ' + method + ' ' + path); });
    return;
  }

  const crossCutting = contract.crossCutting[String(status)];
  const documented = op.responses[String(status)] || crossCutting;
  pm.test(name + ' - status ' + status + ' is documented', function () {
    pm.expect(documented, 'documented statuses: ' + Object.keys(op.responses).join(', ')).to.be.ok;
  });
  if (!documented) return;

  const contentType = (pm.response.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
  const text = pm.response.text();
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
})();
