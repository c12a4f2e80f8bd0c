/**
 * Validates JSON values against Swagger 1.2 models (the ones pbx-sim serves), strictly:
 * required properties present, declared types respected, no undeclared properties.
 */
type Model = { properties?: Record<string, { type: string; required?: boolean }> };

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d{4}$/;
const ENVELOPE = new Set(['type', 'timestamp', 'application', 'asterisk_id']);

export class ModelValidator {
  constructor(private readonly models: Record<string, Model>) {}

  has(name: string): boolean {
    return name in this.models;
  }

  check(type: string, value: unknown, path = type): string[] {
    const list = /^List\[(.+)\]$/.exec(type);
    if (list?.[1]) {
      if (!Array.isArray(value)) return [`${path}: expected a list`];
      return value.flatMap((v, i) => this.check(list[1] ?? '', v, `${path}[${i}]`));
    }
    switch (type) {
      case 'string':
        return typeof value === 'string' ? [] : [`${path}: expected string`];
      case 'int':
      case 'long':
        return Number.isInteger(value) ? [] : [`${path}: expected integer`];
      case 'double':
        return typeof value === 'number' ? [] : [`${path}: expected number`];
      case 'boolean':
        return typeof value === 'boolean' ? [] : [`${path}: expected boolean`];
      case 'Date':
        return typeof value === 'string' && TIMESTAMP.test(value) ? [] : [`${path}: expected an Asterisk timestamp`];
      case 'object':
      case 'containers':
        return value && typeof value === 'object' ? [] : [`${path}: expected object`];
    }
    const model = this.models[type];
    if (!model) return [`${path}: unknown model ${type}`];
    if (!value || typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected ${type} object`];
    const props = model.properties ?? {};
    const errors: string[] = [];
    for (const [name, prop] of Object.entries(props)) {
      const v = (value as Record<string, unknown>)[name];
      if (v === undefined) {
        if (prop.required) errors.push(`${path}.${name}: required`);
        continue;
      }
      errors.push(...this.check(prop.type, v, `${path}.${name}`));
    }
    for (const name of Object.keys(value)) if (!(name in props)) errors.push(`${path}.${name}: not declared`);
    return errors;
  }

  /** An event frame: its type must be a declared event; envelope fields checked, the rest by model. */
  checkEvent(event: Record<string, unknown>): string[] {
    const type = String(event.type);
    if (!this.has(type)) return [`unknown event type ${type}`];
    const errors: string[] = [];
    if (typeof event.application !== 'string') errors.push(`${type}.application: required`);
    if (typeof event.asterisk_id !== 'string') errors.push(`${type}.asterisk_id: expected string`);
    errors.push(...this.check('Date', event.timestamp, `${type}.timestamp`));
    const body = Object.fromEntries(Object.entries(event).filter(([k]) => !ENVELOPE.has(k)));
    return [...errors, ...this.check(type, body)];
  }
}

/** Loads every model pbx-sim serves, over HTTP, as ari-client would. */
export async function servedModels(
  baseUrl: string,
  auth: string,
): Promise<{ models: Record<string, Model>; docs: Record<string, Record<string, unknown>> }> {
  const get = async (path: string) =>
    (await (await fetch(`${baseUrl}${path}`, { headers: { authorization: auth } })).json()) as Record<string, unknown>;
  const resources = await get('/ari/api-docs/resources.json');
  const docs: Record<string, Record<string, unknown>> = {};
  const models: Record<string, Model> = {};
  for (const api of resources.apis as { path: string }[]) {
    const name = api.path.replace('/api-docs/', '').replace('.{format}', '');
    const doc = await get(`/ari/api-docs/${name}.json`);
    docs[name] = doc;
    Object.assign(models, doc.models as Record<string, Model>);
  }
  return { models, docs };
}
