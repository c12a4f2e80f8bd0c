import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PbxSim } from '../src/index';
import { authHeader, http, sim } from './helpers';
import { servedModels } from './spec-validate';

/**
 * Contract test: every path, method, parameter and model pbx-sim serves must exist in
 * Asterisk 22.10.1's own ARI spec (shared/asterisk-ari-spec, read at test time) with the same
 * name, method, types and required-ness.
 */
const SPEC_DIR =
  process.env.CC1357_ARI_SPEC_DIR ?? path.resolve(import.meta.dirname, '../../../shared/asterisk-ari-spec');
const haveSpec = fs.existsSync(path.join(SPEC_DIR, 'resources.json'));
if (!haveSpec) console.warn(`ARI reference spec not found at ${SPEC_DIR}: contract test skipped`);

type Param = {
  name: string;
  paramType: string;
  dataType: string;
  required?: boolean;
  allowMultiple?: boolean;
  allowableValues?: { values: string[] };
};
type Operation = {
  httpMethod: string;
  nickname: string;
  responseClass: string;
  parameters?: Param[];
  upgrade?: string;
};
type Api = { path: string; operations: Operation[] };
type Doc = {
  basePath: string;
  resourcePath?: string;
  apis: Api[];
  models: Record<string, { properties?: Record<string, { type: string; required?: boolean }>; subTypes?: string[] }>;
};

const ref = (name: string): Doc => JSON.parse(fs.readFileSync(path.join(SPEC_DIR, `${name}.json`), 'utf8')) as Doc;

let s: PbxSim;
let served: Record<string, Doc>;

describe.skipIf(!haveSpec)('contract: served ARI description vs Asterisk 22.10.1 reference', () => {
  beforeAll(async () => {
    s = await sim();
    served = (await servedModels(s.url, authHeader(s))).docs as unknown as Record<string, Doc>;
  });
  afterAll(async () => {
    await s?.close();
  });

  it('serves the same eleven documents as resources.json, with basePath from the Host header', async () => {
    const reference = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, 'resources.json'), 'utf8')) as {
      apis: { path: string }[];
    };
    const ours = (await http(s, 'GET', '/ari/api-docs/resources.json')).body as {
      basePath: string;
      apis: { path: string }[];
    };
    expect(ours.apis.map((a) => a.path)).toEqual(reference.apis.map((a) => a.path));
    expect(ours.basePath).toBe(`${s.url}/ari`);
    for (const doc of Object.values(served)) expect(doc.basePath).toBe(`${s.url}/ari`);
  });

  it('every served path/method/nickname/responseClass exists in the reference', () => {
    const problems: string[] = [];
    for (const [name, doc] of Object.entries(served)) {
      const reference = ref(name);
      for (const api of doc.apis) {
        const refApi = reference.apis.find((a) => a.path === api.path);
        if (!refApi) {
          problems.push(`${name}: path ${api.path} not in reference`);
          continue;
        }
        for (const op of api.operations) {
          const refOp = refApi.operations.find((o) => o.httpMethod === op.httpMethod);
          if (!refOp) problems.push(`${op.httpMethod} ${api.path}: method not in reference`);
          else {
            if (refOp.nickname !== op.nickname)
              problems.push(`${op.httpMethod} ${api.path}: nickname ${op.nickname} ≠ ${refOp.nickname}`);
            if (refOp.responseClass !== op.responseClass)
              problems.push(`${op.httpMethod} ${api.path}: responseClass ${op.responseClass} ≠ ${refOp.responseClass}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('every served parameter matches name, paramType, dataType, allowMultiple and required-ness', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [name, doc] of Object.entries(served)) {
      const reference = ref(name);
      for (const api of doc.apis) {
        for (const op of api.operations) {
          const refOp = reference.apis
            .find((a) => a.path === api.path)
            ?.operations.find((o) => o.httpMethod === op.httpMethod);
          if (!refOp) continue;
          const where = `${op.httpMethod} ${api.path}`;
          const refParams = refOp.parameters ?? [];
          for (const p of op.parameters ?? []) {
            checked++;
            const r = refParams.find((x) => x.name === p.name);
            if (!r) {
              problems.push(`${where}: parameter ${p.name} not in reference`);
              continue;
            }
            if (r.paramType !== p.paramType)
              problems.push(`${where} ${p.name}: paramType ${p.paramType} ≠ ${r.paramType}`);
            if (r.dataType !== p.dataType) problems.push(`${where} ${p.name}: dataType ${p.dataType} ≠ ${r.dataType}`);
            if (!!r.allowMultiple !== !!p.allowMultiple)
              problems.push(`${where} ${p.name}: allowMultiple ${p.allowMultiple} ≠ ${r.allowMultiple}`);
            if (!!r.required !== !!p.required)
              problems.push(`${where} ${p.name}: required ${p.required} ≠ ${r.required}`);
            const extra = (p.allowableValues?.values ?? []).filter(
              (v) => !(r.allowableValues?.values ?? []).includes(v),
            );
            if (extra.length)
              problems.push(`${where} ${p.name}: allowable values not in reference: ${extra.join(',')}`);
          }
          // A required reference parameter we do not declare would make us reject valid calls.
          for (const r of refParams.filter((x) => x.required)) {
            if (!(op.parameters ?? []).some((p) => p.name === r.name))
              problems.push(`${where}: required parameter ${r.name} missing`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('every served model and property (incl. every event) matches the reference type and required-ness', () => {
    const allRef: Doc['models'] = {};
    for (const name of Object.keys(served)) Object.assign(allRef, ref(name).models);
    const problems: string[] = [];
    for (const [name, doc] of Object.entries(served)) {
      for (const [id, model] of Object.entries(doc.models)) {
        const r = allRef[id];
        if (!r) {
          problems.push(`${name}: model ${id} not in reference`);
          continue;
        }
        const props = model.properties ?? {};
        const refProps = r.properties ?? {};
        for (const [prop, def] of Object.entries(props)) {
          const rp = refProps[prop];
          if (!rp) problems.push(`${id}.${prop}: not in reference`);
          else {
            if (rp.type !== def.type) problems.push(`${id}.${prop}: type ${def.type} ≠ ${rp.type}`);
            if (!!rp.required !== !!def.required)
              problems.push(`${id}.${prop}: required ${def.required} ≠ ${rp.required}`);
          }
        }
        for (const [prop, rp] of Object.entries(refProps)) {
          if (rp.required && !(prop in props)) problems.push(`${id}.${prop}: required in reference but not declared`);
        }
        const extraSub = (model.subTypes ?? []).filter((t) => !(r.subTypes ?? []).includes(t));
        if (extraSub.length) problems.push(`${id}: subTypes not in reference: ${extraSub.join(',')}`);
      }
    }
    expect(problems).toEqual([]);
    const events = served.events?.models ?? {};
    for (const t of [
      'StasisStart',
      'StasisEnd',
      'ChannelDestroyed',
      'PlaybackFinished',
      'RecordingFinished',
      'ApplicationReplaced',
      'Dial',
    ]) {
      expect(Object.keys(events)).toContain(t);
    }
  });
});
