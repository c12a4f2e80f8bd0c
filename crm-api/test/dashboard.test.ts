import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CrmMetrics } from '../src/metrics/crmMetrics';

/** Each crm-api metric the Grafana dashboard and the Prometheus alerts (ops/) name must be one crm-api exports. */
const root = new URL('../../ops/', import.meta.url);

describe('ops dashboards and alerts use metrics crm-api exports', () => {
  it('every cc1357_crm_* metric they name exists', async () => {
    const exported = new Set((await new CrmMetrics().registry.getMetricsAsJSON()).map((metric) => metric.name));
    const texts = [
      await readFile(new URL('grafana/cc1357.json', root), 'utf8'),
      await readFile(new URL('prometheus/alerts.yml', root), 'utf8'),
    ];
    const used = new Set<string>();
    for (const t of texts)
      for (const m of t.matchAll(/\b(cc1357_crm_[a-z0-9_]*)\b/g)) used.add(m[1]!.replace(/_(bucket|count|sum)$/, ''));
    expect(used.size).toBeGreaterThanOrEqual(3);
    expect([...used].filter((name) => !exported.has(name))).toEqual([]);
  });
});
