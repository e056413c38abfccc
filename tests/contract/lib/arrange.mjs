// Arranges, before a role's main requests, the data that its writes need and that it cannot make itself, through the
// API with the demo keys (as a client would): so that every write the role may make succeeds, and no request is left
// with a placeholder id.
//   matchId          a Nominated match on a unit of the role (Corporatie, Zorgaanbieder) or in its view (the others):
//                    the owner accepts and contracts it; the Matchingspunt and Admin propose their own in the run
//   declineMatchId   a Proposed match that the role declines (as the unit's owner, or as Matchingspunt)
//   withdrawMatchId  a Proposed match that the Matchingspunt or Admin withdraws
//   arrangedWebhookId, deliveryId
//                    a subscription of the role (of the Matchingspunt for Admin, which has no organisation) to a local
//                    receiver, and one of its deliveries that has been delivered (so that it may be retried)
//   roundId, tenancyId, and for the roles that cannot list them the candidate and agreement ids: real ids, for the
//                    requests that the role may not make (403) or that must not find them (404)
// The units are posted by the role itself when it may (Corporatie, Zorgaanbieder), otherwise by a corporation; the
// candidates by a care provider; the matches by Admin, with an override reason, in municipality GM0983 (in the
// werkgebied of the demo corporation and provider, and the Gemeente's own).
const EVENTS = ['match.proposed', 'match.nominated', 'match.accepted', 'match.contracted', 'match.declined', 'match.withdrawn'];

export async function arrange({ baseUrl, keys, role, hookUrl, today }) {
  const call = async (key, method, path, body, expected) => {
    const res = await fetch(baseUrl + '/api/v1' + path, {
      method,
      headers: { 'X-Api-Key': key, Accept: 'application/json', ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (expected && res.status !== expected) {
      throw new Error(`arrange for ${role}: ${method} ${path} answered ${res.status}, expected ${expected}: ${text.slice(0, 300)}`);
    }
    return text ? JSON.parse(text) : null;
  };
  for (const needed of ['Admin', 'Corporatie', 'Zorgaanbieder', 'Matchingspunt', role]) {
    if (!keys[needed]) throw new Error(`arrange for ${role}: no key for ${needed}`);
  }
  const tag = `${role}-${Date.now().toString(36)}`;
  const daysBefore = days => new Date(Date.parse(today + 'T12:00:00Z') - days * 86400000).toISOString().slice(0, 10);
  const poster = ['Corporatie', 'Zorgaanbieder'].includes(role) ? keys[role] : keys.Corporatie;
  const subscriber = role === 'Admin' ? keys.Matchingspunt : keys[role];
  const vars = {};

  // The subscription first, so that the matches below give it deliveries.
  const hook = await call(subscriber, 'POST', '/webhooks', { url: hookUrl, events: EVENTS, secret: 'contract-arranged-secret-0123456789' }, 201);
  vars.arrangedWebhookId = hook.id;
  vars.webhookId = hook.id;

  const units = [];
  const candidates = [];
  for (let i = 1; i <= 3; i++) {
    units.push((await call(poster, 'POST', '/units', {
      reference: `ARR-${tag}-${i}`, gemeenteCode: 'GM0983', kern: 'Venlo', postcode: '5912 AB', houseNumber: String(i), unitType: 'Appartement',
      bedrooms: 1, maxOccupants: 2, floorArea: 45, basicRent: 600, serviceCosts: 30, accessibility: null, prikkelarm: null,
      supportOnSite: 'Nearby', contractForm: 'Omklap', targetGroups: [], availableFrom: daysBefore(10),
    }, 201)).id);
    candidates.push((await call(keys.Zorgaanbieder, 'POST', '/candidates', {
      externalReference: `ARR-${tag}-${i}`, herkomstGemeenteCode: 'GM0983', currentSetting: 'BeschermdWonen', ageBand: '27-49',
      household: { adults: 1, children: 0 }, maxRent: 700, supportNeed: 'Midden', supportGuaranteed: true, prikkelarmNeed: 'Preferred',
      readySince: daysBefore(30),
    }, 201)).id);
  }
  const matches = [];
  for (let i = 0; i < 3; i++) {
    matches.push((await call(keys.Admin, 'POST', '/matches',
      { unitId: units[i], candidateId: candidates[i], overrideReason: 'Contracttest: klaargezet' }, 201)).id);
  }
  await call(keys.Admin, 'POST', `/matches/${matches[0]}/nominate`, null, 200);
  [vars.matchId, vars.declineMatchId, vars.withdrawMatchId] = matches;

  vars.roundId = (await call(keys.Admin, 'POST', '/matching-rounds',
    { regionCode: 'NML', point: null, dryRun: true, minScore: 40, maxProposalsPerGemeente: 3 }, 201)).id;
  const tenancies = await call(keys[role], 'GET', '/tenancies?pageSize=1', null, 200);
  if (!tenancies.items.length) throw new Error(`arrange for ${role}: the role sees no tenancy`);
  vars.tenancyId = tenancies.items[0].id;
  if (role === 'Corporatie') {
    // docs/api.md: a corporation sees no candidate (an empty list, 404 by id): a real one that it must not find.
    vars.candidateId = candidates[1];
    vars.listedCandidateId = candidates[2];
  }
  if (role === 'Zorgaanbieder') {
    // docs/api.md: a care provider may not read performance agreements (403): a real one for those requests.
    const agreements = await call(keys.Admin, 'GET', '/performance-agreements?pageSize=1', null, 200);
    if (!agreements.items.length) throw new Error('arrange: there is no performance agreement');
    vars.agreementId = agreements.items[0].id;
    vars.newAgreementId = agreements.items[0].id;
  }

  // A delivery that has been delivered (the receiver answers 204): only such a one may be retried.
  const started = Date.now();
  while (!vars.deliveryId) {
    const deliveries = await call(subscriber, 'GET', `/webhooks/${hook.id}/deliveries?pageSize=50`, null, 200);
    const delivered = deliveries.items.find(d => d.status === 'Delivered');
    if (delivered) vars.deliveryId = delivered.id;
    else if (Date.now() - started > 60000) {
      throw new Error(`arrange for ${role}: no delivery of subscription ${hook.id} was delivered within 60 s: ${JSON.stringify(deliveries.items).slice(0, 300)}`);
    } else await new Promise(resolve => setTimeout(resolve, 500));
  }
  return vars;
}
